import { randomUUID } from 'node:crypto';
import { createSeller, createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { nextPayoutAt } from '@promptnx/payments';
import { payoutListSchema } from '@promptnx/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

// GET /api/payouts over payout and ledger rows written as the payout job
// writes them; the rules come from PAYOUT_MINIMUM and PAYOUT_INTERVAL_SECONDS.

const database = await useTestDatabase();
const app = await buildTestApp(database, {
  ...authEnv,
  PAYOUT_MINIMUM: '2000',
  PAYOUT_INTERVAL_SECONDS: '3600',
  EARNINGS_HOLD_SECONDS: '120',
});
const { sql } = database;

type Headers = { authorization: string };
let seller: TestUser;
let sellerHeaders: Headers;
let otherSeller: TestUser;
let otherSellerHeaders: Headers;
let buyerHeaders: Headers;
let adminHeaders: Headers;
const ids: string[] = [];

/** A payout and its ledger debit, `minutesAgo` old. */
async function payout(
  sellerId: string,
  amount: number,
  minutesAgo: number,
  status: 'paid' | 'failed' | 'processing' = 'paid',
  failureReason: string | null = null,
) {
  const id = randomUUID();
  await sql`insert into payouts (id, seller_id, amount, status, idempotency_key, failure_reason, paid_at, created_at, scheduled_for)
    values (${id}, ${sellerId}, ${amount}, ${status}, ${`payout-${id}`}, ${failureReason},
            ${status === 'paid' ? sql`now() - make_interval(mins => ${minutesAgo})` : null},
            now() - make_interval(mins => ${minutesAgo}), now() - make_interval(mins => ${minutesAgo}))`;
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, payout_id, available_at)
    values (${sellerId}, 'payout', 'debit', ${amount}, ${id}, now() - make_interval(mins => ${minutesAgo}))`;
  if (status === 'failed') {
    await sql`insert into ledger_entries (seller_id, kind, direction, amount, payout_id, available_at)
      values (${sellerId}, 'payout_reversal', 'credit', ${amount}, ${id}, now() - make_interval(mins => ${minutesAgo}))`;
  }
  return id;
}

function list(headers: Partial<Headers>, query = '') {
  return app.inject({ url: `/api/payouts${query}`, headers });
}

beforeAll(async () => {
  seller = await createSeller(database.db);
  sellerHeaders = (await signIn(database, seller)).headers;
  otherSeller = await createSeller(database.db);
  otherSellerHeaders = (await signIn(database, otherSeller)).headers;
  buyerHeaders = (await signIn(database, await createUser(database.db))).headers;
  adminHeaders = (await signIn(database, await createUser(database.db, { role: 'admin' }))).headers;

  // 1000.00 earned long ago; 24 payouts of 1.00 over the last day, the newest failed.
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at)
    values (${seller.id}, 'adjustment', 'credit', 100000, now() - interval '30 days')`;
  for (let i = 24; i >= 2; i--) ids.unshift(await payout(seller.id, 100, i * 60));
  ids.unshift(await payout(seller.id, 100, 30, 'failed', 'Your bank refused the transfer'));
  // Held earnings: 30.00 until after the next run, 5.00 maturing halfway to it.
  const nextRun = nextPayoutAt(new Date(), { minimumAmount: 2000, intervalSeconds: 3600 });
  await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at) values
    (${seller.id}, 'adjustment', 'credit', 3000, now() + interval '3 days'),
    (${seller.id}, 'adjustment', 'credit', 500, now() + (${nextRun.toISOString()}::timestamptz - now()) / 2)`;
  // The other seller: one payout of their own.
  await payout(otherSeller.id, 4200, 10);
});

describe('GET /api/payouts', () => {
  it('lists the seller’s payouts newest first, with status and failure reason', async () => {
    const res = await list(sellerHeaders);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const page = payoutListSchema.parse(res.json());
    expect(page.sellerId).toBe(seller.id);
    expect(page.items).toHaveLength(20);
    expect(page.items.map((p) => p.id)).toEqual(ids.slice(0, 20));
    expect(page.items[0]).toMatchObject({
      status: 'failed',
      amount: { amount: 100, currency: 'usd' },
      failureReason: 'Your bank refused the transfer',
      paidAt: null,
    });
    expect(page.items[1]).toMatchObject({ status: 'paid', failureReason: null });
    expect(page.items[1]?.paidAt).not.toBeNull();
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('pages with the cursor, each payout once', async () => {
    const first = payoutListSchema.parse((await list(sellerHeaders)).json());
    const res = await list(sellerHeaders, `?cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(res.statusCode, res.body).toBe(200);
    const second = payoutListSchema.parse(res.json());
    expect(second.items.map((p) => p.id)).toEqual(ids.slice(20));
    expect(second.nextCursor).toBeNull();
  });

  it('keeps payouts made in the same instant apart across pages', async () => {
    const user = await createSeller(database.db);
    const headers = (await signIn(database, user)).headers;
    const made = [];
    for (let i = 0; i < 23; i++) made.push(await payout(user.id, 100, 5));
    await sql`update payouts set created_at = '2026-11-01T10:00:00.123456Z' where seller_id = ${user.id}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page = payoutListSchema.parse((await list(headers, query)).json());
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen)).toEqual(new Set(made));
  });

  it('sums balances from the ledger and tells when the next payout comes and how much', async () => {
    const { summary } = payoutListSchema.parse((await list(sellerHeaders)).json());
    // 1000.00 − 23 × 1.00 paid (the failed one came back).
    expect(summary.balance.available).toEqual({ amount: 100000 - 2300, currency: 'usd' });
    // 30.00 + 5.00 held; the 5.00 matures before the hourly run.
    expect(summary.balance.pending.amount).toBe(3500);
    expect(summary.balance.available.amount + summary.balance.pending.amount).toBe(
      100000 - 2300 + 3500,
    );
    const at = new Date(summary.nextPayout.at);
    expect(at.getTime() % 3_600_000).toBe(0);
    expect(at.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(at.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
    expect(summary.nextPayout).toMatchObject({
      amount: { amount: 100000 - 2300 + 500 },
      reason: null,
    });
    expect(summary.rules).toEqual({
      minimum: { amount: 2000, currency: 'usd' },
      intervalSeconds: 3600,
      holdSeconds: 120,
    });
  });

  it('admins read any seller’s with ?sellerId=; sellers only their own', async () => {
    const asAdmin = await list(adminHeaders, `?sellerId=${otherSeller.id}`);
    expect(asAdmin.statusCode, asAdmin.body).toBe(200);
    const page = payoutListSchema.parse(asAdmin.json());
    expect(page.items.map((p) => p.amount.amount)).toEqual([4200]);
    expect(page.summary.nextPayout).toMatchObject({
      amount: { amount: 0 },
      reason: 'below_minimum',
    });
    const own = await list(otherSellerHeaders, `?sellerId=${otherSeller.id}`);
    expect(own.statusCode).toBe(200);
    const other = await list(otherSellerHeaders, `?sellerId=${seller.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    const unknown = await list(adminHeaders, `?sellerId=${randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
  });

  it('shows the last error of a payout still being sent, and only then', async () => {
    const user = await createSeller(database.db);
    const headers = (await signIn(database, user)).headers;
    const sending = await payout(user.id, 2500, 20, 'processing');
    const done = await payout(user.id, 1000, 40);
    await sql`update payouts set last_error = 'Stripe answered 503; retrying', attempts = 2
              where id in (${sending}, ${done})`;
    const page = payoutListSchema.parse((await list(headers)).json());
    expect(page.items.map((p) => [p.id, p.status, p.lastError])).toEqual([
      [sending, 'processing', 'Stripe answered 503; retrying'],
      [done, 'paid', null],
    ]);
  });

  it('a seller without a connected account or with a suspended profile is not paid, and is told why', async () => {
    const unconnected = await createSeller(database.db);
    await sql`update seller_profiles set stripe_account_id = null where user_id = ${unconnected.id}`;
    const suspended = await createSeller(database.db);
    await sql`update profiles set status = 'suspended', suspended_reason = 'Spam' where id = ${suspended.id}`;
    for (const [user, reason] of [
      [unconnected, 'payouts_not_enabled'],
      [suspended, 'seller_suspended'],
    ] as const) {
      await sql`insert into ledger_entries (seller_id, kind, direction, amount, available_at)
        values (${user.id}, 'adjustment', 'credit', 5000, now() - interval '1 day')`;
      const res = await list(adminHeaders, `?sellerId=${user.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(payoutListSchema.parse(res.json()).summary.nextPayout).toMatchObject({
        amount: { amount: 0 },
        projectedBalance: { amount: 5000 },
        reason,
      });
    }
  });

  it('a buyer is told to become a seller; nobody signed in gets 401', async () => {
    const res = await list(buyerHeaders);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('SELLER_REQUIRED');
    expect((await list({})).statusCode).toBe(401);
  });

  it('bad parameters are a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?sellerId=nope', 'query.sellerId'],
      ['?cursor=not-a-cursor', 'query.cursor'],
      [`?cursor=${'x'.repeat(600)}`, 'query.cursor'],
    ] as const) {
      const res = await list(sellerHeaders, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
  });
});
