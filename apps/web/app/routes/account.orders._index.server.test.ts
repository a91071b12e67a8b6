import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { order, pendingOrder } from '../test/orders';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url.startsWith('/api/orders') ? answer : undefined,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  answer = { status: 200, body: { items: [order(), pendingOrder()], nextCursor: null } };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function orders(path = '/account/orders', cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./account.orders._index.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

describe('order history', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await orders();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Faccount%2Forders');
  });

  it('lists the buyer’s orders with their status and receipt number', async () => {
    const result = await orders('/account/orders?cursor=abc', await signedInCookie());
    expect(api.calls[0]?.url).toBe('/api/orders?cursor=abc');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as {
      orders: { status: string; receiptNumber: string }[];
      cursor: string | null;
    };
    expect(data.orders.map((o) => o.status)).toEqual(['paid', 'pending']);
    expect(data.orders[0]?.receiptNumber).toBe('A1B2C3D4');
    expect(data.cursor).toBe('abc');
  });

  it('shows a 503 page when the API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await orders('/account/orders', await signedInCookie())).status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./account.orders._index'))).toBe(PRIVATE_NO_STORE);
  });
});
