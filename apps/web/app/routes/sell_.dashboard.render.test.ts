import type { LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { payout, payoutList, payoutSummary, sellerDashboard } from '../test/dashboard';
import { type FakeAnswer, startFakeApi, USER_ID } from '../test/fake-api';
import { renderRoute } from '../test/render-route';
import { CSRF, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

// The HTML of /sell/dashboard and /sell/payouts as the server sends it, from the real
// loaders over a fake API: figures, accessible SVG charts with their numbers in a table,
// a range form that works without JavaScript, the next step and why a payout failed.

let api: Awaited<ReturnType<typeof startFakeApi>>;
let dashboardAnswer: FakeAnswer;
let payoutsAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    const url = new URL(call.url, 'http://api.test');
    if (url.pathname === `/api/sellers/${USER_ID}/dashboard`) return dashboardAnswer;
    if (url.pathname === '/api/payouts') return payoutsAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  dashboardAnswer = { status: 200, body: sellerDashboard() };
  payoutsAnswer = { status: 200, body: payoutList() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function render(route: 'dashboard' | 'payouts', path: string) {
  const { loader } = await withApi(
    api.url,
    (): Promise<{ loader: (args: LoaderFunctionArgs) => Promise<unknown> }> =>
      route === 'dashboard' ? import('./sell_.dashboard.server') : import('./sell_.payouts.server'),
  );
  const result = await outcome(async () =>
    loader({ request: pageRequest(path, await signedInCookie()), params: {}, context: {} }),
  );
  expect(result.status).toBe(200);
  const { default: Page } =
    route === 'dashboard' ? await import('./sell_.dashboard') : await import('./sell_.payouts');
  return renderRoute(Page, { url: path, loaderData: result.data, rootData: { csrfToken: CSRF } });
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('the dashboard page', () => {
  it('shows the key figures with their names', async () => {
    const html = text(await render('dashboard', '/sell/dashboard'));
    expect(html).toContain('Net revenue $36.00 After $9.00 fees and $5.00 refunds');
    expect(html).toContain('Gross revenue $50.00');
    expect(html).toContain('Views 38');
    expect(html).toContain('Conversion 7.9%');
    expect(html).toContain('Average rating 4.0 / 5');
    expect(html).toContain('Pending $42.50');
    expect(html).toContain('Available $31.00');
    expect(html).toContain('Next payout $33.50 Nov 23, 2026, 00:00 UTC');
  });

  it('draws the charts as labelled SVG images, with the numbers in a table', async () => {
    const html = await render('dashboard', '/sell/dashboard');
    for (const id of ['sales', 'revenue']) {
      const svg = html.match(new RegExp(`<svg[^>]*aria-labelledby="${id}-title ${id}-desc"[^>]*>`));
      expect(svg?.[0]).toContain('role="img"');
      expect(html).toContain(`<title id="${id}-title">`);
      expect(html).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
    }
    expect(html).toContain('<title id="sales-title">Sales per day</title>');
    expect(text(html.match(/<desc id="sales-desc">[^<]+/)![0])).toContain(
      'Prompts sold per day from Nov 20 to Nov 22: 3 in all, the most (2) on Nov 22.',
    );
    // One bar per bucket, each with its own tooltip.
    expect(html.match(/<rect /g)).toHaveLength(3);
    expect(html).toContain('<title>Nov 22: Sales 2</title>');
    // Gross solid, net dashed: told apart by more than colour, and named in a legend.
    expect(html).toContain('series-gross');
    expect(text(html)).toMatch(/Gross\s+Net/);
    const table = html.match(/<table[^>]*data-testid="series-table"[\s\S]*?<\/table>/)![0];
    expect(table.match(/<tr>/g)).toHaveLength(4);
    expect(text(table)).toContain('Nov 22 2 0 $30.00 $20.00 28');
  });

  it('changes the range with a plain GET form and links', async () => {
    const html = await render('dashboard', '/sell/dashboard?interval=week');
    const form = html.match(/<form[^>]*aria-label="Chart range"[\s\S]*?<\/form>/)![0];
    expect(form).toMatch(/method="get" action="\/sell\/dashboard"/);
    expect(form).toContain('<label for="range-interval">Group by</label>');
    expect(form).toContain('name="interval"');
    expect(form).toMatch(/<input id="range-from" name="from" type="date" value="2026-11-20"/);
    expect(html).toContain('href="/sell/dashboard?interval=month"');
  });

  it('lists the prompts with views, sales, conversion, rating and revenue', async () => {
    const html = await render('dashboard', '/sell/dashboard');
    const table = html.match(/<table[^>]*data-testid="dashboard-prompts"[\s\S]*?<\/table>/)![0];
    expect(text(table)).toContain('Code review buddy');
    expect(text(table)).toMatch(/Published 38 3 \(\+1 refunded\) 7\.9% .*4\.0.* \$36\.00/);
    expect(table).toContain(`href="/sell/prompts/`);
  });

  it('shows the onboarding status with a link to the next step', async () => {
    dashboardAnswer = {
      status: 200,
      body: sellerDashboard({
        seller: {
          isSeller: true,
          status: 'onboarding',
          chargesEnabled: false,
          payoutsEnabled: false,
          nextStep: {
            code: 'finish_onboarding',
            message: 'Finish setting up your payout account so buyers can purchase your prompts.',
          },
        },
        payouts: payoutSummary({
          nextPayout: {
            at: '2026-11-23T00:00:00Z',
            amount: { amount: 0, currency: 'usd' },
            projectedBalance: { amount: 3350, currency: 'usd' },
            reason: 'payouts_not_enabled',
          },
        }),
      }),
    };
    const html = await render('dashboard', '/sell/dashboard');
    const card = html.match(/<section[^>]*data-testid="onboarding-status"[\s\S]*?<\/section>/)![0];
    expect(text(card)).toContain('Status Setting up');
    expect(text(card)).toContain('Next step: Finish setting up your payout account');
    expect(card).toMatch(/<a[^>]*href="\/sell"[^>]*>Continue setup<\/a>/);
    expect(text(html)).toContain('Payouts are not enabled yet: finish your payout details first.');
  });

  it('shows recent payouts, feedback and activity', async () => {
    const html = text(await render('dashboard', '/sell/dashboard'));
    expect(html).toContain('Failed $7.00');
    expect(html).toContain('The bank account was closed');
    expect(html).toContain('Exactly what I needed.');
    expect(html).toContain('You sold “Code review buddy” for $4.99');
  });
});

describe('the payouts page', () => {
  it('explains pending, available, the hold period, the minimum and the schedule', async () => {
    const html = text(await render('payouts', '/sell/payouts'));
    expect(html).toContain('Pending $42.50');
    expect(html).toContain('Available $31.00');
    expect(html).toContain('Next payout $33.50 Nov 23, 2026, 00:00 UTC');
    expect(html).toContain('pending for 7 days');
    expect(html).toContain('Payouts run every day at 00:00 UTC');
    expect(html).toContain('at least $10.00 (the minimum payout)');
  });

  it('lists payouts with their status and why one failed', async () => {
    const html = await render('payouts', '/sell/payouts');
    const rows = html.match(/<tr data-testid="payout-row">[\s\S]*?<\/tr>/g)!;
    expect(rows).toHaveLength(2);
    expect(text(rows[0]!)).toContain('Failed $7.00 — The bank account was closed');
    expect(text(rows[1]!)).toMatch(/Paid \$15\.00 Nov 20, 2026 —/);
  });

  it('says a payout being sent is retried, with its last error', async () => {
    payoutsAnswer = {
      status: 200,
      body: payoutList({
        items: [payout({ status: 'processing', paidAt: null, lastError: 'Stripe answered 503' })],
      }),
    };
    const html = await render('payouts', '/sell/payouts');
    const row = html.match(/<tr data-testid="payout-row">[\s\S]*?<\/tr>/)![0];
    expect(text(row)).toContain(
      'Sending $15.00 — Being sent; it is tried again automatically. Last try: Stripe answered 503',
    );
  });

  it('says why the next payout is zero below the minimum, and a negative balance', async () => {
    payoutsAnswer = {
      status: 200,
      body: payoutList({
        items: [],
        summary: payoutSummary({
          balance: {
            pending: { amount: 0, currency: 'usd' },
            available: { amount: -400, currency: 'usd' },
            nextAvailableAt: null,
          },
          nextPayout: {
            at: '2026-11-23T00:00:00Z',
            amount: { amount: 0, currency: 'usd' },
            projectedBalance: { amount: -400, currency: 'usd' },
            reason: 'below_minimum',
          },
        }),
      }),
    };
    const html = text(await render('payouts', '/sell/payouts'));
    expect(html).toContain('Available -$4.00 A refund after a payout: later earnings repay it');
    expect(html).toContain('Your balance by then (-$4.00) is below the $10.00 minimum');
    expect(html).toContain('No payouts yet.');
  });
});
