/**
 * A closed-loop HTTP load generator: N workers, each sending one GET at a
 * time over its own keep-alive connection and recording how long each took.
 */
import http from 'node:http';
import { type LatencySummary, Samples, seededRandom, summarize } from './stats.js';

export interface HttpResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** One GET over the given agent; resolves with status, headers and body. */
export function get(
  url: URL,
  agent: http.Agent,
  timeoutMs = 30_000,
  headers: http.OutgoingHttpHeaders = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, timeout: timeoutMs, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: response.headers,
        }),
      );
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    request.on('error', reject);
  });
}

export interface LoadResult {
  /** Completed requests per second over the measured window. */
  throughput: number;
  requests: number;
  errors: number;
  /** The first failure, to show what went wrong. */
  firstError?: string;
  seconds: number;
  latency: LatencySummary;
  /**
   * The API's search result cache, from its Server-Timing header
   * (`desc="postgres, cache hit"`): answers that reused a cached phase 1.
   */
  searchCache?: { hits: number; misses: number; bypassed: number; hitRate: number };
}

/**
 * Runs `concurrency` workers for `seconds`: each sends its next request as
 * soon as the previous answer is read, to `urls` (one picked at random each
 * time when there are several, from a fixed seed). Only 200 answers count as
 * successes; their latencies are what the summary describes.
 */
export async function runLoad(
  urls: URL | URL[],
  concurrency: number,
  seconds: number,
  options: { seed?: number; headers?: http.OutgoingHttpHeaders } = {},
): Promise<LoadResult> {
  const list = Array.isArray(urls) ? urls : [urls];
  const seed = options.seed ?? 1;
  const cache = { hits: 0, misses: 0, bypassed: 0 };
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = new Samples();
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function worker(_: unknown, index: number) {
    const random = seededRandom(seed * 1000 + index);
    while (performance.now() < deadline) {
      const url = list[Math.floor(random() * list.length)]!;
      const t0 = performance.now();
      try {
        const { status, body, headers } = await get(url, agent, 30_000, options.headers);
        if (status === 200) {
          samples.push(performance.now() - t0);
          const timing = String(headers['server-timing'] ?? '');
          if (timing.includes('cache hit')) cache.hits++;
          else if (timing.includes('cache miss')) cache.misses++;
          else if (timing.includes('cache off')) cache.bypassed++;
        } else {
          errors++;
          firstError ??= `HTTP ${status}: ${body.slice(0, 200)}`;
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  }

  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    throughput: samples.length / elapsed,
    requests: samples.length,
    errors,
    ...(firstError ? { firstError } : {}),
    seconds: elapsed,
    latency: summarize(samples.values()),
    ...(cache.hits + cache.misses + cache.bypassed > 0
      ? {
          searchCache: {
            ...cache,
            hitRate: cache.hits / Math.max(1, cache.hits + cache.misses + cache.bypassed),
          },
        }
      : {}),
  };
}
