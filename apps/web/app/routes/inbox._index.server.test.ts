import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { thread } from '../test/chat';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url.startsWith('/api/chat/threads') ? answer : undefined,
  );
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./inbox._index.server'));

async function inbox(cookie?: string, path = '/inbox') {
  const { loader } = await load();
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

describe('the inbox', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    answer = { status: 200, body: { items: [], nextCursor: null } };
    const result = await inbox();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Finbox');
    expect(api.calls).toEqual([]);
  });

  it('lists my conversations with their unread counts, a page at a time', async () => {
    answer = { status: 200, body: { items: [thread()], nextCursor: 'next-page' } };
    const result = await inbox(await signedInCookie(), '/inbox?cursor=abc');
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/chat/threads?cursor=abc');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    expect(result.data).toMatchObject({
      threads: [{ id: thread().id, unreadCount: 2 }],
      nextCursor: 'next-page',
      cursor: 'abc',
    });
  });

  it('is a 503 page when the API is down', async () => {
    answer = problem(503, 'DATABASE_UNAVAILABLE');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await inbox(await signedInCookie())).status).toBe(503);
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./inbox._index'))).toBe(PRIVATE_NO_STORE);
  });
});
