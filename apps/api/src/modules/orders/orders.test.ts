import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestPrompt,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { checkoutCompletedEvent, reconcilePayments } from '@promptnx/payments';
import {
  libraryListSchema,
  orderSchema,
  promptContentSchema,
  purchaseStateSchema,
  refundSchema,
} from '@promptnx/schema';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

// Embedded payments: the test checkout page pays by sending a signed,
// Stripe-shaped event to the real webhook endpoint.
const WEBHOOK_SECRET = 'whsec_orders_test_secret_0123456789';
const database = await useTestDatabase();
const app = await buildTestApp(database, {
  ...authEnv,
  STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  AUTH_SITE_URL: 'http://web.test',
});
const { sql } = database;
const category = await createCategory(database.db);

type Headers = { authorization: string };
let seller: TestUser;
let buyer: TestUser;
let buyerHeaders: Headers;
let sellerHeaders: Headers;
let adminHeaders: Headers;

const TEMPLATE = 'Summarise [document] for a [audience] reader in five bullet points.';

async function sellerWithProfile() {
  const user = await createSeller(database.db);
  await sql`insert into seller_profiles (user_id, status, charges_enabled, payouts_enabled)
            values (${user.id}, 'active', true, true) on conflict (user_id) do nothing`;
  return user;
}

async function publish(owner: TestUser, priceAmount = 1500): Promise<TestPrompt> {
  return createPublishedPrompt(database.db, owner, {
    categoryId: category.id,
    priceAmount,
    template: TEMPLATE,
  });
}

beforeAll(async () => {
  seller = await sellerWithProfile();
  buyer = await createUser(database.db);
  buyerHeaders = (await signIn(database, buyer)).headers;
  sellerHeaders = (await signIn(database, seller)).headers;
  const admin = await createUser(database.db, { role: 'admin' });
  adminHeaders = (await signIn(database, admin)).headers;
});

function order(promptIds: string[], headers: Headers, key?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/orders',
    headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { promptIds },
  });
}

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}) {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
}

function deliver(payload: string, signature?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/webhooks/stripe',
    headers: {
      'content-type': 'application/json',
      ...(signature === undefined ? {} : { 'stripe-signature': signature }),
    },
    payload,
  });
}

async function sessionOf(orderId: string) {
  const [row] = await sql<
    {
      id: string;
      order_id: string;
      amount: number;
      currency: string;
      payment_intent_id: string | null;
      customer_email: string | null;
    }[]
  >`select * from embedded_checkout_sessions where order_id = ${orderId}`;
  return row!;
}

/** The event the test checkout sends once the session is paid (marked paid here, as the page does). */
async function paidEvent(orderId: string) {
  const session = await sessionOf(orderId);
  await sql`update embedded_checkout_sessions set status = 'complete', completed_at = now(),
            payment_intent_id = coalesce(payment_intent_id, ${`pi_test_${orderId.slice(0, 8)}`})
            where id = ${session.id}`;
  const paid = await sessionOf(orderId);
  return JSON.stringify(
    checkoutCompletedEvent({
      id: paid.id,
      orderId,
      amount: paid.amount,
      currency: paid.currency,
      paymentIntentId: paid.payment_intent_id,
      customerEmail: paid.customer_email,
    }),
  );
}

async function counts(orderId: string, promptId: string, userId = buyer.id) {
  const [row] = await sql<
    { status: string; entitlements: number; credits: number; receipts: number; events: number }[]
  >`select o.status,
       (select count(*)::int from entitlements e where e.user_id = ${userId} and e.prompt_id = ${promptId} and e.status = 'active') as entitlements,
       (select count(*)::int from ledger_entries l join order_items i on i.id = l.order_item_id where i.order_id = o.id and l.kind = 'sale') as credits,
       (select count(*)::int from outbound_emails m where m.dedupe_key = ${`order_receipt:${orderId}`}) as receipts,
       (select count(*)::int from stripe_events) as events
     from orders o where o.id = ${orderId}`;
  return row!;
}

describe('checkout in embedded mode', () => {
  it('a buyer pays on the test checkout page; the webhook fulfils the order once', async () => {
    const prompt = await publish(seller, 1999);
    const res = await order([prompt.prompt.id], buyerHeaders, 'first-purchase-key');
    expect(res.statusCode, res.body).toBe(201);
    const created = orderSchema.parse(res.json());
    expect(created).toMatchObject({
      status: 'pending',
      total: { amount: 1999, currency: 'usd' },
      receiptNumber: `PNX-${created.id.slice(0, 8).toUpperCase()}`,
    });
    expect(created.checkoutUrl).toMatch(
      /^http:\/\/localhost:4000\/test-checkout\/cs_test_[a-f0-9]+$/,
    );
    const [item] =
      await sql`select platform_fee_amount, seller_earnings_amount from order_items where order_id = ${created.id}`;
    expect(item).toMatchObject({ platform_fee_amount: 400, seller_earnings_amount: 1599 });

    const path = new URL(created.checkoutUrl!).pathname;
    const page = await app.inject({ url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pay $19.99');
    expect(page.body).not.toContain('Summarise [document]');

    // As the browser posts the page's form: an empty urlencoded body.
    const pay = await app.inject({
      method: 'POST',
      url: `${path}/pay`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(pay.statusCode).toBe(303);
    expect(pay.headers.location).toBe(`http://web.test/checkout/success?order=${created.id}`);
    expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
      status: 'paid',
      entitlements: 1,
      credits: 1,
      receipts: 1,
    });

    const [credit] = await sql<{ amount: number; available_at: string }[]>`
      select l.amount, l.available_at from ledger_entries l join order_items i on i.id = l.order_item_id
      where i.order_id = ${created.id}`;
    expect(credit!.amount).toBe(1599);
    const holdDays = (Date.parse(credit!.available_at) - Date.now()) / 86_400_000;
    expect(holdDays).toBeGreaterThan(6.9);
    const [sale] =
      await sql`select title from notifications where user_id = ${seller.id} and type = 'sale' order by created_at desc limit 1`;
    expect(sale?.title).toContain('$19.99');

    // Paying again re-sends an event; nothing more happens.
    await app.inject({ method: 'POST', url: `${path}/pay` });
    expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
      entitlements: 1,
      credits: 1,
      receipts: 1,
    });

    const state = purchaseStateSchema.parse(
      (
        await app.inject({
          url: `/api/prompts/${prompt.prompt.id}/purchase-state`,
          headers: buyerHeaders,
        })
      ).json(),
    );
    expect(state).toMatchObject({ state: 'owned', purchasable: false });
    const library = libraryListSchema.parse(
      (await app.inject({ url: '/api/library', headers: buyerHeaders })).json(),
    );
    expect(library.items.map((i) => i.prompt.id)).toContain(prompt.prompt.id);
    const content = await app.inject({
      url: `/api/prompts/${prompt.prompt.id}/content`,
      headers: buyerHeaders,
    });
    expect(content.statusCode, content.body).toBe(200);
    expect(promptContentSchema.parse(content.json())).toMatchObject({
      access: 'buyer',
      versions: [{ template: TEMPLATE }],
    });
    expect(content.headers['cache-control']).toBe('private, no-store');
  });

  it('the same event delivered 5 times at once: one paid order, one entitlement, one receipt (10 rounds)', async () => {
    for (let round = 0; round < 10; round++) {
      const prompt = await publish(seller);
      const created = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
      const payload = await paidEvent(created.id);
      const eventsBefore = (await counts(created.id, prompt.prompt.id)).events;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => deliver(payload, signed(payload))),
      );
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
      expect(answers.map((a) => a.json().outcome).sort()).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
        'processed',
      ]);
      expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
        status: 'paid',
        entitlements: 1,
        credits: 1,
        receipts: 1,
        events: eventsBefore + 1,
      });
    }
  });

  it('webhook and success page race: one fulfilment', async () => {
    const prompt = await publish(seller);
    const created = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    const payload = await paidEvent(created.id);
    const [webhook, page1, page2] = await Promise.all([
      deliver(payload, signed(payload)),
      app.inject({ url: `/api/orders/${created.id}`, headers: buyerHeaders }),
      app.inject({ url: `/api/orders/${created.id}`, headers: buyerHeaders }),
    ]);
    expect(webhook.statusCode).toBe(200);
    expect([page1.json().status, page2.json().status]).toEqual(['paid', 'paid']);
    expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
      entitlements: 1,
      credits: 1,
      receipts: 1,
    });
    const [{ n }] =
      (await sql`select count(*)::int as n from audit_logs where entity_id = ${created.id} and action = 'order.paid'`) as [
        { n: number },
      ];
    expect(n).toBe(1);
  });

  it('bad signatures get 400 and change nothing', async () => {
    const prompt = await publish(seller);
    const created = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    const payload = await paidEvent(created.id);
    const good = signed(payload);
    const tampered = payload.replace('"amount_total":1500', '"amount_total":1501');
    expect(tampered).not.toBe(payload);
    const stale = signed(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    for (const [body, signature] of [
      [payload, undefined],
      [payload, signed(payload, { secret: 'whsec_somebody_else' })],
      [tampered, good],
      [payload, stale],
      [payload, 'garbage'],
    ] as const) {
      const res = await deliver(body, signature);
      expect(res.statusCode, `${signature}`).toBe(400);
      expect(res.json().detail).toMatch(/signature/);
    }
    expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
      status: 'pending',
      entitlements: 0,
      credits: 0,
      receipts: 0,
    });
    const [{ n }] =
      (await sql`select count(*)::int as n from stripe_events where payload::text like ${`%${created.id}%`}`) as [
        { n: number },
      ];
    expect(n).toBe(0);
  });

  it('10 concurrent checkouts of one cart with one key: one order, one session', async () => {
    const prompt = await publish(seller);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        order([prompt.prompt.id], buyerHeaders, 'double-click-key-1'),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(201));
    const ids = new Set(answers.map((a) => a.json().id));
    const urls = new Set(answers.map((a) => a.json().checkoutUrl));
    expect(ids.size).toBe(1);
    expect(urls.size).toBe(1);
    const [{ orders, sessions }] = (await sql`
      select (select count(*)::int from orders o join order_items i on i.order_id = o.id where i.prompt_id = ${prompt.prompt.id}) as orders,
             (select count(*)::int from embedded_checkout_sessions s join order_items i on i.order_id = s.order_id where i.prompt_id = ${prompt.prompt.id}) as sessions`) as [
      { orders: number; sessions: number },
    ];
    expect({ orders, sessions }).toEqual({ orders: 1, sessions: 1 });

    const reused = await order(
      [prompt.prompt.id, (await publish(seller)).prompt.id],
      buyerHeaders,
      'double-click-key-1',
    );
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('without a key, an unpaid order for the same cart is reused', async () => {
    const prompt = await publish(seller);
    const a = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    const b = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    expect(b.id).toBe(a.id);
  });

  it('refuses own prompts, owned prompts (409), unpublished ones and unpaid sellers', async () => {
    const own = await publish(seller);
    const mine = await order([own.prompt.id], sellerHeaders);
    expect(mine.statusCode).toBe(409);
    expect(mine.json().errors[0]).toMatchObject({ field: 'promptIds' });

    const owned = await publish(seller);
    const first = orderSchema.parse((await order([owned.prompt.id], buyerHeaders)).json());
    const payload = await paidEvent(first.id);
    await deliver(payload, signed(payload));
    const again = await order([owned.prompt.id], buyerHeaders);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_OWNED');

    const hidden = await publish(seller);
    await sql`update prompts set status = 'archived' where id = ${hidden.prompt.id}`;
    expect((await order([hidden.prompt.id], buyerHeaders)).statusCode).toBe(409);

    const unpaid = await createSeller(database.db);
    await sql`insert into seller_profiles (user_id, status) values (${unpaid.id}, 'suspended')
              on conflict (user_id) do update set status = 'suspended'`;
    const theirs = await publish(unpaid);
    const refused = await order([theirs.prompt.id], buyerHeaders);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/cannot take payments/);

    const unknown = await order(['00000000-0000-4000-8000-000000000000'], buyerHeaders);
    expect(unknown.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: buyerHeaders,
      payload: { promptIds: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('promptIds');
    const badKey = await order([own.prompt.id], buyerHeaders, 'x');
    expect(badKey.statusCode).toBe(400);
    expect(badKey.json().errors[0].field).toBe('headers.idempotency-key');
    expect((await order([own.prompt.id], {} as Headers)).statusCode).toBe(401);
  });

  it('free prompts are granted at once, with no checkout', async () => {
    const free = await publish(seller, 0);
    const res = await order([free.prompt.id], buyerHeaders);
    expect(res.statusCode).toBe(201);
    expect(orderSchema.parse(res.json())).toMatchObject({ status: 'paid', checkoutUrl: null });
    const [row] =
      await sql`select source from entitlements where user_id = ${buyer.id} and prompt_id = ${free.prompt.id}`;
    expect(row?.source).toBe('free');
    const [{ n }] =
      (await sql`select count(*)::int as n from ledger_entries l join order_items i on i.id = l.order_item_id where i.prompt_id = ${free.prompt.id}`) as [
        { n: number },
      ];
    expect(n).toBe(0);
  });

  it('events in any order: expired after paid changes nothing; paid after expired still fulfils', async () => {
    const a = await publish(seller);
    const orderA = orderSchema.parse((await order([a.prompt.id], buyerHeaders)).json());
    const paidA = await paidEvent(orderA.id);
    await deliver(paidA, signed(paidA));
    const expiredA = JSON.stringify({
      ...JSON.parse(paidA),
      id: `evt_test_expired_${orderA.id.slice(0, 8)}`,
      type: 'checkout.session.expired',
    });
    expect((await deliver(expiredA, signed(expiredA))).statusCode).toBe(200);
    expect((await counts(orderA.id, a.prompt.id)).status).toBe('paid');

    const b = await publish(seller);
    const orderB = orderSchema.parse((await order([b.prompt.id], buyerHeaders)).json());
    const paidB = await paidEvent(orderB.id);
    const expiredB = JSON.stringify({
      ...JSON.parse(paidB),
      id: `evt_test_expired_${orderB.id.slice(0, 8)}`,
      type: 'checkout.session.expired',
    });
    await deliver(expiredB, signed(expiredB));
    expect((await counts(orderB.id, b.prompt.id)).status).toBe('expired');
    await deliver(paidB, signed(paidB));
    expect(await counts(orderB.id, b.prompt.id)).toMatchObject({ status: 'paid', entitlements: 1 });

    const unknown = JSON.stringify({
      id: 'evt_test_unknown_type',
      object: 'event',
      type: 'customer.created',
      livemode: false,
      data: { object: {} },
    });
    const res = await deliver(unknown, signed(unknown));
    expect(res.json()).toEqual({ received: true, outcome: 'ignored' });
  });

  it('a lost webhook is made good by reconciliation', async () => {
    const prompt = await publish(seller);
    const created = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    await paidEvent(created.id); // paid at the provider, event never delivered
    await sql`update orders set created_at = now() - interval '10 minutes' where id = ${created.id}`;
    const { createEmbeddedPayments } = await import('@promptnx/payments');
    const report = await reconcilePayments({
      db: database.db,
      provider: createEmbeddedPayments(database.db, { publicUrl: 'http://api.test' }),
      rules: { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
      urls: { web: 'http://web.test' },
    });
    expect(report.fulfilled).toBeGreaterThanOrEqual(1);
    expect(await counts(created.id, prompt.prompt.id)).toMatchObject({
      status: 'paid',
      entitlements: 1,
      receipts: 1,
    });
    const again = await reconcilePayments({
      db: database.db,
      provider: createEmbeddedPayments(database.db, { publicUrl: 'http://api.test' }),
      rules: { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
      urls: { web: 'http://web.test' },
    });
    expect(again.fulfilled).toBe(0);
  });
});

describe('library access', () => {
  it('bad refund and checkout input gets a 4xx naming the field', async () => {
    const prompt = await publish(seller);
    const created = orderSchema.parse((await order([prompt.prompt.id], buyerHeaders)).json());
    const cases = [
      {
        url: `/api/orders/${created.id}/refund-requests`,
        payload: { reason: 'x' },
        field: 'reason',
      },
      {
        url: `/api/orders/${created.id}/refund-requests`,
        payload: { reason: 'Fine reason', itemIds: ['nope'] },
        field: 'itemIds.0',
      },
      {
        url: `/api/orders/${created.id}/refund-requests`,
        payload: { reason: 'Fine reason', amount: 5 },
        field: 'amount',
      },
    ];
    for (const c of cases) {
      const res = await app.inject({
        method: 'POST',
        url: c.url,
        headers: buyerHeaders,
        payload: c.payload,
      });
      expect(res.statusCode, c.field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(c.field);
    }
    const notAnId = await app.inject({ url: '/api/orders/not-an-id', headers: buyerHeaders });
    expect(notAnId.statusCode).toBe(400);
    const deny = await app.inject({
      method: 'POST',
      url: `/api/admin/refunds/${created.id}/deny`,
      headers: adminHeaders,
      payload: {},
    });
    expect(deny.statusCode).toBe(400);
    expect(deny.json().errors[0].field).toBe('reason');
    expect((await app.inject({ url: '/test-checkout/<script>' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/test-checkout/cs_test_unknown0' })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: '/test-checkout/cs_test_unknown0/pay' })).statusCode,
    ).toBe(409);
  });

  it('a cursor that is not one of these listings is a 400 naming it', async () => {
    const catalogCursor = Buffer.from(
      JSON.stringify({ s: 'newest', k: ['2026-01-01T00:00:00.000Z'], id: buyer.id }),
    ).toString('base64url');
    const notATime = Buffer.from(
      JSON.stringify({ s: 'orders', k: ['yesterday'], id: buyer.id }),
    ).toString('base64url');
    for (const url of [
      '/api/orders?cursor=garbage',
      `/api/orders?cursor=${catalogCursor}`,
      `/api/orders?cursor=${notATime}`,
      `/api/library?cursor=${notATime}`,
    ]) {
      const res = await app.inject({ url, headers: buyerHeaders });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors).toEqual([
        { field: 'query.cursor', message: 'is not a cursor this API gave out' },
      ]);
    }
  });

  it('the template is refused to anyone not entitled; the seller and admins see it', async () => {
    const prompt = await publish(seller);
    const stranger = await createUser(database.db);
    const strangerHeaders = (await signIn(database, stranger)).headers;
    const refused = await app.inject({
      url: `/api/prompts/${prompt.prompt.id}/content`,
      headers: strangerHeaders,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('Summarise');
    expect((await app.inject({ url: `/api/prompts/${prompt.prompt.id}/content` })).statusCode).toBe(
      401,
    );
    const asSeller = promptContentSchema.parse(
      (
        await app.inject({
          url: `/api/prompts/${prompt.prompt.id}/content`,
          headers: sellerHeaders,
        })
      ).json(),
    );
    expect(asSeller.access).toBe('seller');
    const asAdmin = promptContentSchema.parse(
      (
        await app.inject({ url: `/api/prompts/${prompt.prompt.id}/content`, headers: adminHeaders })
      ).json(),
    );
    expect(asAdmin.access).toBe('admin');
  });
});

describe('refunds', () => {
  async function paidOrder(prices: number[], who = buyer, headers = buyerHeaders) {
    const prompts = [];
    for (const price of prices) prompts.push(await publish(seller, price));
    const created = orderSchema.parse(
      (
        await order(
          prompts.map((p) => p.prompt.id),
          headers,
        )
      ).json(),
    );
    const payload = await paidEvent(created.id);
    await deliver(payload, signed(payload));
    const paid = orderSchema.parse(
      (await app.inject({ url: `/api/orders/${created.id}`, headers })).json(),
    );
    expect(paid.status).toBe('paid');
    void who;
    return { order: paid, prompts };
  }

  it('an admin refunds one item of two: only it is revoked and debited', async () => {
    const { order: paid, prompts } = await paidOrder([1000, 3000]);
    const item = paid.items.find((i) => i.price.amount === 3000)!;
    const res = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${paid.id}/refunds`,
      headers: adminHeaders,
      payload: { itemIds: [item.id], reason: 'Duplicate of a prompt they already had' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(refundSchema.parse(res.json())).toMatchObject({
      status: 'succeeded',
      amount: { amount: 3000 },
    });
    const after = orderSchema.parse(
      (await app.inject({ url: `/api/orders/${paid.id}`, headers: buyerHeaders })).json(),
    );
    expect(after).toMatchObject({ status: 'partially_refunded', refunded: { amount: 3000 } });
    const refundedPrompt = prompts.find((p) => p.prompt.id === item.prompt.id)!;
    const keptPrompt = prompts.find((p) => p.prompt.id !== item.prompt.id)!;
    expect((await counts(paid.id, refundedPrompt.prompt.id)).entitlements).toBe(0);
    expect((await counts(paid.id, keptPrompt.prompt.id)).entitlements).toBe(1);
    const content = await app.inject({
      url: `/api/prompts/${refundedPrompt.prompt.id}/content`,
      headers: buyerHeaders,
    });
    expect(content.statusCode).toBe(403);
    const debits =
      await sql`select amount from ledger_entries where order_item_id = ${item.id} and kind = 'refund'`;
    expect(debits).toEqual([{ amount: 2400 }]);

    // The same item again: refused, nothing changes.
    const twice = await app.inject({
      method: 'POST',
      url: `/api/admin/orders/${paid.id}/refunds`,
      headers: adminHeaders,
      payload: { itemIds: [item.id], reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(
      await sql`select amount from ledger_entries where order_item_id = ${item.id} and kind = 'refund'`,
    ).toHaveLength(1);
  });

  it('a buyer asks within the window; an admin approves or denies', async () => {
    const { order: paid } = await paidOrder([2500]);
    const asked = await app.inject({
      method: 'POST',
      url: `/api/orders/${paid.id}/refund-requests`,
      headers: buyerHeaders,
      payload: { reason: 'It does not work with my model' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = refundSchema.parse(asked.json());
    expect(request.status).toBe('requested');
    const dup = await app.inject({
      method: 'POST',
      url: `/api/orders/${paid.id}/refund-requests`,
      headers: buyerHeaders,
      payload: { reason: 'Again' },
    });
    expect(dup.statusCode).toBe(409);

    // Only admins decide.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/admin/refunds/${request.id}/approve`,
          headers: buyerHeaders,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await app.inject({ url: '/api/admin/refunds', headers: sellerHeaders })).statusCode,
    ).toBe(403);

    const approved = await app.inject({
      method: 'POST',
      url: `/api/admin/refunds/${request.id}/approve`,
      headers: adminHeaders,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('succeeded');
    const [mail] =
      await sql`select subject from outbound_emails where dedupe_key = ${`refund_succeeded:${request.id}`}`;
    expect(mail?.subject).toContain('Refund');

    const { order: other } = await paidOrder([900]);
    const second = refundSchema.parse(
      (
        await app.inject({
          method: 'POST',
          url: `/api/orders/${other.id}/refund-requests`,
          headers: buyerHeaders,
          payload: { reason: 'Changed my mind' },
        })
      ).json(),
    );
    const denied = await app.inject({
      method: 'POST',
      url: `/api/admin/refunds/${second.id}/deny`,
      headers: adminHeaders,
      payload: { reason: 'The prompt works as described; see its instructions.' },
    });
    expect(denied.json()).toMatchObject({
      status: 'denied',
      decisionReason: 'The prompt works as described; see its instructions.',
    });
    expect((await counts(other.id, other.items[0]!.prompt.id)).entitlements).toBe(1);
  });

  it('the refund window closes', async () => {
    const { order: paid } = await paidOrder([700]);
    await sql`update orders set paid_at = now() - interval '15 days' where id = ${paid.id}`;
    const late = await app.inject({
      method: 'POST',
      url: `/api/orders/${paid.id}/refund-requests`,
      headers: buyerHeaders,
      payload: { reason: 'Too late?' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toMatch(/within 14 days/);
  });

  it("another buyer's order is not found", async () => {
    const { order: paid } = await paidOrder([700]);
    const stranger = await createUser(database.db);
    const h = (await signIn(database, stranger)).headers;
    expect((await app.inject({ url: `/api/orders/${paid.id}`, headers: h })).statusCode).toBe(404);
    const asked = await app.inject({
      method: 'POST',
      url: `/api/orders/${paid.id}/refund-requests`,
      headers: h,
      payload: { reason: 'Not mine' },
    });
    expect(asked.statusCode).toBe(404);
  });
});
