import { randomUUID } from 'node:crypto';
import {
  auditLogs,
  type Database,
  type DbOrTx,
  ledgerEntries,
  notifications,
  type Payout,
  payouts,
} from '@promptnx/db';
import { money, queueEmailWith } from '@promptnx/emails';
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { availableBalancesAtLeast, sellerBalances } from './balances.js';
import type { SiteUrls } from './fulfil.js';
import { PaymentsError } from './provider.js';
import type { PayoutRules } from './rules.js';
import {
  payoutIdempotencyKey,
  type TransferInput,
  type TransferResult,
  type TransfersProvider,
} from './transfers.js';

export interface PayoutRetrySettings {
  /**
   * How long a run owns a `processing` payout while it asks the provider;
   * a run that died mid-way gives the payout up after this.
   */
  leaseSeconds: number;
  /** Wait before the next try after a retryable error, given the tries made so far. */
  backoffSeconds(attempts: number): number;
}

export const DEFAULT_PAYOUT_RETRY: PayoutRetrySettings = {
  leaseSeconds: 600,
  backoffSeconds: (attempts) => Math.min(3600, 60 * 2 ** Math.max(0, attempts - 1)),
};

export interface PayoutDeps {
  db: Database;
  transfers: TransfersProvider;
  rules: PayoutRules;
  urls: SiteUrls;
  retry?: Partial<PayoutRetrySettings> | undefined;
  /** Payouts worked on at the same time (default 4). */
  concurrency?: number | undefined;
  /**
   * Told about each unexpected error (the database, a bug, a non-Stripe
   * error from the provider); the payout stays `processing` and is retried.
   */
  onError?: ((error: unknown, where: { payoutId?: string; sellerId?: string }) => void) | undefined;
}

export interface PayoutRunReport {
  /** Payouts left `processing` by earlier runs that this run tried again. */
  retried: number;
  /** Sellers over the minimum with payouts enabled that this run looked at. */
  sellers: number;
  /** New payout rows (each with its ledger debit). */
  created: number;
  paid: number;
  /** Refused for good by the provider: reversed into the balance, seller told. */
  failed: number;
  /** Still `processing` after a retryable error: a later run tries again, same key. */
  retrying: number;
  /** Unexpected errors (see `onError`); their payouts stay `processing`. */
  errors: number;
  /** What was paid, per currency, in minor units. */
  paidAmounts: Record<string, number>;
}

type Outcome = 'paid' | 'failed' | 'retrying' | 'already';

const retrySettings = (deps: PayoutDeps): PayoutRetrySettings => ({
  ...DEFAULT_PAYOUT_RETRY,
  ...deps.retry,
});

/**
 * The payout run (DESIGN §5), in two phases per payout so that a crash or a
 * retry never pays twice and never loses a debit:
 *
 * 1. One transaction, under the seller's row lock: a `processing` payout row
 *    whose idempotency key is derived from its id, and its ledger debit.
 * 2. The transfer, with that key; then one transaction marks the payout paid
 *    (or failed with the provider's reason plus a reversal credit) and
 *    queues the seller's notification and e-mail.
 *
 * A payout left `processing` (a crash, a retryable error) is tried again by
 * later runs with the same key, and its seller gets no new payout until it
 * is finished. A negative available balance (a refund after a payout) is
 * simply not over the minimum: later earnings repay it first.
 */
export async function runPayouts(deps: PayoutDeps): Promise<PayoutRunReport> {
  const { minimumAmount } = deps.rules;
  if (!Number.isSafeInteger(minimumAmount) || minimumAmount < 1) {
    throw new Error(`the payout minimum must be a whole amount of at least 1 (${minimumAmount})`);
  }
  const report: PayoutRunReport = {
    retried: 0,
    sellers: 0,
    created: 0,
    paid: 0,
    failed: 0,
    retrying: 0,
    errors: 0,
    paidAmounts: {},
  };
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const tally = (payout: Payout, outcome: Outcome) => {
    if (outcome === 'paid') {
      report.paid++;
      report.paidAmounts[payout.currency] =
        (report.paidAmounts[payout.currency] ?? 0) + payout.amount;
    } else if (outcome === 'failed') report.failed++;
    else if (outcome === 'retrying') report.retrying++;
  };
  const unexpected = (error: unknown, where: { payoutId?: string; sellerId?: string }) => {
    report.errors++;
    deps.onError?.(error, where);
  };

  // 1. Unfinished payouts first: the same row, the same key, never a new payout.
  const due = await deps.db
    .select({ id: payouts.id })
    .from(payouts)
    .where(
      and(
        eq(payouts.status, 'processing'),
        or(isNull(payouts.nextAttemptAt), lte(payouts.nextAttemptAt, sql`now()`)),
      ),
    )
    .orderBy(asc(payouts.createdAt));
  await eachLimited(due, concurrency, async ({ id }) => {
    try {
      const claimed = await claimPayout(deps, id);
      if (!claimed) return;
      report.retried++;
      tally(claimed, await sendPayout(deps, claimed));
    } catch (error) {
      unexpected(error, { payoutId: id });
    }
  });

  // 2. New payouts for everyone over the minimum who can be paid.
  const sellers = await payableSellers(deps.db, minimumAmount);
  report.sellers = sellers.length;
  await eachLimited(sellers, concurrency, async (sellerId) => {
    let created: { payouts: Payout[]; destination: string | null };
    try {
      created = await openPayouts(deps, sellerId);
    } catch (error) {
      unexpected(error, { sellerId });
      return;
    }
    for (const payout of created.payouts) {
      report.created++;
      try {
        tally(payout, await sendPayout(deps, payout, created.destination));
      } catch (error) {
        unexpected(error, { payoutId: payout.id, sellerId });
      }
    }
  });
  return report;
}

/**
 * Sellers who may be paid now: payouts enabled, seller and account active, a
 * connected account, no payout still `processing`, and an available balance
 * of at least `minimum` in some currency.
 */
async function payableSellers(db: Database, minimum: number): Promise<string[]> {
  const over = await availableBalancesAtLeast(db, minimum);
  if (over.length === 0) return [];
  const eligible = await db.execute<{ user_id: string }>(sql`
    select sp.user_id from public.seller_profiles sp
      join public.profiles p on p.id = sp.user_id
     where sp.payouts_enabled and sp.status = 'active' and p.status = 'active'
       and sp.stripe_account_id is not null
       and not exists (select 1 from public.payouts po
                        where po.seller_id = sp.user_id and po.status = 'processing')`);
  const ok = new Set(eligible.map((r) => r.user_id));
  return [...new Set(over.map((b) => b.sellerId))].filter((id) => ok.has(id));
}

/**
 * Phase 1 for one seller, in one transaction under the seller's row lock (a
 * concurrent run waits here, then sees this run's payout): one `processing`
 * payout per currency whose available balance reaches the minimum, each with
 * its ledger debit. The new rows are already claimed by this run.
 */
export async function createPayouts(deps: PayoutDeps, sellerId: string): Promise<Payout[]> {
  return (await openPayouts(deps, sellerId)).payouts;
}

/** `createPayouts`, also giving the connected account read under the lock. */
async function openPayouts(
  deps: PayoutDeps,
  sellerId: string,
): Promise<{ payouts: Payout[]; destination: string | null }> {
  const { leaseSeconds } = retrySettings(deps);
  return deps.db.transaction(async (tx) => {
    const [seller] = await tx.execute<{
      can_be_paid: boolean;
      stripe_account_id: string | null;
    }>(sql`
      select (sp.payouts_enabled and sp.status = 'active' and p.status = 'active'
              and sp.stripe_account_id is not null) as can_be_paid, sp.stripe_account_id
        from public.seller_profiles sp join public.profiles p on p.id = sp.user_id
       where sp.user_id = ${sellerId}
         for update of sp`);
    const none = { payouts: [], destination: null };
    if (!seller?.can_be_paid) return none;
    // A statement of its own, after the lock: it sees what a run that held the lock committed.
    const [open] = await tx.execute<{ id: string }>(sql`
      select id from public.payouts where seller_id = ${sellerId} and status = 'processing' limit 1`);
    if (open) return none;
    const created: Payout[] = [];
    for (const balance of await sellerBalances(tx, sellerId)) {
      if (balance.available < deps.rules.minimumAmount) continue;
      const id = randomUUID();
      const [payout] = await tx
        .insert(payouts)
        .values({
          id,
          sellerId,
          amount: balance.available,
          currency: balance.currency,
          status: 'processing',
          idempotencyKey: payoutIdempotencyKey(id),
          attempts: 1,
          nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
        })
        .returning();
      await tx.insert(ledgerEntries).values({
        sellerId,
        kind: 'payout',
        direction: 'debit',
        amount: balance.available,
        currency: balance.currency,
        payoutId: id,
        memo: 'Payout to your connected account',
      });
      created.push(payout!);
    }
    return { payouts: created, destination: seller.stripe_account_id };
  });
}

/**
 * Takes a `processing` payout for this run if no other run holds it (its
 * lease ran out, or its backoff is over): one conditional UPDATE, so of two
 * concurrent runs only one gets it.
 */
export async function claimPayout(deps: PayoutDeps, payoutId: string): Promise<Payout | null> {
  const { leaseSeconds } = retrySettings(deps);
  const [claimed] = await deps.db
    .update(payouts)
    .set({
      attempts: sql`${payouts.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(
      and(
        eq(payouts.id, payoutId),
        eq(payouts.status, 'processing'),
        or(isNull(payouts.nextAttemptAt), lte(payouts.nextAttemptAt, sql`now()`)),
      ),
    )
    .returning();
  return claimed ?? null;
}

/**
 * Phase 2 for a payout this run holds: the transfer (looked up first when
 * this is a retry, then made with the payout's own key), then paid, failed
 * or left for a later try.
 */
export async function sendPayout(
  deps: PayoutDeps,
  payout: Payout,
  knownDestination?: string | null,
): Promise<Outcome> {
  let destination = knownDestination ?? null;
  if (!destination) {
    const [account] = await deps.db.execute<{ stripe_account_id: string | null }>(sql`
      select stripe_account_id from public.seller_profiles where user_id = ${payout.sellerId}`);
    destination = account?.stripe_account_id ?? null;
  }
  const input: TransferInput = {
    payoutId: payout.id,
    sellerId: payout.sellerId,
    destination: destination ?? '',
    amount: payout.amount,
    currency: payout.currency,
    idempotencyKey: payout.idempotencyKey,
  };
  let transfer: TransferResult | null;
  try {
    transfer = payout.attempts > 1 ? await deps.transfers.findTransfer(input) : null;
    if (!transfer && !destination) {
      // The account was removed since the payout was made, and no transfer went out.
      return failPayout(deps, payout.id, 'The seller has no connected payout account.');
    }
    transfer ??= await deps.transfers.createTransfer(input);
  } catch (error) {
    if (error instanceof PaymentsError && !error.retryable) {
      return failPayout(deps, payout.id, error.message);
    }
    await postponePayout(deps, payout, error);
    // Not the provider's answer (a bug, a crash after the call): the run reports it as an error.
    if (!(error instanceof PaymentsError)) throw error;
    return 'retrying';
  }
  return markPayoutPaid(deps, payout.id, transfer.id);
}

async function postponePayout(deps: PayoutDeps, payout: Payout, error: unknown) {
  const { backoffSeconds } = retrySettings(deps);
  const message = error instanceof Error ? error.message : String(error);
  await deps.db
    .update(payouts)
    .set({
      lastError: message.slice(0, 1000),
      nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(payout.attempts)})`,
    })
    .where(and(eq(payouts.id, payout.id), eq(payouts.status, 'processing')));
}

/** The transfer was made: the payout is paid, the seller told (once, whoever gets here first). */
export async function markPayoutPaid(
  deps: Pick<PayoutDeps, 'db' | 'urls'>,
  payoutId: string,
  transferId: string,
): Promise<Outcome> {
  return deps.db.transaction(async (tx) => {
    // Only a processing payout changes; a concurrent finisher waits on the row, then finds it done.
    const [payout] = await tx
      .update(payouts)
      .set({
        status: 'paid',
        stripeTransferId: transferId,
        paidAt: sql`now()`,
        nextAttemptAt: null,
        lastError: null,
      })
      .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
      .returning();
    if (!payout) return 'already';
    const amount = money(payout.amount, payout.currency);
    const emailKey = `payout_sent:${payoutId}`;
    const to = await sellerEmail(tx, payout.sellerId);
    if (to) {
      await queueEmailWith(tx, {
        userId: payout.sellerId,
        to,
        template: 'payout_sent',
        data: {
          currency: payout.currency,
          amount: payout.amount,
          transferId,
          payoutsUrl: `${deps.urls.web}/sell/payouts`,
        },
        dedupeKey: emailKey,
      });
    }
    await tx.insert(notifications).values({
      userId: payout.sellerId,
      type: 'payout',
      title: `Payout of ${amount} sent`,
      body: 'It usually reaches your bank account within two business days.',
      data: {
        payoutId,
        amount: payout.amount,
        currency: payout.currency,
        transferId,
        emailDedupeKey: emailKey,
      },
    });
    await tx.insert(auditLogs).values({
      action: 'payout.paid',
      entityType: 'payout',
      entityId: payoutId,
      before: { status: 'processing', attempts: payout.attempts },
      after: { status: 'paid', transferId, amount: payout.amount, currency: payout.currency },
    });
    return 'paid';
  });
}

/**
 * The provider refused the transfer for good: the payout fails with its
 * reason, a `payout_reversal` credit gives the money back to the available
 * balance, and the seller is told why, all in one transaction.
 */
export async function failPayout(
  deps: Pick<PayoutDeps, 'db' | 'urls'>,
  payoutId: string,
  reason: string,
): Promise<Outcome> {
  return deps.db.transaction(async (tx) => {
    const failureReason = reason.slice(0, 1000);
    const [payout] = await tx
      .update(payouts)
      .set({ status: 'failed', failureReason, nextAttemptAt: null, lastError: null })
      .where(and(eq(payouts.id, payoutId), eq(payouts.status, 'processing')))
      .returning();
    if (!payout) return 'already';
    await tx
      .insert(ledgerEntries)
      .values({
        sellerId: payout.sellerId,
        kind: 'payout_reversal',
        direction: 'credit',
        amount: payout.amount,
        currency: payout.currency,
        payoutId,
        memo: 'Payout failed: the amount is back in your balance',
      })
      .onConflictDoNothing();
    const amount = money(payout.amount, payout.currency);
    const emailKey = `payout_failed:${payoutId}`;
    const to = await sellerEmail(tx, payout.sellerId);
    if (to) {
      await queueEmailWith(tx, {
        userId: payout.sellerId,
        to,
        template: 'payout_failed',
        data: {
          currency: payout.currency,
          amount: payout.amount,
          reason: failureReason,
          payoutsUrl: `${deps.urls.web}/sell/payouts`,
        },
        dedupeKey: emailKey,
      });
    }
    await tx.insert(notifications).values({
      userId: payout.sellerId,
      type: 'payout',
      title: `Payout of ${amount} failed`.slice(0, 200),
      body: `${failureReason} The amount is back in your available balance.`,
      data: {
        payoutId,
        amount: payout.amount,
        currency: payout.currency,
        failureReason,
        emailDedupeKey: emailKey,
      },
    });
    await tx.insert(auditLogs).values({
      action: 'payout.failed',
      entityType: 'payout',
      entityId: payoutId,
      before: { status: 'processing', attempts: payout.attempts },
      after: { status: 'failed', amount: payout.amount, currency: payout.currency },
      reason: failureReason,
    });
    return 'failed';
  });
}

async function sellerEmail(tx: DbOrTx, sellerId: string): Promise<string | null> {
  const [row] = await tx.execute<{ email: string | null }>(sql`
    select email from auth.users where id = ${sellerId}`);
  return row?.email ?? null;
}

/** Runs `work` over `items`, at most `limit` at a time, in order of start. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}
