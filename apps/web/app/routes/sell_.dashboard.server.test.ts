import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../test/catalog';
import { sellerDashboard } from '../test/dashboard';
import { type FakeAnswer, me, startFakeApi, USER_ID } from '../test/fake-api';
import { outcome, pageRequest, sessionFrom, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: (url: URL) => FakeAnswer;
let meAnswer: FakeAnswer;

const DASHBOARD = `/api/sellers/${USER_ID}/dashboard`;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    const url = new URL(call.url, 'http://api.test');
    if (call.method === 'GET' && url.pathname === DASHBOARD) return answer(url);
    if (call.method === 'GET' && url.pathname === '/api/me') return meAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  answer = () => ({ status: 200, body: sellerDashboard() });
  meAnswer = { status: 200, body: me() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function page(path = '/sell/dashboard', cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./sell_.dashboard.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

const dashboardCalls = () => api.calls.filter((c) => c.url.startsWith(DASHBOARD));

describe('seller dashboard loader', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await page();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fdashboard');
    expect(api.calls).toEqual([]);
  });

  it('loads the signed-in seller’s own dashboard, as them, and remembers they sell', async () => {
    const result = await page('/sell/dashboard', await signedInCookie());
    expect(result.status).toBe(200);
    expect(dashboardCalls()).toHaveLength(1);
    expect(dashboardCalls()[0]?.url).toBe(DASHBOARD);
    expect(dashboardCalls()[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const { dashboard, rangeError, range } = result.data as {
      dashboard: ReturnType<typeof sellerDashboard>;
      rangeError: string | null;
      range: { interval: string; from: string; to: string };
    };
    expect(dashboard.totals.net).toEqual({ amount: 3600, currency: 'usd' });
    expect(dashboard.series.buckets).toHaveLength(3);
    expect(rangeError).toBeNull();
    expect(range).toEqual({ interval: 'day', from: '2026-11-20', to: '2026-11-22' });
    // The header's seller links come from this hint in the session.
    expect((await sessionFrom(result.headers)).get('seller')).toBe(true);
  });

  it('passes the chart range from the address to the API', async () => {
    await page(
      '/sell/dashboard?interval=week&from=2026-01-01&to=2026-03-01&x=1',
      await signedInCookie(),
    );
    expect(dashboardCalls()[0]?.url).toBe(
      `${DASHBOARD}?interval=week&from=2026-01-01&to=2026-03-01`,
    );
  });

  it('shows the default range, and why, when the API refuses the one asked for', async () => {
    answer = (url) =>
      url.searchParams.get('from')
        ? problem(400, 'VALIDATION_FAILED', {
            errors: [{ field: 'query.from', message: 'must not be after query.to' }],
          })
        : { status: 200, body: sellerDashboard() };
    const result = await page(
      '/sell/dashboard?interval=month&from=2026-05-01&to=2026-01-01',
      await signedInCookie(),
    );
    expect(result.status).toBe(200);
    expect(dashboardCalls().map((c) => c.url)).toEqual([
      `${DASHBOARD}?interval=month&from=2026-05-01&to=2026-01-01`,
      `${DASHBOARD}?interval=month`,
    ]);
    const { rangeError, range } = result.data as {
      rangeError: string;
      range: { interval: string; from: string; to: string };
    };
    expect(rangeError).toBe('The start date must be on or before the end date.');
    // The form keeps what was typed, so it can be corrected.
    expect(range).toEqual({ interval: 'month', from: '2026-05-01', to: '2026-01-01' });
  });

  it('an unknown grouping falls back to days, saying so', async () => {
    answer = (url) =>
      url.searchParams.get('interval')
        ? problem(400, 'VALIDATION_FAILED', {
            errors: [{ field: 'query.interval', message: 'Invalid option' }],
          })
        : { status: 200, body: sellerDashboard() };
    const result = await page('/sell/dashboard?interval=hour', await signedInCookie());
    expect(result.status).toBe(200);
    expect(dashboardCalls().map((c) => c.url)).toEqual([`${DASHBOARD}?interval=hour`, DASHBOARD]);
    expect((result.data as { rangeError: string }).rangeError).toBe(
      'Choose days, weeks or months.',
    );
  });

  it('sends someone who does not sell to /sell, and forgets the hint', async () => {
    const seen = await page('/sell/dashboard', await signedInCookie());
    const flagged = seen.headers.get('Set-Cookie')!.split(';')[0]!;
    answer = () => problem(403, 'SELLER_REQUIRED');
    const result = await page('/sell/dashboard', flagged);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
    expect((await sessionFrom(result.headers)).get('seller')).toBeUndefined();
  });

  it('signs out a visitor whose token the API refuses', async () => {
    answer = () => problem(401, 'UNAUTHENTICATED');
    const result = await page('/sell/dashboard', await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fdashboard');
  });

  it('answers 503 with Retry-After when the API is down', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = () => problem(503, 'DATABASE_UNAVAILABLE');
    const result = await page('/sell/dashboard', await signedInCookie());
    expect(result.status).toBe(503);
    expect(result.headers.get('Retry-After')).toBe('30');
    expect(warn).toHaveBeenCalled();
  });
});

describe('seller links in the header', () => {
  it('appear once a seller page saw the user sells, and not for anyone else', async () => {
    const root = await withApi(api.url, () => import('../root.server'));
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const rootData = async (cookie: string) =>
      (
        (
          await outcome(() =>
            root.loader({ request: pageRequest('/account', cookie), params: {}, context: {} }),
          )
        ).data as { sellerLinks: boolean }
      ).sellerLinks;

    const signedIn = await signedInCookie();
    expect(await rootData(signedIn)).toBe(false);
    const dashboard = await page('/sell/dashboard', signedIn);
    const flagged = dashboard.headers.get('Set-Cookie')!.split(';')[0]!;
    expect(await rootData(flagged)).toBe(true);

    // The /sell page keeps the hint true for a seller, and takes it away from a buyer.
    const { loader: sellLoader } = await withApi(api.url, () => import('./sell.server'));
    const sell = (cookie: string) =>
      outcome(() => sellLoader({ request: pageRequest('/sell', cookie), params: {}, context: {} }));
    meAnswer = {
      status: 200,
      body: me({
        role: 'seller',
        seller: { status: 'active', chargesEnabled: true, payoutsEnabled: true, headline: '' },
      }),
    };
    const asSeller = await sell(signedIn);
    expect((await sessionFrom(asSeller.headers)).get('seller')).toBe(true);
    meAnswer = { status: 200, body: me() };
    const asBuyer = await sell(flagged);
    const cleared = asBuyer.headers.get('Set-Cookie')!.split(';')[0]!;
    expect(await rootData(cleared)).toBe(false);
  });
});
