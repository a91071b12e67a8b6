import { type DbOrTx, ledgerEntries } from '@promptnx/db';
import { sql } from 'drizzle-orm';

/** A seller's money in one currency, in minor units, computed from the ledger alone. */
export interface SellerBalance {
  currency: string;
  /** Credits still in their hold period, net of debits dated inside it. Never paid out yet. */
  pending: number;
  /** What can be paid out now: entries whose date has come. Negative after a refund that followed a payout. */
  available: number;
  /** When pending money next becomes available: the earliest future date whose entries add up to more than zero. */
  nextAvailableAt: Date | null;
}

/**
 * Every balance PromptNX shows is this sum over ledger_entries (credits
 * plus, debits minus), split at `now()` by each entry's available_at.
 * Pass a transaction that has locked the seller (payouts) to read it stably.
 */
export async function sellerBalances(tx: DbOrTx, sellerId: string): Promise<SellerBalance[]> {
  const rows = await tx.execute<{
    currency: string;
    pending: string;
    available: string;
    next_available_at: string | null;
  }>(sql`
    select currency,
           coalesce(sum(case when available_at > now() then signed end), 0) as pending,
           coalesce(sum(case when available_at <= now() then signed end), 0) as available,
           min(available_at) filter (where available_at > now() and net_at > 0) as next_available_at
      from (select currency, available_at,
                   case direction when 'credit' then amount else -amount end as signed,
                   -- A refund of a held sale carries the sale's date: the two cancel out there.
                   sum(case direction when 'credit' then amount else -amount end)
                     over (partition by currency, available_at) as net_at
              from ${ledgerEntries}
             where seller_id = ${sellerId}) e
     group by currency
     order by currency`);
  return rows.map((r) => ({
    currency: r.currency,
    pending: Number(r.pending),
    available: Number(r.available),
    nextAvailableAt: r.next_available_at ? new Date(r.next_available_at) : null,
  }));
}

/**
 * Every seller and currency whose available balance (the same sum as
 * `sellerBalances`) is at least `minimum`: where a payout run starts. The
 * run still reads each seller's balance again with `sellerBalances` under
 * the seller's lock before it pays anything.
 */
export async function availableBalancesAtLeast(
  tx: DbOrTx,
  minimum: number,
): Promise<{ sellerId: string; currency: string; available: number }[]> {
  const rows = await tx.execute<{ seller_id: string; currency: string; available: string }>(sql`
    select seller_id, currency,
           sum(case direction when 'credit' then amount else -amount end) as available
      from ${ledgerEntries}
     where available_at <= now()
     group by seller_id, currency
    having sum(case direction when 'credit' then amount else -amount end) >= ${minimum}
     order by seller_id, currency`);
  return rows.map((r) => ({
    sellerId: r.seller_id,
    currency: r.currency,
    available: Number(r.available),
  }));
}

/** The balance in one currency (zeros when the seller has no entries in it). */
export async function sellerBalance(
  tx: DbOrTx,
  sellerId: string,
  currency = 'usd',
): Promise<SellerBalance> {
  const all = await sellerBalances(tx, sellerId);
  return (
    all.find((b) => b.currency === currency) ?? {
      currency,
      pending: 0,
      available: 0,
      nextAvailableAt: null,
    }
  );
}
