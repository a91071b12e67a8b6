import { randomBytes } from 'node:crypto';
import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { createStripeClient, createStripePayments, reconcilePayments } from '@promptnx/payments';
import { orderSchema, refundSchema } from '@promptnx/schema';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { type RecordedRequest, sendJson, startFakeServer } from '../../test/fake-server.js';
import { authEnv, signIn } from '../../test/tokens.js';

// Stripe mode, the real SDK pointed at a local server that answers like
// Stripe: Checkout sessions and refunds, honouring Idempotency-Key as Stripe
// does (same key, same answer), with failures on demand.
const WEBHOOK_SECRET = 'whsec_stripe_mode_test_secret';
type Session = Record<string, unknown> & { id: string; metadata: Record<string, string> };
const sessions = new Map<string, Session>();
const refunds = new Map<string, Record<string, unknown>>();
const byKey = new Map<string, { status: number; body: unknown }>();
const failures: number[] = [];

function form(body: string) {
  const params = new URLSearchParams(body);
  const get = (k: string) => params.get(k);
  return { get, params };
}

const stripe = await startFakeServer((request: RecordedRequest, response) => {
  const key = request.headers['idempotency-key'];
  const fail = request.method === 'POST' ? failures.shift() : undefined;
  if (fail) {
    return sendJson(response, fail, {
      error: { type: fail === 429 ? 'rate_limit_error' : 'api_error', message: `fake ${fail}` },
    });
  }
  if (request.method === 'POST' && typeof key === 'string' && byKey.has(key)) {
    const saved = byKey.get(key)!;
    return sendJson(response, saved.status, saved.body);
  }
  const remember = (status: number, body: unknown) => {
    if (request.method === 'POST' && typeof key === 'string') byKey.set(key, { status, body });
    sendJson(response, status, body);
  };
  if (request.method === 'POST' && request.path === '/v1/checkout/sessions') {
    const f = form(request.body);
    const id = `cs_test_${randomBytes(8).toString('hex')}`;
    const amount = [...f.params.keys()]
      .filter((k) => /^line_items\[\d+\]\[price_data\]\[unit_amount\]$/.test(k))
      .reduce((sum, k) => sum + Number(f.get(k)), 0);
    const session: Session = {
      id,
      object: 'checkout.session',
      url: `https://checkout.stripe.test/c/pay/${id}`,
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      amount_total: amount,
      currency: 'usd',
      client_reference_id: f.get('client_reference_id'),
      metadata: { order_id: f.get('metadata[order_id]') ?? '' },
    };
    sessions.set(id, session);
    return remember(200, session);
  }
  const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(request.path);
  if (request.method === 'GET' && sessionPath) {
    const session = sessions.get(sessionPath[1]!);
    return session
      ? sendJson(response, 200, session)
      : sendJson(response, 404, {
          error: { type: 'invalid_request_error', message: 'No such session' },
        });
  }
  if (request.method === 'POST' && request.path === '/v1/refunds') {
    const f = form(request.body);
    const refund = {
      id: `re_${randomBytes(8).toString('hex')}`,
      object: 'refund',
      status: 'succeeded',
      amount: Number(f.get('amount')),
      payment_intent: f.get('payment_intent'),
      metadata: { refund_id: f.get('metadata[refund_id]'), order_id: f.get('metadata[order_id]') },
    };
    refunds.set(refund.id, refund);
    return remember(200, refund);
  }
  sendJson(response, 404, { error: { type: 'invalid_request_error', message: 'unknown' } });
});

const database = await useTestDatabase();
const env = {
  ...authEnv,
  PAYMENTS_MODE: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_promptnx_fake',
  STRIPE_API_BASE: stripe.url,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  AUTH_SITE_URL: 'http://web.test',
};
const app = await buildTestApp(database, env);
const { sql } = database;
const category = await createCategory(database.db);
const provider = createStripePayments(createStripeClient('sk_test_promptnx_fake', stripe.url));
const deps = {
  db: database.db,
  provider,
  rules: { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
  urls: { web: 'http://web.test' },
};

let seller: TestUser;
let buyerHeaders: { authorization: string };
let adminHeaders: { authorization: string };

beforeAll(async () => {
  seller = await createSeller(database.db);
  await sql`insert into seller_profiles (user_id, status, stripe_account_id, charges_enabled, payouts_enabled)
            values (${seller.id}, 'active', 'acct_test_seller', true, true)
            on conflict (user_id) do update set charges_enabled = true, payouts_enabled = true`;
  buyerHeaders = (await signIn(database, await createUser(database.db))).headers;
  adminHeaders = (await signIn(database, await createUser(database.db, { role: 'admin' }))).headers;
});

const publish = (price = 2000) =>
  createPublishedPrompt(database.db, seller, { categoryId: category.id, priceAmount: price });

function order(promptIds: string[], key?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: { ...buyerHeaders, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { promptIds },
  });
}

/** Stripe marks the session paid and sends checkout.session.completed. */
async function payAtStripe(orderId: string) {
  const [row] =
    await sql`select stripe_checkout_session_id as id from orders where id = ${orderId}`;
  const session = sessions.get(row!.id)!;
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: `pi_${orderId.slice(0, 8)}`,
  });
  const payload = JSON.stringify({
    id: `evt_${randomBytes(8).toString('hex')}`,
    object: 'event',
    type: 'checkout.session.completed',
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: { object: session },
  });
  return app.inject({
    method: 'POST',
    url: '/api/webhooks/stripe',
    headers: {
      'content-type': 'application/json',
      'stripe-signature': Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: WEBHOOK_SECRET,
      }),
    },
    payload,
  });
}

describe('Stripe Checkout', () => {
  it('10 concurrent checkouts of one cart: one order, one Stripe session', async () => {
    const prompt = await publish();
    const before = stripe.requests.length;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => order([prompt.prompt.id], 'cart-key-1')),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    const urls = new Set(answers.map((a) => a.json().checkoutUrl));
    expect(urls.size).toBe(1);
    expect([...urls][0]).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const creates = stripe.requests
      .slice(before)
      .filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(new Set(creates.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const orderId = answers[0]!.json().id;
    expect(creates[0]!.headers['idempotency-key']).toBe(`promptnx-checkout-${orderId}`);
    expect(creates[0]!.headers.authorization).toBe('Bearer sk_test_promptnx_fake');
    const body = new URLSearchParams(creates[0]!.body);
    expect(body.get('mode')).toBe('payment');
    expect(body.get('line_items[0][price_data][unit_amount]')).toBe('2000');
    expect(body.get('success_url')).toBe(`http://web.test/checkout/success?order=${orderId}`);
    const [{ n }] =
      (await sql`select count(*)::int as n from order_items where prompt_id = ${prompt.prompt.id}`) as [
        { n: number },
      ];
    expect(n).toBe(1);
  });

  it('pays through the webhook; a seller whose Stripe account cannot take charges is refused', async () => {
    const prompt = await publish();
    const created = orderSchema.parse((await order([prompt.prompt.id])).json());
    expect((await payAtStripe(created.id)).statusCode).toBe(200);
    const paid = orderSchema.parse(
      (await app.inject({ url: `/api/orders/${created.id}`, headers: buyerHeaders })).json(),
    );
    expect(paid.status).toBe('paid');

    const blocked = await createSeller(database.db);
    await sql`insert into seller_profiles (user_id, status, charges_enabled, payouts_enabled)
              values (${blocked.id}, 'active', false, false)
              on conflict (user_id) do update set charges_enabled = false, payouts_enabled = false`;
    const theirs = await createPublishedPrompt(database.db, blocked, {
      categoryId: category.id,
      priceAmount: 500,
    });
    const refused = await order([theirs.prompt.id]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/cannot take payments/);
  });

  it('the success page fulfils from Stripe when the webhook is late', async () => {
    const prompt = await publish();
    const created = orderSchema.parse((await order([prompt.prompt.id])).json());
    const [row] =
      await sql`select stripe_checkout_session_id as id from orders where id = ${created.id}`;
    Object.assign(sessions.get(row!.id)!, {
      status: 'complete',
      payment_status: 'paid',
      payment_intent: 'pi_late',
    });
    const page = orderSchema.parse(
      (await app.inject({ url: `/api/orders/${created.id}`, headers: buyerHeaders })).json(),
    );
    expect(page.status).toBe('paid');
  });
});

describe('Stripe refunds', () => {
  it('429, then 500 then OK: one refund at Stripe, one debit', async () => {
    const prompt = await publish(3000);
    const created = orderSchema.parse((await order([prompt.prompt.id])).json());
    await payAtStripe(created.id);
    const before = stripe.requests.length;
    // Stripe's rate limit: the admin is told to try again; the refund stays in processing.
    failures.push(429);
    const limited = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${created.id}/refunds`,
      headers: adminHeaders,
      payload: { reason: 'Buyer was charged twice by their bank' },
    });
    expect(limited.statusCode).toBe(502);
    expect(limited.json().code).toBe('PAYMENTS_UNAVAILABLE');
    const [pending] = await sql<{ id: string; status: string }[]>`
      select id, status from refunds where order_id = ${created.id}`;
    expect(pending!.status).toBe('processing');
    // The retry meets a 500, which the SDK retries with the same key, then OK.
    failures.push(500);
    const report = await reconcilePayments(deps, { minAgeSeconds: 0 });
    expect(report.refundsRetried).toBeGreaterThanOrEqual(1);
    const calls = stripe.requests.slice(before).filter((r) => r.path === '/v1/refunds');
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.headers['idempotency-key']))).toEqual(
      new Set([`promptnx-refund-${pending!.id}`]),
    );
    const atStripe = [...refunds.values()].filter(
      (r) => (r.metadata as { refund_id: string }).refund_id === pending!.id,
    );
    expect(atStripe).toHaveLength(1);
    const [done] = await sql`select status from refunds where id = ${pending!.id}`;
    expect(done?.status).toBe('succeeded');
    const debits =
      await sql`select amount from ledger_entries l join order_items i on i.id = l.order_item_id where i.order_id = ${created.id} and l.kind = 'refund'`;
    expect(debits).toEqual([{ amount: 2400 }]);
    const refund = refundSchema.parse(
      (await app.inject({ url: `/api/orders/${created.id}/refunds`, headers: buyerHeaders })).json()
        .items[0],
    );
    expect(refund.status).toBe('succeeded');
  });

  it('a crash between the Stripe refund and the commit: the retry makes no second refund', async () => {
    const prompt = await publish(1200);
    const created = orderSchema.parse((await order([prompt.prompt.id])).json());
    await payAtStripe(created.id);
    const [item] = await sql`select id from order_items where order_id = ${created.id}`;
    const [pi] =
      await sql`select stripe_payment_intent_id as id from orders where id = ${created.id}`;
    // The refund row is processing and Stripe already made the refund; then the process died.
    const [row] = await sql`
      insert into refunds (order_id, kind, status, item_ids, amount, reason, decided_at)
      values (${created.id}, 'admin', 'processing', ${`{${item!.id}}`}::uuid[], 1200, 'crash test', now())
      returning id`;
    await provider.refund({
      refundId: row!.id,
      orderId: created.id,
      paymentIntentId: pi!.id,
      amount: 1200,
    });

    const report = await reconcilePayments(deps, { minAgeSeconds: 0 });
    expect(report.refundsRetried).toBeGreaterThanOrEqual(1);
    const atStripe = [...refunds.values()].filter(
      (r) => (r.metadata as { refund_id: string }).refund_id === row!.id,
    );
    expect(atStripe).toHaveLength(1);
    const [done] = await sql`select status, stripe_refund_id from refunds where id = ${row!.id}`;
    expect(done).toMatchObject({ status: 'succeeded', stripe_refund_id: atStripe[0]!.id });
    const debits =
      await sql`select 1 from ledger_entries where order_item_id = ${item!.id} and kind = 'refund'`;
    expect(debits).toHaveLength(1);

    // Stripe's charge.refunded for it arrives later: nothing more happens.
    const payload = JSON.stringify({
      id: `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type: 'charge.refunded',
      livemode: false,
      data: {
        object: {
          id: 'ch_1',
          payment_intent: pi!.id,
          amount_refunded: 1200,
          refunds: { data: [atStripe[0]] },
        },
      },
    });
    const late = await app.inject({
      method: 'POST',
      url: '/api/webhooks/stripe',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: WEBHOOK_SECRET,
        }),
      },
      payload,
    });
    expect(late.statusCode).toBe(200);
    expect(
      await sql`select 1 from ledger_entries where order_item_id = ${item!.id} and kind = 'refund'`,
    ).toHaveLength(1);
  });
});
