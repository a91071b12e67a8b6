import { createAdmin, createSeller, createUser, useTestDatabase } from '@promptnx/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sellerBalance } from './balances.js';
import { createEmbeddedPayments } from './embedded-provider.js';
import { createEmbeddedTransfers } from './embedded-transfers.js';
import { checkLedger } from './ledger-check.js';
import { createPayouts, type PayoutDeps, runPayouts } from './payouts.js';
import { refundByAdmin } from './refunds.js';
import type { MoneyRules } from './rules.js';
import { sell } from './testing/index.js';

// Embedded mode: transfers go to the local adapter (embedded_transfers).
const database = await useTestDatabase();
const { db } = database;
const urls = { web: 'http://web.test' };
const noHold: MoneyRules = { feeBps: 2000, holdSeconds: 0, refundWindowDays: 14 };
const held: MoneyRules = { ...noHold, holdSeconds: 3600 };
const deps: PayoutDeps = {
  db,
  transfers: createEmbeddedTransfers(db),
  rules: { minimumAmount: 1000, intervalSeconds: 86_400 },
  urls,
};
const admin = await createAdmin(db);
const buyer = await createUser(db);

const payoutsOf = (sellerId: string) =>
  db.execute<{
    id: string;
    amount: number;
    status: string;
    idempotency_key: string;
    stripe_transfer_id: string | null;
    attempts: number;
  }>(sql`select id, amount, status, idempotency_key, stripe_transfer_id, attempts
           from public.payouts where seller_id = ${sellerId} order by created_at`);
const transfersOf = (sellerId: string) =>
  db.execute<{ id: string; idempotency_key: string; amount: number; destination: string }>(sql`
    select id, idempotency_key, amount, destination from public.embedded_transfers
     where seller_id = ${sellerId} order by created_at`);
const debitsOf = (sellerId: string) =>
  db.execute<{ payout_id: string; amount: number }>(sql`
    select payout_id, amount from public.ledger_entries
     where seller_id = ${sellerId} and kind = 'payout' order by created_at`);

async function expectReconciled() {
  const check = await checkLedger(db);
  expect(check, 'the ledger reconciles').toMatchObject({
    ok: true,
    sellers: [],
    orders: [],
    payouts: [],
  });
}

describe('runPayouts (embedded transfers)', () => {
  it('pays each seller over the minimum once: payout row, local transfer, debit, notification, e-mail', async () => {
    const paid = await createSeller(db);
    const small = await createSeller(db);
    const disabled = await createSeller(db);
    const waiting = await createSeller(db);
    await sell(db, { seller: paid, buyer, price: 1000, rules: noHold });
    await sell(db, { seller: paid, buyer, price: 500, rules: noHold });
    await sell(db, { seller: small, buyer, price: 1000, rules: noHold }); // 800 < 1000
    await sell(db, { seller: disabled, buyer, price: 5000, rules: noHold });
    await db.execute(
      sql`update public.seller_profiles set payouts_enabled = false where user_id = ${disabled.id}`,
    );
    await sell(db, { seller: waiting, buyer, price: 5000, rules: held });

    const report = await runPayouts(deps);
    expect(report).toMatchObject({ created: 1, paid: 1, failed: 0, retrying: 0, errors: 0 });
    expect(report.paidAmounts).toEqual({ usd: 1200 });

    const [payout] = await payoutsOf(paid.id);
    expect(payout).toMatchObject({ amount: 1200, status: 'paid', attempts: 1 });
    expect(payout!.idempotency_key).toBe(`promptnx-payout-${payout!.id}`);
    const transfers = await transfersOf(paid.id);
    expect(transfers).toEqual([
      {
        id: payout!.stripe_transfer_id,
        idempotency_key: payout!.idempotency_key,
        amount: 1200,
        destination: expect.stringMatching(/^acct_/),
      },
    ]);
    expect(await debitsOf(paid.id)).toEqual([{ payout_id: payout!.id, amount: 1200 }]);
    expect(await sellerBalance(db, paid.id)).toMatchObject({ pending: 0, available: 0 });

    const [notification] = await db.execute<{ title: string; data: { payoutId: string } }>(sql`
      select title, data from public.notifications where user_id = ${paid.id} and type = 'payout'`);
    expect(notification).toMatchObject({
      title: 'Payout of $12.00 sent',
      data: { payoutId: payout!.id, emailDedupeKey: `payout_sent:${payout!.id}` },
    });
    const [email] = await db.execute<{ to_address: string; subject: string; text: string }>(sql`
      select to_address, subject, text from public.outbound_emails
       where dedupe_key = ${`payout_sent:${payout!.id}`}`);
    expect(email).toMatchObject({ to_address: paid.email, subject: 'Payout of $12.00 sent' });
    expect(email!.text).toContain(payout!.stripe_transfer_id!);
    expect(email!.text).toContain('http://web.test/sell/payouts');

    for (const seller of [small, disabled, waiting]) {
      expect(await payoutsOf(seller.id)).toEqual([]);
    }
    await expectReconciled();

    // The job again (a retry, a second worker): nothing more is paid.
    const again = await runPayouts(deps);
    expect(again).toMatchObject({ created: 0, paid: 0, retried: 0, errors: 0 });
    expect(await transfersOf(paid.id)).toHaveLength(1);
    await expectReconciled();
  });

  it('leaves a negative balance after a refund that followed a payout, repaid by later sales before any new payout', async () => {
    const seller = await createSeller(db);
    const first = await sell(db, { seller, buyer, price: 2000, rules: noHold });
    await runPayouts(deps);
    expect((await payoutsOf(seller.id)).map((p) => [p.amount, p.status])).toEqual([[1600, 'paid']]);

    await refundByAdmin(
      {
        db,
        provider: createEmbeddedPayments(db, { publicUrl: 'http://api.test' }),
        rules: noHold,
        urls,
      },
      { adminId: admin.id, orderId: first.orderId, reason: 'Charged twice' },
    );
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: -1600 });
    await expectReconciled();

    // Nothing to pay, nothing thrown.
    const none = await runPayouts(deps);
    expect(none).toMatchObject({ created: 0, errors: 0 });

    await sell(db, { seller, buyer, price: 2500, rules: noHold }); // +2000 → 400
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 400 });
    expect(await runPayouts(deps)).toMatchObject({ created: 0, errors: 0 });
    await expectReconciled();

    await sell(db, { seller, buyer, price: 1500, rules: noHold }); // +1200 → 1600
    const report = await runPayouts(deps);
    expect(report).toMatchObject({ created: 1, paid: 1, errors: 0 });
    expect((await payoutsOf(seller.id)).map((p) => [p.amount, p.status])).toEqual([
      [1600, 'paid'],
      [1600, 'paid'],
    ]);
    expect((await transfersOf(seller.id)).map((t) => t.amount)).toEqual([1600, 1600]);
    expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 0 });
    await expectReconciled();
  });

  it('retries an unfinished payout with its own key before making a new one', async () => {
    const seller = await createSeller(db);
    await sell(db, { seller, buyer, price: 2000, rules: noHold });
    // Phase 1 committed, then the process died before the transfer.
    const [stuck] = await createPayouts(deps, seller.id);
    expect(stuck).toMatchObject({ status: 'processing', amount: 1600, attempts: 1 });
    await sell(db, { seller, buyer, price: 5000, rules: noHold });
    await expectReconciled();

    // While the dead run's lease holds, nobody touches it and no new payout is made.
    const during = await runPayouts(deps);
    expect(during).toMatchObject({ retried: 0, created: 0, errors: 0 });
    expect(await payoutsOf(seller.id)).toHaveLength(1);

    // The lease has run out (ten minutes later).
    await db.execute(sql`update public.payouts set next_attempt_at = now() - interval '1 second'
                          where id = ${stuck!.id}`);
    const after = await runPayouts(deps);
    expect(after).toMatchObject({ retried: 1, paid: 2, created: 1, errors: 0 });
    const rows = await payoutsOf(seller.id);
    expect(rows.map((p) => [p.id === stuck!.id, p.amount, p.status, p.attempts])).toEqual([
      [true, 1600, 'paid', 2],
      [false, 4000, 'paid', 1],
    ]);
    expect((await transfersOf(seller.id)).map((t) => t.idempotency_key)).toEqual(
      rows.map((p) => p.idempotency_key),
    );
    await expectReconciled();
  });

  it('pays each seller once when five runs race', async () => {
    const sellers = await Promise.all(Array.from({ length: 12 }, () => createSeller(db)));
    for (const [i, seller] of sellers.entries()) {
      await sell(db, { seller, buyer, price: 1500 + i * 100, rules: noHold });
    }
    const reports = await Promise.all(
      Array.from({ length: 5 }, () => runPayouts({ ...deps, concurrency: 3 })),
    );
    expect(reports.reduce((sum, r) => sum + r.errors, 0)).toBe(0);
    expect(reports.reduce((sum, r) => sum + r.created, 0)).toBe(12);
    expect(reports.reduce((sum, r) => sum + r.paid, 0)).toBe(12);
    for (const [i, seller] of sellers.entries()) {
      const expected = 1500 + i * 100 - Math.floor(((1500 + i * 100) * 2000 + 5000) / 10000);
      expect((await payoutsOf(seller.id)).map((p) => [p.amount, p.status])).toEqual([
        [expected, 'paid'],
      ]);
      expect(await transfersOf(seller.id)).toHaveLength(1);
      expect(await debitsOf(seller.id)).toHaveLength(1);
      expect(await sellerBalance(db, seller.id)).toMatchObject({ available: 0 });
    }
    await expectReconciled();
  });

  it('lets only one of five racing runs retry an unfinished payout', async () => {
    const seller = await createSeller(db);
    await sell(db, { seller, buyer, price: 4000, rules: noHold });
    const [stuck] = await createPayouts(deps, seller.id);
    await db.execute(sql`update public.payouts set next_attempt_at = now() - interval '1 second'
                          where id = ${stuck!.id}`);
    const reports = await Promise.all(Array.from({ length: 5 }, () => runPayouts(deps)));
    expect(reports.reduce((sum, r) => sum + r.retried, 0)).toBe(1);
    expect(reports.reduce((sum, r) => sum + r.paid, 0)).toBe(1);
    expect((await payoutsOf(seller.id)).map((p) => [p.status, p.attempts])).toEqual([['paid', 2]]);
    expect(await transfersOf(seller.id)).toHaveLength(1);
    await expectReconciled();
  });

  it('when the account was removed before a retry: paid if the transfer went out, else failed and given back', async () => {
    const [went, never] = [await createSeller(db), await createSeller(db)];
    for (const seller of [went, never])
      await sell(db, { seller, buyer, price: 2000, rules: noHold });
    const [sent] = await createPayouts(deps, went.id);
    const [account] = await db.execute<{ stripe_account_id: string }>(sql`
      select stripe_account_id from public.seller_profiles where user_id = ${went.id}`);
    // The transfer went out, then the run died.
    await deps.transfers.createTransfer({
      payoutId: sent!.id,
      sellerId: went.id,
      destination: account!.stripe_account_id,
      amount: sent!.amount,
      currency: sent!.currency,
      idempotencyKey: sent!.idempotencyKey,
    });
    const [unsent] = await createPayouts(deps, never.id);
    await db.execute(sql`update public.seller_profiles set stripe_account_id = null
                          where user_id in (${went.id}, ${never.id})`);
    await db.execute(sql`update public.payouts set next_attempt_at = now() - interval '1 second'
                          where id in (${sent!.id}, ${unsent!.id})`);

    expect(await runPayouts(deps)).toMatchObject({ retried: 2, paid: 1, failed: 1, errors: 0 });
    expect((await payoutsOf(went.id)).map((p) => p.status)).toEqual(['paid']);
    const [failed] = await db.execute<{ status: string; failure_reason: string }>(sql`
      select status, failure_reason from public.payouts where id = ${unsent!.id}`);
    expect(failed).toEqual({
      status: 'failed',
      failure_reason: 'The seller has no connected payout account.',
    });
    expect(await sellerBalance(db, never.id)).toMatchObject({ available: 1600 });
    expect(await transfersOf(never.id)).toEqual([]);
    await expectReconciled();
  });

  it('refuses a nonsensical minimum before touching anything', async () => {
    await expect(
      runPayouts({ ...deps, rules: { minimumAmount: 0, intervalSeconds: 86_400 } }),
    ).rejects.toThrow(/minimum/);
  });
});

describe('checkLedger', () => {
  it('fails on a tampered ledger and says which seller, order and payout differ', async () => {
    const seller = await createSeller(db);
    const sale = await sell(db, { seller, buyer, price: 3000, rules: noHold });
    await runPayouts(deps);
    await expectReconciled();
    const [payout] = await payoutsOf(seller.id);

    await db.execute(sql`update public.ledger_entries set amount = amount + 100
                          where order_item_id = ${sale.orderItemId} and kind = 'sale'`);
    const check = await checkLedger(db);
    expect(check.ok).toBe(false);
    expect(check.currencies.find((c) => c.currency === 'usd')?.difference).toBe(100);
    expect(check.sellers).toEqual([
      { sellerId: seller.id, currency: 'usd', expected: 0, ledger: 100 },
    ]);
    expect(check.orders).toEqual([
      {
        orderId: sale.orderId,
        orderItemId: sale.orderItemId,
        problem: 'sale credit 2500, earnings 2400',
      },
    ]);
    expect(check.payouts).toEqual([]);

    await db.execute(sql`update public.ledger_entries set amount = amount - 100
                          where order_item_id = ${sale.orderItemId} and kind = 'sale'`);
    await db.execute(sql`delete from public.ledger_entries where payout_id = ${payout!.id}`);
    const lost = await checkLedger(db);
    expect(lost.ok).toBe(false);
    expect(lost.currencies.find((c) => c.currency === 'usd')?.difference).toBe(2400);
    expect(lost.payouts).toEqual([
      {
        payoutId: payout!.id,
        sellerId: seller.id,
        status: 'paid',
        problem: 'debit missing, amount 2400',
      },
    ]);
    // Put back as the payout run wrote it, for the other tests' checks.
    await db.execute(sql`insert into public.ledger_entries (seller_id, kind, direction, amount, payout_id)
                          values (${seller.id}, 'payout', 'debit', 2400, ${payout!.id})`);
    await expectReconciled();
  });
});
