import { randomUUID } from 'node:crypto';
import {
  createCategory,
  createDraftPrompt,
  createPublishedPrompt,
  createReview,
  createSeller,
  createUser,
  type TestPrompt,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { nextPayoutAt } from '@promptnx/payments';
import {
  orderSchema,
  promptViewResultSchema,
  refundSchema,
  type SellerDashboard,
  sellerDashboardSchema,
} from '@promptnx/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

// The dashboard's numbers against a known set of sales (made through the real
// checkout: order, test checkout page, webhook, fulfilment), one refund (the
// real admin refund), views (counted through the endpoint and seeded for past
// days), reviews, and ledger and payout rows as the payout job writes them.

const database = await useTestDatabase();
const app = await buildTestApp(database, {
  ...authEnv,
  STRIPE_WEBHOOK_SECRET: 'whsec_dashboard_test_secret_0123456789',
  AUTH_SITE_URL: 'http://web.test',
});
const { sql } = database;

type Headers = { authorization: string };
let seller: TestUser;
let sellerHeaders: Headers;
let otherSellerHeaders: Headers;
let adminHeaders: Headers;
let buyers: { user: TestUser; headers: Headers }[];
let promptA: TestPrompt;
let promptB: TestPrompt;
let draft: TestPrompt;
let paidPayoutId: string;
let failedPayoutId: string;

const TODAY = new Date().toISOString().slice(0, 10);

async function checkout(promptIds: string[], headers: Headers) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/orders',
    headers,
    payload: { promptIds },
  });
  expect(created.statusCode, created.body).toBe(201);
  const order = orderSchema.parse(created.json());
  // Pay on the embedded test checkout page, as the browser does.
  const pay = await app.inject({
    method: 'POST',
    url: `${new URL(order.checkoutUrl!).pathname}/pay`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  expect(pay.statusCode, pay.body).toBe(303);
  const [row] = await sql<{ status: string }[]>`select status from orders where id = ${order.id}`;
  expect(row?.status).toBe('paid');
  return order;
}

/** Moves an order's payment time into the past (the series buckets by it). */
async function paidOn(orderId: string, at: string) {
  await sql`update orders set paid_at = ${at}::timestamptz where id = ${orderId}`;
}

function view(idOrSlug: string, headers: Partial<Headers> = {}) {
  return app.inject({ method: 'POST', url: `/api/prompts/${idOrSlug}/views`, headers });
}

async function viewsOf(promptId: string, day = TODAY) {
  const [row] = await sql<{ views: number }[]>`
    select views from prompt_view_days where prompt_id = ${promptId} and day = ${day}`;
  return row?.views ?? 0;
}

function dashboard(sellerId: string, headers: Partial<Headers>, query = '') {
  return app.inject({ url: `/api/sellers/${sellerId}/dashboard${query}`, headers });
}

async function dashboardOf(query = '', headers: Headers = sellerHeaders): Promise<SellerDashboard> {
  const res = await dashboard(seller.id, headers, query);
  expect(res.statusCode, res.body).toBe(200);
  return sellerDashboardSchema.parse(res.json());
}

beforeAll(async () => {
  const category = await createCategory(database.db);
  seller = await createSeller(database.db);
  sellerHeaders = (await signIn(database, seller)).headers;
  otherSellerHeaders = (await signIn(database, await createSeller(database.db))).headers;
  adminHeaders = (await signIn(database, await createUser(database.db, { role: 'admin' }))).headers;
  buyers = [];
  for (let i = 0; i < 3; i++) {
    const user = await createUser(database.db);
    buyers.push({ user, headers: (await signIn(database, user)).headers });
  }
  promptA = await createPublishedPrompt(database.db, seller, {
    categoryId: category.id,
    priceAmount: 2000,
    title: 'Prompt A sells well',
  });
  promptB = await createPublishedPrompt(database.db, seller, {
    categoryId: category.id,
    priceAmount: 500,
    title: 'Prompt B is cheap',
  });
  draft = await createDraftPrompt(database.db, seller, {
    categoryId: category.id,
    title: 'Prompt D is a draft',
  });

  // Sale 1: buyer 0 buys A, paid Wednesday 4 March 2026.
  const first = await checkout([promptA.prompt.id], buyers[0]!.headers);
  await paidOn(first.id, '2026-03-04T12:00:00Z');
  // Sale 2: buyer 1 buys A and B, paid Tuesday 17 March; B is refunded by an admin.
  const second = await checkout([promptA.prompt.id, promptB.prompt.id], buyers[1]!.headers);
  await paidOn(second.id, '2026-03-17T09:00:00Z');
  const itemB = second.items.find((i) => i.prompt.id === promptB.prompt.id)!;
  const refund = await app.inject({
    method: 'POST',
    url: `/api/admin/orders/${second.id}/refunds`,
    headers: adminHeaders,
    payload: { itemIds: [itemB.id], reason: 'Bought it twice by mistake' },
  });
  expect(refund.statusCode, refund.body).toBe(201);
  expect(refundSchema.parse(refund.json()).status).toBe('succeeded');
  // Sale 3: buyer 2 buys B, paid now.
  await checkout([promptB.prompt.id], buyers[2]!.headers);

  // Views of past days, as the counter left them.
  await sql`insert into prompt_view_days (prompt_id, day, seller_id, views) values
    (${promptA.prompt.id}, '2026-03-04', ${seller.id}, 10),
    (${promptA.prompt.id}, '2026-03-16', ${seller.id}, 5),
    (${promptB.prompt.id}, '2026-03-17', ${seller.id}, 20)`;

  // Reviews: two published (5 and 3), one pending that must not count.
  await createReview(database.db, buyers[0]!.user, promptA.prompt, {
    rating: 5,
    status: 'published',
    body: 'Exactly what I needed.',
  });
  await createReview(database.db, buyers[2]!.user, promptB.prompt, {
    rating: 3,
    status: 'published',
    body: 'Fine for the price.',
  });
  await createReview(database.db, buyers[1]!.user, promptA.prompt, {
    rating: 1,
    status: 'pending',
  });

  // Earlier money, as the payout job would have left it: 50.00 matured, a paid
  // payout of 15.00, a failed one of 7.00 (debited, then given back), and 2.50
  // whose hold ends before the next payout run.
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at, memo)
    values (${seller.id}, 'adjustment', 'credit', 5000, now() - interval '10 days', 'Migrated earnings')`;
  paidPayoutId = randomUUID();
  failedPayoutId = randomUUID();
  await sql`insert into payouts (id, seller_id, amount, status, idempotency_key, paid_at, created_at, scheduled_for)
    values (${paidPayoutId}, ${seller.id}, 1500, 'paid', ${`payout-${paidPayoutId}`}, now() - interval '5 days',
            now() - interval '5 days', now() - interval '5 days'),
           (${failedPayoutId}, ${seller.id}, 700, 'failed', ${`payout-${failedPayoutId}`}, null,
            now() - interval '1 day', now() - interval '1 day')`;
  await sql`update payouts set failure_reason = 'The bank account was closed' where id = ${failedPayoutId}`;
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, payout_id, available_at) values
    (${seller.id}, 'payout', 'debit', 1500, ${paidPayoutId}, now() - interval '5 days'),
    (${seller.id}, 'payout', 'debit', 700, ${failedPayoutId}, now() - interval '1 day'),
    (${seller.id}, 'payout_reversal', 'credit', 700, ${failedPayoutId}, now() - interval '1 day')`;
  // Halfway between now and the next payout run (midnight UTC).
  const nextRun = nextPayoutAt(new Date(), { minimumAmount: 1000, intervalSeconds: 86_400 });
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at, memo)
    values (${seller.id}, 'adjustment', 'credit', 250,
            now() + (${nextRun.toISOString()}::timestamptz - now()) / 2, 'Bonus')`;
  // A chat message notification: not about selling, not on the dashboard.
  await sql`insert into notifications (user_id, type, title) values (${seller.id}, 'message', 'New message')`;
});

describe('counting views', () => {
  it('counts each anonymous or buyer view once per call, by id or slug', async () => {
    const anonymous = await view(promptA.prompt.id);
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    expect(promptViewResultSchema.parse(anonymous.json())).toEqual({ counted: true });
    expect(anonymous.headers['cache-control']).toBe('no-store');
    expect(await viewsOf(promptA.prompt.id)).toBe(1);
    expect((await view(promptA.prompt.slug)).json()).toEqual({ counted: true });
    expect(await viewsOf(promptA.prompt.id)).toBe(2);
    expect((await view(promptB.prompt.id, buyers[0]!.headers)).json()).toEqual({ counted: true });
    expect(await viewsOf(promptB.prompt.id)).toBe(1);
  });

  it('does not count the seller’s own views, nor an admin’s', async () => {
    const own = await view(promptA.prompt.id, sellerHeaders);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ counted: false });
    expect((await view(promptB.prompt.slug, adminHeaders)).json()).toEqual({ counted: false });
    expect(await viewsOf(promptA.prompt.id)).toBe(2);
    expect(await viewsOf(promptB.prompt.id)).toBe(1);
  });

  it('answers 404 for drafts and unknown prompts and 400 for an address that is neither', async () => {
    expect((await view(draft.prompt.id)).statusCode).toBe(404);
    expect((await view(randomUUID())).statusCode).toBe(404);
    expect((await view('no-such-prompt')).statusCode).toBe(404);
    const bad = await view('not%20a%20slug!');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('params.id');
    const [drafted] = await sql<{ n: number }[]>`
      select count(*)::int as n from prompt_view_days where prompt_id = ${draft.prompt.id}`;
    expect(drafted?.n).toBe(0);
  });
});

describe('who may see a dashboard', () => {
  it('the seller and admins; another seller or a buyer gets 403, nobody signed in 401', async () => {
    expect((await dashboard(seller.id, sellerHeaders)).statusCode).toBe(200);
    expect((await dashboard(seller.id, adminHeaders)).statusCode).toBe(200);
    const other = await dashboard(seller.id, otherSellerHeaders);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    expect((await dashboard(seller.id, buyers[0]!.headers)).statusCode).toBe(403);
    expect((await dashboard(seller.id, {})).statusCode).toBe(401);
  });

  it('a buyer asking for their own is told to become a seller', async () => {
    const own = await dashboard(buyers[0]!.user.id, buyers[0]!.headers);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('SELLER_REQUIRED');
  });

  it('404 for an unknown id or an account that does not sell, even for an admin', async () => {
    const unknown = await dashboard(randomUUID(), adminHeaders);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('NOT_FOUND');
    expect((await dashboard(buyers[1]!.user.id, adminHeaders)).statusCode).toBe(404);
    // Someone else's unknown id is still none of a seller's business.
    expect((await dashboard(randomUUID(), sellerHeaders)).statusCode).toBe(403);
  });

  it('bad parameters are a 400 naming the field', async () => {
    const cases: [string, string, string][] = [
      [`/api/sellers/not-a-uuid/dashboard`, 'params.id', ''],
      [`/api/sellers/${seller.id}/dashboard?interval=hour`, 'query.interval', ''],
      [`/api/sellers/${seller.id}/dashboard?from=2026-13-01`, 'query.from', ''],
      [`/api/sellers/${seller.id}/dashboard?to=yesterday`, 'query.to', ''],
      [`/api/sellers/${seller.id}/dashboard?from=2026-03-10&to=2026-03-01`, 'query.from', 'after'],
      [
        `/api/sellers/${seller.id}/dashboard?interval=day&from=2025-01-01&to=2026-03-01`,
        'query.from',
        'at most 366',
      ],
      [
        `/api/sellers/${seller.id}/dashboard?interval=month&from=2000-01-01&to=2026-03-01`,
        'query.from',
        'at most 120',
      ],
    ];
    for (const [url, field, message] of cases) {
      const res = await app.inject({ url, headers: sellerHeaders });
      expect(res.statusCode, url).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors[0].field, url).toBe(field);
      expect(problem.errors[0].message).toContain(message);
    }
  });
});

describe('the numbers', () => {
  it('totals: sales kept, refunds, gross, fees, net, views, conversion and rating', async () => {
    const d = await dashboardOf();
    expect(d.currency).toBe('usd');
    // Sold: A (b0), A + B (b1, B refunded), B (b2).
    expect(d.totals).toEqual({
      sales: 3,
      refunds: 1,
      gross: { amount: 5000, currency: 'usd' },
      refunded: { amount: 500, currency: 'usd' },
      fees: { amount: 900, currency: 'usd' },
      net: { amount: 3600, currency: 'usd' },
      // 10 + 5 + 20 seeded, 2 + 1 counted today.
      views: 38,
      conversion: 0.0789,
    });
    expect(d.rating).toEqual({ average: 4, count: 2 });
    // Net is what the ledger credited minus what refunds debited.
    const [ledger] = await sql<{ net: number }[]>`
      select sum(case direction when 'credit' then amount else -amount end)::int as net
      from ledger_entries where seller_id = ${seller.id} and kind in ('sale', 'refund')`;
    expect(ledger?.net).toBe(d.totals.net.amount);
    // The admin sees the same figures.
    const asAdmin = await dashboardOf('', adminHeaders);
    expect(asAdmin.totals).toEqual(d.totals);
  });

  it('per prompt: views, sales, conversion, rating and revenue, best earners first', async () => {
    const d = await dashboardOf();
    expect(d.prompts.map((p) => [p.title, p.status])).toEqual([
      ['Prompt A sells well', 'published'],
      ['Prompt B is cheap', 'published'],
      ['Prompt D is a draft', 'draft'],
    ]);
    const [a, b, dr] = d.prompts;
    expect(a).toMatchObject({
      id: promptA.prompt.id,
      slug: promptA.prompt.slug,
      views: 17,
      sales: 2,
      refunds: 0,
      conversion: 0.1176,
      rating: { average: 5, count: 1 },
      gross: { amount: 4000, currency: 'usd' },
      net: { amount: 3200, currency: 'usd' },
    });
    expect(b).toMatchObject({
      views: 21,
      sales: 1,
      refunds: 1,
      conversion: 0.0476,
      rating: { average: 3, count: 1 },
      gross: { amount: 1000, currency: 'usd' },
      net: { amount: 400, currency: 'usd' },
    });
    expect(dr).toMatchObject({ views: 0, sales: 0, conversion: null, rating: { average: null } });
  });

  it('balances from the ledger, and the next payout with what it would pay', async () => {
    const d = await dashboardOf();
    // Everything the ledger holds: 50.00 matured − 15.00 paid out (the failed 7.00 came
    // back), four sale credits less the refunded one, and 2.50 maturing before the run.
    const { pending, available } = d.payouts.balance;
    expect(pending.amount + available.amount).toBe(
      5000 - 1500 + 1600 + 1600 + 400 + 400 - 400 + 250,
    );
    // Split at now by each entry's date, as sellerBalance does.
    const [split] = await sql<{ pending: number; available: number }[]>`
      select coalesce(sum(case direction when 'credit' then amount else -amount end)
                        filter (where available_at > now()), 0)::int as pending,
             coalesce(sum(case direction when 'credit' then amount else -amount end)
                        filter (where available_at <= now()), 0)::int as available
      from ledger_entries where seller_id = ${seller.id}`;
    expect(pending).toEqual({ amount: split!.pending, currency: 'usd' });
    expect(available).toEqual({ amount: split!.available, currency: 'usd' });
    // The sale credits are held for 7 days: at least they and the 2.50 are pending.
    expect(pending.amount).toBeGreaterThanOrEqual(1600 + 1600 + 400 - 400 + 250);
    const at = new Date(d.payouts.nextPayout.at);
    expect(at.getTime()).toBe(
      nextPayoutAt(new Date(d.generatedAt), {
        minimumAmount: 1000,
        intervalSeconds: 86_400,
      }).getTime(),
    );
    expect(at.getUTCHours()).toBe(0);
    // The next run pays what is available plus the 2.50 whose hold ends before it.
    expect(d.payouts.nextPayout).toMatchObject({
      amount: { amount: available.amount + 250, currency: 'usd' },
      projectedBalance: { amount: available.amount + 250, currency: 'usd' },
      reason: null,
    });
    expect(d.payouts.rules).toEqual({
      minimum: { amount: 1000, currency: 'usd' },
      intervalSeconds: 86_400,
      holdSeconds: 7 * 24 * 3600,
    });
  });

  it('lifecycle, recent payouts with failure reasons, seller notifications and feedback', async () => {
    const d = await dashboardOf();
    expect(d.seller).toEqual({
      isSeller: true,
      status: 'active',
      chargesEnabled: true,
      payoutsEnabled: true,
      nextStep: null,
    });
    expect(d.recentPayouts.map((p) => [p.id, p.status, p.amount.amount, p.failureReason])).toEqual([
      [failedPayoutId, 'failed', 700, 'The bank account was closed'],
      [paidPayoutId, 'paid', 1500, null],
    ]);
    expect(d.recentPayouts[1]?.paidAt).not.toBeNull();
    // Four paid sales and one refund, newest first; the chat message is left out.
    expect(d.notifications).toHaveLength(5);
    expect(new Set(d.notifications.map((n) => n.type))).toEqual(new Set(['sale']));
    expect(d.notifications[0]?.title).toBe('You sold “Prompt B is cheap” for $5.00');
    expect(d.notifications.filter((n) => n.title.includes('refunded'))).toHaveLength(1);
    expect(d.feedback.map((f) => [f.prompt.title, f.rating, f.body])).toEqual([
      ['Prompt B is cheap', 3, 'Fine for the price.'],
      ['Prompt A sells well', 5, 'Exactly what I needed.'],
    ]);
  });
});

describe('the time series', () => {
  const bucket = (start: string, sales = 0, refunds = 0, gross = 0, net = 0, views = 0) => ({
    start,
    sales,
    refunds,
    gross,
    net,
    views,
  });

  it('by day: zero-filled, a refunded sale stays in its sale’s bucket', async () => {
    const d = await dashboardOf('?interval=day&from=2026-03-03&to=2026-03-06');
    expect(d.series).toMatchObject({ interval: 'day', from: '2026-03-03', to: '2026-03-06' });
    expect(d.series.buckets).toEqual([
      bucket('2026-03-03'),
      bucket('2026-03-04', 1, 0, 2000, 1600, 10),
      bucket('2026-03-05'),
      bucket('2026-03-06'),
    ]);
    const march17 = await dashboardOf('?from=2026-03-16&to=2026-03-17');
    expect(march17.series.buckets).toEqual([
      bucket('2026-03-16', 0, 0, 0, 0, 5),
      bucket('2026-03-17', 1, 1, 2500, 1600, 20),
    ]);
    expect(march17.series.totals).toMatchObject({
      sales: 1,
      refunds: 1,
      gross: { amount: 2500 },
      refunded: { amount: 500 },
      fees: { amount: 400 },
      net: { amount: 1600 },
      views: 25,
      conversion: 0.04,
    });
  });

  it('by week (Monday first) and by month, zero-filled', async () => {
    const weeks = await dashboardOf('?interval=week&from=2026-03-04&to=2026-03-20');
    expect(weeks.series.buckets).toEqual([
      bucket('2026-03-02', 1, 0, 2000, 1600, 10),
      bucket('2026-03-09'),
      bucket('2026-03-16', 1, 1, 2500, 1600, 25),
    ]);
    const months = await dashboardOf('?interval=month&from=2026-01-15&to=2026-04-01');
    expect(months.series.buckets).toEqual([
      bucket('2026-01-01'),
      bucket('2026-02-01'),
      bucket('2026-03-01', 2, 1, 4500, 3200, 35),
      bucket('2026-04-01'),
    ]);
  });

  it('defaults: the last 30 days, 12 weeks or 12 months up to today', async () => {
    const days = await dashboardOf();
    expect(days.series).toMatchObject({ interval: 'day', to: TODAY });
    expect(days.series.buckets).toHaveLength(30);
    expect(days.series.buckets.at(-1)).toEqual(bucket(TODAY, 1, 0, 500, 400, 3));
    expect(days.series.buckets.slice(0, -1).every((b) => b.sales === 0 && b.views === 0)).toBe(
      true,
    );
    const weeks = await dashboardOf('?interval=week');
    expect(weeks.series.buckets).toHaveLength(12);
    expect(new Date(`${weeks.series.buckets[0]!.start}T00:00:00Z`).getUTCDay()).toBe(1);
    const months = await dashboardOf('?interval=month');
    expect(months.series.buckets).toHaveLength(12);
    expect(months.series.buckets.at(-1)?.start).toBe(`${TODAY.slice(0, 7)}-01`);
    expect(months.series.buckets.every((b) => b.start.endsWith('-01'))).toBe(true);
  });
});

describe('what the next payout depends on', () => {
  async function sellerWith(changes: { payoutsEnabled?: boolean; status?: string }, credit = 0) {
    const user = await createSeller(database.db);
    if (changes.payoutsEnabled === false) {
      await sql`update seller_profiles set payouts_enabled = false where user_id = ${user.id}`;
    }
    if (changes.status) {
      await sql`update seller_profiles set status = ${changes.status} where user_id = ${user.id}`;
    }
    if (credit > 0) {
      await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at)
        values (${user.id}, 'adjustment', 'credit', ${credit}, now() - interval '1 day')`;
    }
    const headers = (await signIn(database, user)).headers;
    const res = await dashboard(user.id, headers);
    expect(res.statusCode, res.body).toBe(200);
    return sellerDashboardSchema.parse(res.json());
  }

  it('nothing below the minimum, or with payouts off, or while suspended — and says why', async () => {
    const low = await sellerWith({}, 999);
    expect(low.payouts.nextPayout).toMatchObject({
      amount: { amount: 0 },
      projectedBalance: { amount: 999 },
      reason: 'below_minimum',
    });
    // A seller with nothing published yet is told to publish.
    expect(low.seller.nextStep?.code).toBe('publish_prompt');
    const off = await sellerWith({ payoutsEnabled: false }, 5000);
    expect(off.payouts.nextPayout).toMatchObject({
      amount: { amount: 0 },
      reason: 'payouts_not_enabled',
    });
    expect(off.seller.nextStep?.code).toBe('enable_payouts');
    const onboarding = await sellerWith({ payoutsEnabled: false, status: 'onboarding' }, 5000);
    expect(onboarding.seller.nextStep?.code).toBe('finish_onboarding');
    const suspended = await sellerWith({ status: 'suspended' }, 5000);
    expect(suspended.payouts.nextPayout).toMatchObject({
      amount: { amount: 0 },
      reason: 'seller_suspended',
    });
    expect(suspended.seller.nextStep?.code).toBe('contact_support');
    const enough = await sellerWith({}, 1000);
    expect(enough.payouts.nextPayout).toMatchObject({ amount: { amount: 1000 }, reason: null });
  });

  it('a new seller sees zeros everywhere, not errors', async () => {
    const fresh = await sellerWith({});
    expect(fresh.totals).toMatchObject({
      sales: 0,
      views: 0,
      conversion: null,
      net: { amount: 0 },
    });
    expect(fresh.rating).toEqual({ average: null, count: 0 });
    expect(fresh.prompts).toEqual([]);
    expect(fresh.payouts.balance).toMatchObject({
      pending: { amount: 0 },
      available: { amount: 0 },
    });
    expect(fresh.series.buckets).toHaveLength(30);
  });
});

describe('OpenAPI', () => {
  it('documents the dashboard, payouts and view routes under their tags', async () => {
    const doc = (await app.inject('/openapi.json')).json();
    expect(doc.paths['/api/sellers/{id}/dashboard'].get.tags).toEqual(['dashboard']);
    expect(doc.paths['/api/prompts/{id}/views'].post.tags).toEqual(['dashboard']);
    expect(doc.paths['/api/payouts'].get.tags).toEqual(['payouts']);
  });
});
