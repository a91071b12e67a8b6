import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { libraryItem } from '../test/orders';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url.startsWith('/api/library') ? answer : undefined,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  answer = {
    status: 200,
    body: {
      items: [libraryItem(), libraryItem({ source: 'free', orderId: null })],
      nextCursor: 'c2',
    },
  };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function library(path = '/library', cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./library._index.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

describe('library', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await library();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Flibrary');
    expect(api.calls).toEqual([]);
  });

  it('lists what the buyer owns, with covers a browser can load, a page at a time', async () => {
    const result = await library('/library?cursor=c1', await signedInCookie());
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/library?cursor=c1');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as {
      items: { prompt: { coverUrl: string | null }; source: string; latestVersion: number }[];
      nextCursor: string | null;
      cursor: string | null;
    };
    expect(data.items.map((i) => i.source)).toEqual(['purchase', 'free']);
    expect(data.items[0]?.prompt.coverUrl).toBe(
      `${api.url}/storage/v1/object/sign/prompt-assets/c.webp?token=1`,
    );
    expect(data.items[0]?.latestVersion).toBe(2);
    expect(data.nextCursor).toBe('c2');
    expect(data.cursor).toBe('c1');
  });

  it('signs out a visitor whose token the API refuses', async () => {
    answer = problem(401, 'UNAUTHENTICATED');
    const result = await library('/library', await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Flibrary');
  });

  it('shows a 503 page when the API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await library('/library', await signedInCookie())).status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./library._index'))).toBe(PRIVATE_NO_STORE);
  });
});
