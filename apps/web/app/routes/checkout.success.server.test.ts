import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { ORDER_ID, order, pendingOrder } from '../test/orders';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url === `/api/orders/${ORDER_ID}` ? answer : undefined,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  answer = { status: 200, body: order() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function result(path: string, cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./checkout.success.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

const page = `/checkout/success?order=${ORDER_ID}`;

interface ResultData {
  order: { status: string; receiptNumber: string };
  nextCheck: string | null;
}

describe('checkout result', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const answer = await result(page);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(page)}`);
    expect(api.calls).toEqual([]);
  });

  it('shows a paid order, asking as the buyer', async () => {
    const answer = await result(page, await signedInCookie());
    expect(answer.status).toBe(200);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = answer.data as ResultData;
    expect(data.order.status).toBe('paid');
    expect(data.order.receiptNumber).toBe('A1B2C3D4');
    expect(data.nextCheck).toBeNull();
  });

  it('checks a pending order again, a limited number of times', async () => {
    answer = { status: 200, body: pendingOrder() };
    const first = (await result(page, await signedInCookie())).data as ResultData;
    expect(first.order.status).toBe('pending');
    expect(first.nextCheck).toBe(`${page}&check=1`);
    const later = (await result(`${page}&check=7`, await signedInCookie())).data as ResultData;
    expect(later.nextCheck).toBe(`${page}&check=8`);
    const last = (await result(`${page}&check=15`, await signedInCookie())).data as ResultData;
    expect(last.nextCheck).toBeNull();
    // Nonsense counts start over rather than break the page.
    const odd = (await result(`${page}&check=-4`, await signedInCookie())).data as ResultData;
    expect(odd.nextCheck).toBe(`${page}&check=1`);
  });

  it('shows failed and expired orders without checking again', async () => {
    for (const status of ['failed', 'expired']) {
      answer = { status: 200, body: order({ status, paidAt: null }) };
      const data = (await result(page, await signedInCookie())).data as ResultData;
      expect(data.order.status).toBe(status);
      expect(data.nextCheck).toBeNull();
    }
  });

  it('goes to the order history without an order id', async () => {
    const answer = await result('/checkout/success', await signedInCookie());
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe('/account/orders');
  });

  it('answers 404 for an id that cannot be one, without asking the API', async () => {
    const answer = await result('/checkout/success?order=nope', await signedInCookie());
    expect(answer.status).toBe(404);
    expect(api.calls).toEqual([]);
  });

  it('answers 404 for someone else’s order (the API says not found)', async () => {
    answer = problem(404, 'NOT_FOUND');
    expect((await result(page, await signedInCookie())).status).toBe(404);
  });

  it('shows a 503 page when the API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await result(page, await signedInCookie())).status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('is never stored: private, no-store', async () => {
    expect(cacheControlOf(await import('./checkout.success'))).toBe(PRIVATE_NO_STORE);
  });
});
