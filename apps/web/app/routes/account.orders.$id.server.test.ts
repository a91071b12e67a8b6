import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { ITEM_2_ID, ITEM_ID, ORDER_ID, order, orderItem, refund } from '../test/orders';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let orderAnswer: FakeAnswer;
let refundsAnswer: FakeAnswer;
let requestAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === `/api/orders/${ORDER_ID}`) return orderAnswer;
    if (call.method === 'GET' && call.url === `/api/orders/${ORDER_ID}/refunds`) {
      return refundsAnswer;
    }
    if (call.method === 'POST' && call.url === `/api/orders/${ORDER_ID}/refund-requests`) {
      return requestAnswer;
    }
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  orderAnswer = {
    status: 200,
    body: order({
      items: [
        orderItem(),
        orderItem({ id: ITEM_2_ID, prompt: { id: ITEM_2_ID, slug: 'two', title: 'Two' } }),
      ],
    }),
  };
  refundsAnswer = { status: 200, body: { items: [] } };
  requestAnswer = { status: 201, body: refund() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const path = `/account/orders/${ORDER_ID}`;
const load = () => withApi(api.url, () => import('./account.orders.$id.server'));

async function receipt(url = path, cookie?: string) {
  const { loader } = await load();
  return outcome(() =>
    loader({ request: pageRequest(url, cookie), params: { id: ORDER_ID }, context: {} }),
  );
}

async function askRefund(fields: Record<string, string | string[]>, signedIn = true) {
  const { action } = await load();
  // Several checkboxes of one name: a repeated field.
  const flat: Record<string, string> = {};
  const extra: [string, string][] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const v of value) extra.push([name, v]);
    else flat[name] = value;
  }
  const request = await formPost(path, flat, signedIn ? await signedInCookie() : undefined);
  const body = new URLSearchParams(await request.text());
  for (const [name, value] of extra) body.append(name, value);
  const withItems = new Request(request.url, {
    method: 'POST',
    headers: request.headers,
    body,
  });
  return outcome(() => action({ request: withItems, params: { id: ORDER_ID }, context: {} }));
}

describe('receipt', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await receipt();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
  });

  it('shows the order with its refunds, newest first, and who it was billed to', async () => {
    refundsAnswer = {
      status: 200,
      body: {
        items: [
          refund({ id: '11111111-1111-4111-8111-111111111111', createdAt: '2026-11-23T00:00:00Z' }),
          refund({ status: 'denied', createdAt: '2026-11-24T00:00:00Z', decisionReason: 'Used.' }),
        ],
      },
    };
    const result = await receipt(`${path}?notice=refund-requested`, await signedInCookie());
    expect(result.status).toBe(200);
    const data = result.data as {
      order: { receiptNumber: string };
      refunds: { status: string }[];
      billedTo: string;
      notice: string | null;
    };
    expect(data.order.receiptNumber).toBe('A1B2C3D4');
    expect(data.refunds.map((r) => r.status)).toEqual(['denied', 'requested']);
    expect(data.billedTo).toBe('ada@example.com');
    expect(data.notice).toMatch(/refund request is sent/);
  });

  it('answers 404 for someone else’s order and for an id that cannot be one', async () => {
    orderAnswer = problem(404, 'NOT_FOUND');
    expect((await receipt(path, await signedInCookie())).status).toBe(404);
    api.calls.length = 0;
    const { loader } = await load();
    const bad = await outcome(async () =>
      loader({
        request: pageRequest('/account/orders/nope', await signedInCookie()),
        params: { id: 'nope' },
        context: {},
      }),
    );
    expect(bad.status).toBe(404);
    expect(api.calls).toEqual([]);
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./account.orders.$id'))).toBe(PRIVATE_NO_STORE);
  });
});

describe('refund request', () => {
  it('sends the chosen items and the reason, then shows the order again (303)', async () => {
    const result = await askRefund({
      itemId: [ITEM_ID, ITEM_2_ID],
      reason: '  It does not work with my model.  ',
    });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`${path}?notice=refund-requested`);
    const call = api.calls.find((c) => c.method === 'POST');
    expect(call?.headers.authorization).toBe('Bearer access-signed-in');
    expect(call?.body).toEqual({
      itemIds: [ITEM_ID, ITEM_2_ID],
      reason: 'It does not work with my model.',
    });
  });

  it('asks for a reason and at least one item before calling the API', async () => {
    const result = await askRefund({ reason: 'no' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { itemIds: expect.any(String), reason: expect.any(String) },
      values: { itemIds: [], reason: 'no' },
    });
    expect(api.calls).toEqual([]);
  });

  it('shows the API’s words when the window is closed or a refund is already asked for', async () => {
    requestAnswer = problem(409, 'CONFLICT', { detail: 'the refund window closed on Nov 29' });
    const result = await askRefund({ itemId: [ITEM_ID], reason: 'Changed my mind.' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      formError: 'The refund window closed on Nov 29.',
      values: { itemIds: [ITEM_ID], reason: 'Changed my mind.' },
    });

    requestAnswer = problem(400, 'BAD_REQUEST', { detail: 'this order is not paid' });
    expect((await askRefund({ itemId: [ITEM_ID], reason: 'Changed my mind.' })).data).toMatchObject(
      { formError: 'This order is not paid.' },
    );
  });

  it('puts the API’s field errors beside their fields', async () => {
    requestAnswer = problem(400, 'VALIDATION_FAILED', {
      errors: [{ field: 'body.itemIds.0', message: 'not an item of this order' }],
    });
    const result = await askRefund({ itemId: [ITEM_ID], reason: 'Changed my mind.' });
    expect(result.data).toMatchObject({
      errors: { itemIds: 'Not an item of this order' },
      formError: null,
    });
  });

  it('refuses a post without the CSRF token, and a signed-out visitor', async () => {
    expect((await askRefund({ itemId: [ITEM_ID], reason: 'Why', csrf: 'forged' })).status).toBe(
      403,
    );
    const signedOut = await askRefund({ itemId: [ITEM_ID], reason: 'Why not' }, false);
    expect(signedOut.status).toBe(302);
    expect(api.calls).toEqual([]);
  });

  it('says so when the API is down', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    requestAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    const result = await askRefund({ itemId: [ITEM_ID], reason: 'Changed my mind.' });
    expect(result.status).toBe(503);
    expect(result.data).toMatchObject({ formError: expect.stringMatching(/try again/) });
    expect(warn).toHaveBeenCalledOnce();
  });
});
