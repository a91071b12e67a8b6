/**
 * A closed-loop HTTP load generator: N workers, each sending one GET at a
 * time over its own keep-alive connection and recording how long each took.
 */
import http from 'node:http';
import { type LatencySummary, Samples, summarize } from './stats.js';

export interface HttpResult {
  status: number;
  body: string;
}

/** One GET over the given agent; resolves with status and body. */
export function get(url: URL, agent: http.Agent, timeoutMs = 30_000): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
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
}

/**
 * Runs `concurrency` workers against `url` for `seconds`: each sends its next
 * request as soon as the previous answer is read. Only 200 answers count as
 * successes; their latencies are what the summary describes.
 */
export async function runLoad(url: URL, concurrency: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const samples = new Samples();
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;

  async function worker() {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const { status, body } = await get(url, agent);
        if (status === 200) samples.push(performance.now() - t0);
        else {
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
  };
}
