import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// A local HTTP server that answers like the API and records the headers it got.
const categories = [
  {
    id: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
    slug: 'coding',
    name: 'Coding',
    description: 'Prompts that write and review code.',
    promptCount: 12,
  },
  {
    id: '0b7c2f0e-8a51-4b8e-9a0f-6b1d2e3c4f50',
    slug: 'image-generation',
    name: 'Image generation',
    description: 'Midjourney and Stable Diffusion prompts.',
    promptCount: 7,
  },
];
const seen: IncomingHttpHeaders[] = [];
let answerWith: 'categories' | 'database-down' = 'categories';
let server: Server;
let apiUrl: string;

function listen(s: Server) {
  return new Promise<string>((resolve) =>
    s.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`),
    ),
  );
}
function close(s: Server) {
  return new Promise<void>((resolve) => s.close(() => resolve()));
}

/** Loads the loader with API_URL set to `url` (the env is read once, at import). */
async function importLoader(url: string) {
  vi.stubEnv('API_URL', url);
  vi.resetModules();
  return (await import('./_index.server')).loader;
}

function callLoader(loader: Awaited<ReturnType<typeof importLoader>>, headers?: HeadersInit) {
  const request = new Request('http://127.0.0.1:3000/', { headers });
  return loader({ request, params: {}, context: {} });
}

async function thrownBy(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the loader to throw');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.url === '/api/categories' && answerWith === 'categories') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ items: categories }));
      return;
    }
    res.statusCode = 503;
    res.setHeader('content-type', 'application/problem+json');
    res.end(
      JSON.stringify({
        type: 'https://promptnx.dev/problems/database-unavailable',
        title: 'Service Unavailable',
        status: 503,
        code: 'DATABASE_UNAVAILABLE',
      }),
    );
  });
  apiUrl = await listen(server);
});
afterEach(() => {
  answerWith = 'categories';
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
afterAll(() => close(server));

describe('home loader', () => {
  it('returns the categories from the API and forwards x-request-id', async () => {
    const loader = await importLoader(apiUrl);
    const data = await callLoader(loader, { 'x-request-id': 'req-123' });
    expect(data).toEqual({ categories });
    expect(seen.at(-1)?.['x-request-id']).toBe('req-123');
  });

  it('sends no x-request-id when the visitor had none', async () => {
    const loader = await importLoader(apiUrl);
    await callLoader(loader);
    expect(seen.at(-1)?.['x-request-id']).toBeUndefined();
  });

  it('throws a 503 response when the API reports an outage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answerWith = 'database-down';
    const loader = await importLoader(apiUrl);
    const error = await thrownBy(callLoader(loader));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('throws a 503 response when the API cannot be reached', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A port that was just free: nothing listens there any more.
    const gone = createServer();
    const goneUrl = await listen(gone);
    await close(gone);

    const loader = await importLoader(goneUrl);
    const error = await thrownBy(callLoader(loader));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(503);
    expect(await (error as Response).text()).toBe('The catalog is unavailable right now');
    expect(warn.mock.calls[0]?.[0]).toMatch(/cannot be reached/);
  });
});
