import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'POST' && call.url === '/api/realtime/tickets' ? answer : undefined,
  );
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./messages.ticket.server'));

async function ask(fields: Record<string, string> = {}, signedIn = true) {
  const { action } = await load();
  const request = await formPost(
    '/messages/ticket',
    fields,
    signedIn ? await signedInCookie() : undefined,
  );
  try {
    return await action({ request, params: {}, context: {} });
  } catch (error) {
    return error as Response;
  }
}

describe('the realtime ticket', () => {
  it('hands the page a single-use ticket and the socket address, never the token', async () => {
    answer = {
      status: 201,
      body: {
        ticket: 'T'.repeat(43),
        expiresAt: '2026-11-22T03:00:00.000Z',
        url: 'ws://internal:4000/api/realtime',
      },
    };
    const response = await ask();
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    const body = await response.json();
    expect(body).toEqual({
      ticket: 'T'.repeat(43),
      expiresAt: '2026-11-22T03:00:00.000Z',
      // Where browsers reach the API (PUBLIC_API_URL, else API_URL), not the API's own idea.
      url: `${api.url.replace('http', 'ws')}/api/realtime`,
    });
    expect(JSON.stringify(body)).not.toContain('access-signed-in');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
  });

  it('answers 401 when signed out and 403 for a forged form', async () => {
    expect((await ask({}, false)).status).toBe(401);
    expect((await ask({ csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('signs the visitor out when the API refuses the token', async () => {
    answer = problem(401, 'UNAUTHENTICATED');
    const response = await ask();
    expect(response.status).toBe(401);
    expect(response.headers.get('Set-Cookie')).toContain('__session=');
  });

  it('is POST only', async () => {
    const { loader } = await load();
    expect(loader().status).toBe(405);
  });
});
