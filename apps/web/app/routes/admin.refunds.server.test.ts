import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { REFUND_ID, refund } from '../test/orders';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let listAnswer: FakeAnswer;
let decisionAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/admin/refunds') return listAnswer;
    if (call.method === 'POST' && call.url.startsWith(`/api/admin/refunds/${REFUND_ID}/`)) {
      return decisionAnswer;
    }
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  listAnswer = { status: 200, body: { items: [refund()] } };
  decisionAnswer = { status: 200, body: refund({ status: 'processing' }) };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./admin.refunds.server'));

async function list(cookie?: string, path = '/admin/refunds') {
  const { loader } = await load();
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

async function decide(fields: Record<string, string>, signedIn = true) {
  const { action } = await load();
  const request = await formPost(
    '/admin/refunds',
    { refundId: REFUND_ID, ...fields },
    signedIn ? await signedInCookie() : undefined,
  );
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('admin refunds page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await list();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fadmin%2Frefunds');
  });

  it('lists the requests waiting for a decision, for an admin', async () => {
    const result = await list(await signedInCookie(), '/admin/refunds?notice=approved');
    expect(result.status).toBe(200);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as { refunds: { id: string }[]; notice: string | null };
    expect(data.refunds.map((r) => r.id)).toEqual([REFUND_ID]);
    expect(data.notice).toMatch(/approved/);
  });

  it('answers 403 to anyone who is not an admin', async () => {
    listAnswer = problem(403, 'ADMIN_REQUIRED');
    expect((await list(await signedInCookie())).status).toBe(403);
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./admin.refunds'))).toBe(PRIVATE_NO_STORE);
  });
});

describe('refund decisions', () => {
  it('approves a request and goes back to the list (303)', async () => {
    const result = await decide({ intent: 'approve' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('/admin/refunds?notice=approved');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST /api/admin/refunds/${REFUND_ID}/approve`,
    ]);
  });

  it('denies a request with the admin’s reason', async () => {
    const result = await decide({ intent: 'deny', reason: ' Used for a week. ' });
    expect(result.headers.get('Location')).toBe('/admin/refunds?notice=denied');
    expect(api.calls[0]?.url).toBe(`/api/admin/refunds/${REFUND_ID}/deny`);
    expect(api.calls[0]?.body).toEqual({ reason: 'Used for a week.' });
  });

  it('asks for a reason before denying, without calling the API', async () => {
    const result = await decide({ intent: 'deny', reason: 'no' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ refundId: REFUND_ID, reasonError: expect.any(String) });
    expect(api.calls).toEqual([]);
  });

  it('shows the API’s words for a request decided already', async () => {
    decisionAnswer = problem(409, 'CONFLICT', { detail: 'this refund was decided already' });
    const result = await decide({ intent: 'approve' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      refundId: REFUND_ID,
      formError: 'This refund was decided already.',
    });
  });

  it('answers 403 to a non-admin, and refuses a forged form', async () => {
    decisionAnswer = problem(403, 'ADMIN_REQUIRED');
    expect((await decide({ intent: 'approve' })).status).toBe(403);
    api.calls.length = 0;
    expect((await decide({ intent: 'approve', csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('refuses an unknown intent or refund id without calling the API', async () => {
    expect((await decide({ intent: 'refund-everything' })).status).toBe(400);
    expect((await decide({ intent: 'approve', refundId: 'nope' })).status).toBe(400);
    expect(api.calls).toEqual([]);
  });
});
