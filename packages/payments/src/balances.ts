import { type DbOrTx, ledgerEntries } from '@promptnx/db';
import { sql } from 'drizzle-orm';

/** A seller's money in one currency, in minor units, computed from the ledger alone. */
export interface SellerBalance {
  currency: string;
  /** Credits still in their hold period, net of debits dated inside it. Never paid out yet. */
  pending: number;
  /** What can be paid out now: entries whose date has come. Negative after a refund that followed a payout. */
  available: number;
  /** When the earliest pending credit becomes available, if any. */
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
           min(available_at) filter (where available_at > now() and direction = 'credit') as next_available_at
      from (select currency, available_at, direction,
                   case direction when 'credit' then amount else -amount end as signed
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
