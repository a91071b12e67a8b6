import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
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
  answer = { status: 200, body: pendingOrder() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function cancelled(path: string, cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./checkout.cancelled.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

const page = `/checkout/cancelled?order=${ORDER_ID}`;

describe('checkout cancelled', () => {
  it('goes back to the prompt, which says the checkout was cancelled', async () => {
    const result = await cancelled(page, await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/p/code-review-buddy?checkout=cancelled');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
  });

  it('goes to the result page when the order was paid after all', async () => {
    answer = { status: 200, body: order() };
    const result = await cancelled(page, await signedInCookie());
    expect(result.headers.get('Location')).toBe(`/checkout/success?order=${ORDER_ID}`);
  });

  it('goes to the order history without a usable order id', async () => {
    const result = await cancelled('/checkout/cancelled?order=nope', await signedInCookie());
    expect(result.headers.get('Location')).toBe('/account/orders');
    expect(api.calls).toEqual([]);
  });

  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await cancelled(page);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(page)}`);
  });

  it('answers 404 for someone else’s order', async () => {
    answer = problem(404, 'NOT_FOUND');
    expect((await cancelled(page, await signedInCookie())).status).toBe(404);
  });
});
