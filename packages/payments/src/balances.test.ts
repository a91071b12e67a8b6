import { ledgerEntries } from '@promptnx/db';
import { createAdmin, createSeller, createUser, useTestDatabase } from '@promptnx/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { availableBalancesAtLeast, sellerBalance, sellerBalances } from './balances.js';
import { createEmbeddedPayments } from './embedded-provider.js';
import { checkLedger } from './ledger-check.js';
import { refundByAdmin } from './refunds.js';
import type { MoneyRules } from './rules.js';
import { sell } from './testing/index.js';

const database = await useTestDatabase();
const { db } = database;
const urls = { web: 'http://web.test' };
const HOUR = 3600;
const held: MoneyRules = { feeBps: 2000, holdSeconds: HOUR, refundWindowDays: 14 };
const refundDeps = {
  db,
  provider: createEmbeddedPayments(db, { publicUrl: 'http://api.test' }),
  rules: held,
  urls,
};
const admin = await createAdmin(db);

/** The hold period is over for this sale: its credit (and what nets against it) is available. */
async function endHold(orderItemId: string) {
  await db.execute(sql`update public.ledger_entries set available_at = now() - interval '1 second'
                        where order_item_id = ${orderItemId}`);
}

describe('sellerBalances', () => {
  it('keeps a sale pending through the hold period, then makes it available', async () => {
    const seller = await createSeller(db);
    const buyer = await createUser(db);
    const sale = await sell(db, { seller, buyer, price: 2000, rules: held });
    expect(sale.earnings).toBe(1600);

    const before = await sellerBalance(db, seller.id);
    expect(before).toMatchObject({ currency: 'usd', pending: 1600, available: 0 });
    const wait = before.nextAvailableAt!.getTime() - Date.now();
    expect(wait).toBeGreaterThan((HOUR - 60) * 1000);
    expect(wait).toBeLessThanOrEqual(HOUR * 1000);

    await endHold(sale.orderItemId);
    expect(await sellerBalance(db, seller.id)).toEqual({
      currency: 'usd',
      pending: 0,
      available: 1600,
      nextAvailableAt: null,
    });
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it('nets a refund of a sale still on hold against pending, not against available', async () => {
    const seller = await createSeller(db);
    const buyer = await createUser(db);
    const old = await sell(db, { seller, buyer, price: 1000, rules: held });
    await endHold(old.orderItemId);
    const fresh = await sell(db, { seller, buyer, price: 2500, rules: held });
    expect(await sellerBalance(db, seller.id)).toMatchObject({ pending: 2000, available: 800 });

    const refund = await refundByAdmin(refundDeps, {
      adminId: admin.id,
      orderId: fresh.orderId,
      reason: 'Duplicate purchase',
    });
    expect(refund.status).toBe('succeeded');
    const [debit] = await db.execute<{ same: boolean }>(sql`
      select r.available_at = s.available_at as same
        from public.ledger_entries r join public.ledger_entries s
          on s.order_item_id = r.order_item_id and s.kind = 'sale'
       where r.order_item_id = ${fresh.orderItemId} and r.kind = 'refund'`);
    expect(debit?.same).toBe(true);
    // The available 800 is untouched: only the held sale went.
    expect(await sellerBalance(db, seller.id)).toMatchObject({
      pending: 0,
      available: 800,
      nextAvailableAt: null,
    });
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it('takes a refund of an available sale from available, down to below zero after a payout', async () => {
    const seller = await createSeller(db);
    const buyer = await createUser(db);
    const sale = await sell(db, { seller, buyer, price: 1500, rules: held });
    await endHold(sale.orderItemId);
    // Paid out already (as the payout run writes it).
    await db.execute(sql`
      with p as (insert into public.payouts (seller_id, amount, status, idempotency_key, stripe_transfer_id, paid_at)
                 values (${seller.id}, 1200, 'paid', ${`test-${sale.orderItemId}`}, ${`tr_${sale.orderItemId.slice(0, 8)}`}, now())
                 returning id)
      insert into public.ledger_entries (seller_id, kind, direction, amount, payout_id)
      select ${seller.id}, 'payout', 'debit', 1200, id from p`);
    expect(await sellerBalance(db, seller.id)).toMatchObject({ pending: 0, available: 0 });

    await refundByAdmin(refundDeps, {
      adminId: admin.id,
      orderId: sale.orderId,
      reason: 'Not as described',
    });
    expect(await sellerBalance(db, seller.id)).toMatchObject({ pending: 0, available: -1200 });
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it('keeps currencies apart and agrees with the bulk query the payout run starts from', async () => {
    const seller = await createSeller(db);
    const other = await createSeller(db);
    await db.insert(ledgerEntries).values([
      {
        sellerId: seller.id,
        kind: 'adjustment',
        direction: 'credit',
        amount: 5000,
        currency: 'eur',
      },
      { sellerId: seller.id, kind: 'adjustment', direction: 'debit', amount: 700, currency: 'eur' },
      {
        sellerId: seller.id,
        kind: 'adjustment',
        direction: 'credit',
        amount: 900,
        currency: 'usd',
      },
      {
        sellerId: seller.id,
        kind: 'adjustment',
        direction: 'credit',
        amount: 300,
        currency: 'usd',
        availableAt: sql`now() + interval '1 day'`,
      },
      { sellerId: other.id, kind: 'adjustment', direction: 'credit', amount: 999, currency: 'usd' },
    ]);
    const balances = await sellerBalances(db, seller.id);
    expect(balances.map(({ nextAvailableAt, ...b }) => b)).toEqual([
      { currency: 'eur', pending: 0, available: 4300 },
      { currency: 'usd', pending: 300, available: 900 },
    ]);
    expect(await sellerBalance(db, seller.id, 'gbp')).toEqual({
      currency: 'gbp',
      pending: 0,
      available: 0,
      nextAvailableAt: null,
    });
    const over = (await availableBalancesAtLeast(db, 900)).filter((b) =>
      [seller.id, other.id].includes(b.sellerId),
    );
    expect(over).toEqual([
      ...(seller.id < other.id ? [] : [{ sellerId: other.id, currency: 'usd', available: 999 }]),
      { sellerId: seller.id, currency: 'eur', available: 4300 },
      { sellerId: seller.id, currency: 'usd', available: 900 },
      ...(seller.id < other.id ? [{ sellerId: other.id, currency: 'usd', available: 999 }] : []),
    ]);
    expect(
      (await availableBalancesAtLeast(db, 1000)).filter((b) => b.sellerId === other.id),
    ).toEqual([]);
  });
});
