import { createSeller, createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sellerBalance } from './balances.js';
import { checkLedger } from './ledger-check.js';
import { type PayoutDeps, runPayouts } from './payouts.js';
import type { MoneyRules } from './rules.js';
import { createStripeClient } from './stripe-provider.js';
import { createStripeTransfers } from './stripe-transfers.js';
import {
  NO_TRANSFERS_CAPABILITY,
  RATE_LIMITED,
  STRIPE_500,
  sell,
  startFakeStripeTransfers,
} from './testing/index.js';
import type { TransfersProvider } from './transfers.js';

// Stripe mode: the real SDK (with its own retries, as in production) pointed
// at a local server that answers like Stripe's transfer API and records
// every request.
const stripe = await startFakeStripeTransfers();
afterAll(() => stripe.close());
const database = await useTestDatabase();
const { db } = database;
const noHold: MoneyRules = { feeBps: 2000, holdSeconds: 0, refundWindowDays: 14 };
const transfers = createStripeTransfers(createStripeClient('sk_test_promptnx_fake', stripe.url));
const deps: PayoutDeps = {
  db,
  transfers,
  rules: { minimumAmount: 1000, intervalSeconds: 86_400 },
  urls: { web: 'http://web.test' },
};
const buyer = await createUser(db);

let seller: TestUser;
let account: string;
beforeEach(async () => {
  seller = await createSeller(db);
  const [row] = await db.execute<{ stripe_account_id: string }>(
    sql`select stripe_account_id from public.seller_profiles where user_id = ${seller.id}`,
  );
  account = row!.stripe_account_id;
});

const payoutsOf = (sellerId: string) =>
  db.execute<{
    id: string;
    amount: number;
    status: string;
    idempotency_key: string;
    stripe_transfer_id: string | null;
    failure_reason: string | null;
    last_error: string | null;
    attempts: number;
  }>(sql`select id, amount, status, idempotency_key, stripe_transfer_id, failure_reason, last_error, attempts
           from public.payouts where seller_id = ${sellerId} order by created_at`);
const ledgerOf = (sellerId: string) =>
  db.execute<{ kind: string; amount: number }>(sql`
    select kind, amount from public.ledger_entries
     where seller_id = ${sellerId} and kind in ('payout', 'payout_reversal') order by created_at, kind`);
const transfersTo = (destination: string) =>
  stripe.transfers.filter((t) => t.destination === destination);
const keysFor = (key: string) => stripe.postedKeys().filter((k) => k === key);
/** Time passes: the lease of a dead run or the backoff after an error is over. */
const later = (payoutId: string) =>
  db.execute(sql`update public.payouts set next_attempt_at = now() - interval '1 second'
                  where id = ${payoutId}`);

async function expectReconciled() {
  expect(await checkLedger(db)).toMatchObject({ ok: true, sellers: [], orders: [], payouts: [] });
}

describe('runPayouts with Stripe transfers', () => {
  it('sends one transfer to the connected account, keyed by the payout row', async () => {
    await sell(db, { seller, buyer, price: 2500, rules: noHold });
    const report = await runPayouts(deps);
    expect(report).toMatchObject({ created: 1, paid: 1, errors: 0 });
    const [payout] = await payoutsOf(seller.id);
    const [transfer] = transfersTo(account);
    expect(transfer).toMatchObject({
      amount: 2000,
      currency: 'usd',
      destination: account,
      transfer_group: `payout_${payout!.id}`,
      metadata: { payout_id: payout!.id, seller_id: seller.id },
    });
    expect(payout).toMatchObject({ status: 'paid', stripe_transfer_id: transfer!.id });
    expect(keysFor(payout!.idempotency_key)).toEqual([`promptnx-payout-${payout!.id}`]);

    // The job retried, or run again by hand: no second transfer.
    expect(await runPayouts(deps)).toMatchObject({ created: 0, retried: 0, paid: 0 });
    expect(transfersTo(account)).toHaveLength(1);
    expect(keysFor(payout!.idempotency_key)).toHaveLength(1);
    await expectReconciled();
  });

  it('makes exactly one transfer when the process dies between the transfer and the commit', async () => {
    await sell(db, { seller, buyer, price: 3000, rules: noHold });
    // The transfer goes through at Stripe; then the process dies before marking it paid.
    const crashing: TransfersProvider = {
      ...transfers,
      async createTransfer(input) {
        await transfers.createTransfer(input);
        throw new Error('killed before the commit');
      },
    };
    const errors: unknown[] = [];
    const crashed = await runPayouts({
      ...deps,
      transfers: crashing,
      onError: (error) => errors.push(error),
    });
    expect(crashed).toMatchObject({ created: 1, paid: 0, retrying: 0, errors: 1 });
    expect(errors).toEqual([new Error('killed before the commit')]);
    const [stuck] = await payoutsOf(seller.id);
    expect(stuck).toMatchObject({ status: 'processing', stripe_transfer_id: null, amount: 2400 });
    expect(transfersTo(account)).toHaveLength(1);
    expect(await ledgerOf(seller.id)).toEqual([{ kind: 'payout', amount: 2400 }]);
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 0 });
    await expectReconciled();

    // The next run (a fresh process) finishes the same payout: Stripe already has it.
    await later(stuck!.id);
    const next = await runPayouts(deps);
    expect(next).toMatchObject({ retried: 1, paid: 1, created: 0, errors: 0 });
    const [done] = await payoutsOf(seller.id);
    expect(done).toMatchObject({
      id: stuck!.id,
      status: 'paid',
      stripe_transfer_id: transfersTo(account)[0]!.id,
      attempts: 2,
    });
    expect(transfersTo(account)).toHaveLength(1);
    expect(keysFor(stuck!.idempotency_key)).toHaveLength(1);
    expect(await ledgerOf(seller.id)).toEqual([{ kind: 'payout', amount: 2400 }]);
    await expectReconciled();
  });

  it('still makes one transfer when the lookup misses it: the same key gets the first answer', async () => {
    await sell(db, { seller, buyer, price: 2000, rules: noHold });
    const crashing: TransfersProvider = {
      ...transfers,
      async createTransfer(input) {
        await transfers.createTransfer(input);
        throw new Error('killed before the commit');
      },
    };
    await runPayouts({ ...deps, transfers: crashing, onError: () => {} });
    const [stuck] = await payoutsOf(seller.id);
    await later(stuck!.id);
    const blind: TransfersProvider = { ...transfers, findTransfer: async () => null };
    expect(await runPayouts({ ...deps, transfers: blind })).toMatchObject({ retried: 1, paid: 1 });
    expect(keysFor(stuck!.idempotency_key)).toHaveLength(2);
    expect(transfersTo(account)).toHaveLength(1);
    const [done] = await payoutsOf(seller.id);
    expect(done?.stripe_transfer_id).toBe(transfersTo(account)[0]!.id);
    expect(await ledgerOf(seller.id)).toEqual([{ kind: 'payout', amount: 1600 }]);
    await expectReconciled();
  });

  it('answers 429, then 500, then OK: one transfer, one debit', async () => {
    await sell(db, { seller, buyer, price: 1500, rules: noHold });
    stripe.failNext(RATE_LIMITED, STRIPE_500);

    // Stripe's SDK does not retry a 429 on its own: the payout waits for the next run.
    const first = await runPayouts(deps);
    expect(first).toMatchObject({ created: 1, paid: 0, retrying: 1, errors: 0 });
    const [waiting] = await payoutsOf(seller.id);
    expect(waiting).toMatchObject({
      status: 'processing',
      last_error: RATE_LIMITED.message,
      attempts: 1,
    });
    const [backoff] = await db.execute<{ backing_off: boolean }>(
      sql`select next_attempt_at > now() as backing_off from public.payouts where id = ${waiting!.id}`,
    );
    expect(backoff?.backing_off).toBe(true);
    // Backing off: a run right away leaves it alone.
    expect(await runPayouts(deps)).toMatchObject({ retried: 0, created: 0 });

    // After the backoff: the SDK gets a 500, retries with the same key, gets the transfer.
    await later(waiting!.id);
    const second = await runPayouts(deps);
    expect(second).toMatchObject({ retried: 1, paid: 1, errors: 0 });
    expect(keysFor(waiting!.idempotency_key)).toHaveLength(3);
    expect(transfersTo(account)).toHaveLength(1);
    const [paid] = await payoutsOf(seller.id);
    expect(paid).toMatchObject({
      status: 'paid',
      stripe_transfer_id: transfersTo(account)[0]!.id,
      last_error: null,
    });
    expect(await ledgerOf(seller.id)).toEqual([{ kind: 'payout', amount: 1200 }]);
    await expectReconciled();
  });

  it('fails a payout Stripe refuses, with its reason, gives the money back and tells the seller', async () => {
    await sell(db, { seller, buyer, price: 2000, rules: noHold });
    stripe.refuse(account, NO_TRANSFERS_CAPABILITY);
    const report = await runPayouts(deps);
    expect(report).toMatchObject({ created: 1, failed: 1, paid: 0, errors: 0 });
    const [failed] = await payoutsOf(seller.id);
    expect(failed).toMatchObject({
      status: 'failed',
      failure_reason: NO_TRANSFERS_CAPABILITY.message,
      stripe_transfer_id: null,
    });
    expect(await ledgerOf(seller.id)).toEqual([
      { kind: 'payout', amount: 1600 },
      { kind: 'payout_reversal', amount: 1600 },
    ]);
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 1600 });
    const [notification] = await db.execute<{ title: string; body: string }>(sql`
      select title, body from public.notifications where user_id = ${seller.id} and type = 'payout'`);
    expect(notification!.title).toBe('Payout of $16.00 failed');
    expect(notification!.body).toContain(NO_TRANSFERS_CAPABILITY.message);
    const [email] = await db.execute<{ subject: string; text: string }>(sql`
      select subject, text from public.outbound_emails where dedupe_key = ${`payout_failed:${failed!.id}`}`);
    expect(email!.subject).toBe('Your payout of $16.00 could not be sent');
    expect(email!.text).toContain(NO_TRANSFERS_CAPABILITY.message);
    await expectReconciled();

    // The seller fixes the account: the next run pays the money with a new payout and key.
    stripe.accept(account);
    const next = await runPayouts(deps);
    expect(next).toMatchObject({ created: 1, paid: 1 });
    const rows = await payoutsOf(seller.id);
    expect(rows.map((p) => [p.status, p.amount])).toEqual([
      ['failed', 1600],
      ['paid', 1600],
    ]);
    expect(rows[0]!.idempotency_key).not.toBe(rows[1]!.idempotency_key);
    expect(transfersTo(account)).toHaveLength(1);
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 0 });
    await expectReconciled();
  });

  it('keeps retrying, never failing, when our own Stripe key is refused', async () => {
    await sell(db, { seller, buyer, price: 2000, rules: noHold });
    const wrongKey = createStripeTransfers(createStripeClient('sk_test_wrong', stripe.url));
    const report = await runPayouts({ ...deps, transfers: wrongKey });
    expect(report).toMatchObject({ created: 1, retrying: 1, failed: 0 });
    const [payout] = await payoutsOf(seller.id);
    expect(payout).toMatchObject({ status: 'processing', last_error: 'Invalid API Key provided' });
    await later(payout!.id);
    expect(await runPayouts(deps)).toMatchObject({ retried: 1, paid: 1 });
    expect(transfersTo(account)).toHaveLength(1);
    await expectReconciled();
  });
});
