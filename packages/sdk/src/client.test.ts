import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ApiUnavailableError, createClient } from './index.js';

// A local HTTP server that answers like the API and records what it got.
const seen: IncomingMessage[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/api/categories') {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          items: [
            {
              id: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
              slug: 'coding',
              name: 'Coding',
              description: '',
              promptCount: 3,
            },
          ],
        }),
      );
      return;
    }
    if (req.url === '/broken') {
      res.end('<html>');
      return;
    }
    res.statusCode = 404;
    res.setHeader('content-type', 'application/problem+json');
    res.end(
      JSON.stringify({
        type: 'https://promptnx.dev/problems/route-not-found',
        title: 'Not Found',
        status: 404,
        code: 'ROUTE_NOT_FOUND',
        detail: `no route ${req.method} ${req.url}`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createClient', () => {
  it('parses typed answers and sends the bearer token', async () => {
    const client = createClient({ baseUrl: `${baseUrl}/`, accessToken: 'tok' });
    const list = await client.categories.list();
    expect(list.items[0]?.slug).toBe('coding');
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer tok');
  });

  it('turns problem+json answers into ApiError with the code', async () => {
    const client = createClient({ baseUrl });
    const error = await client.health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ROUTE_NOT_FOUND');
    expect((error as ApiError).status).toBe(404);
  });

  it('reports an unreachable API as ApiUnavailableError', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(client.categories.list()).rejects.toBeInstanceOf(ApiUnavailableError);
  });
});
