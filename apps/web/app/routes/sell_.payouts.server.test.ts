import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../test/catalog';
import { FAILED_PAYOUT_ID, payoutList } from '../test/dashboard';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, sessionFrom, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: (url: URL) => FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    const url = new URL(call.url, 'http://api.test');
    return call.method === 'GET' && url.pathname === '/api/payouts' ? answer(url) : undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  answer = () => ({ status: 200, body: payoutList({ nextCursor: 'next-page' }) });
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function page(path = '/sell/payouts', cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./sell_.payouts.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

type PageData = {
  summary: ReturnType<typeof payoutList>['summary'];
  payouts: { id: string; status: string; failureReason: string | null }[];
  nextCursor: string | null;
  cursor: string | null;
};

describe('payouts loader', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await page();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fpayouts');
    expect(api.calls).toEqual([]);
  });

  it('shows balances, the next payout and payouts with their failure reasons', async () => {
    const result = await page('/sell/payouts', await signedInCookie());
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/payouts');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as PageData;
    expect(data.summary.balance.available).toEqual({ amount: 3100, currency: 'usd' });
    expect(data.summary.nextPayout.at).toBe('2026-11-23T00:00:00Z');
    expect(data.payouts[0]).toMatchObject({
      id: FAILED_PAYOUT_ID,
      status: 'failed',
      failureReason: 'The bank account was closed',
    });
    expect(data.nextCursor).toBe('next-page');
    expect(data.cursor).toBeNull();
    expect((await sessionFrom(result.headers)).get('seller')).toBe(true);
  });

  it('pages with the cursor from the address', async () => {
    const result = await page('/sell/payouts?cursor=next-page', await signedInCookie());
    expect(api.calls[0]?.url).toBe('/api/payouts?cursor=next-page');
    expect((result.data as PageData).cursor).toBe('next-page');
  });

  it('shows the first page for a cursor the API refuses', async () => {
    answer = (url) =>
      url.searchParams.get('cursor')
        ? problem(400, 'VALIDATION_FAILED', {
            errors: [{ field: 'query.cursor', message: 'is not a cursor this API gave out' }],
          })
        : { status: 200, body: payoutList() };
    const result = await page('/sell/payouts?cursor=tampered', await signedInCookie());
    expect(result.status).toBe(200);
    expect(api.calls.map((c) => c.url)).toEqual(['/api/payouts?cursor=tampered', '/api/payouts']);
    expect((result.data as PageData).cursor).toBeNull();
  });

  it('sends someone who does not sell to /sell', async () => {
    answer = () => problem(403, 'SELLER_REQUIRED');
    const result = await page('/sell/payouts', await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
  });

  it('answers 503 when the API is down', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = () => problem(502, 'PAYMENTS_UNAVAILABLE');
    const result = await page('/sell/payouts', await signedInCookie());
    expect(result.status).toBe(503);
    expect(result.headers.get('Retry-After')).toBe('30');
  });
});
