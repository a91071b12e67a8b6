import { auditLogs, type Database, orders, refunds } from '@promptnx/db';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { closeUnpaidOrder, fulfilOrder, type SiteUrls } from './fulfil.js';
import type { PaymentsProvider } from './provider.js';
import { processRefund } from './refunds.js';
import type { MoneyRules } from './rules.js';

export interface ReconcileDeps {
  db: Database;
  provider: PaymentsProvider;
  rules: MoneyRules;
  urls: SiteUrls;
}

export interface ReconcileReport {
  checked: number;
  fulfilled: number;
  closed: number;
  refundsRetried: number;
  errors: number;
}

/**
 * Asks the payment provider about one pending order's session and acts on
 * the answer: paid → fulfil (the same code the webhook runs), expired →
 * close. Used by the reconciliation job and by GET /api/orders/:id, so the
 * success page and a late webhook race to the same single fulfilment.
 */
export async function syncOrderWithProvider(
  deps: ReconcileDeps,
  orderId: string,
  via: string,
): Promise<'fulfilled' | 'closed' | 'unchanged'> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (order?.status !== 'pending' || !order.stripeCheckoutSessionId) return 'unchanged';
  const session = await deps.provider.retrieveCheckoutSession(order.stripeCheckoutSessionId);
  if (session.status === 'complete' && session.paymentStatus !== 'unpaid') {
    const result = await deps.db.transaction((tx) =>
      fulfilOrder(
        tx,
        orderId,
        {
          paymentIntentId: session.paymentIntentId,
          checkoutSessionId: session.id,
          amountTotal: session.amountTotal,
          via,
        },
        deps.rules,
        deps.urls,
      ),
    );
    return result === 'fulfilled' ? 'fulfilled' : 'unchanged';
  }
  if (session.status === 'expired') {
    const closed = await deps.db.transaction((tx) => closeUnpaidOrder(tx, orderId, 'expired', via));
    return closed ? 'closed' : 'unchanged';
  }
  return 'unchanged';
}

/**
 * The safety net for lost webhooks: every pending order with a checkout
 * session older than `minAgeSeconds` is checked with the provider; refunds
 * stuck in `processing` (a crash between the provider and the commit) are
 * made again with the same idempotency key.
 */
export async function reconcilePayments(
  deps: ReconcileDeps,
  options: { minAgeSeconds?: number; limit?: number } = {},
): Promise<ReconcileReport> {
  const minAge = options.minAgeSeconds ?? 300;
  const report: ReconcileReport = {
    checked: 0,
    fulfilled: 0,
    closed: 0,
    refundsRetried: 0,
    errors: 0,
  };
  const pending = await deps.db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, 'pending'),
        isNotNull(orders.stripeCheckoutSessionId),
        sql`${orders.createdAt} < now() - make_interval(secs => ${minAge})`,
        sql`${orders.createdAt} > now() - interval '30 days'`,
      ),
    )
    .orderBy(orders.createdAt)
    .limit(options.limit ?? 500);
  for (const { id } of pending) {
    report.checked++;
    try {
      const result = await syncOrderWithProvider(deps, id, 'reconciliation');
      if (result === 'fulfilled') {
        report.fulfilled++;
        await deps.db.insert(auditLogs).values({
          action: 'order.reconciled',
          entityType: 'order',
          entityId: id,
          after: { fulfilled: true },
        });
      }
      if (result === 'closed') report.closed++;
    } catch {
      report.errors++;
    }
  }
  const stuck = await deps.db
    .select({ id: refunds.id })
    .from(refunds)
    .where(
      and(
        eq(refunds.status, 'processing'),
        sql`${refunds.updatedAt} < now() - make_interval(secs => ${minAge})`,
      ),
    )
    .limit(options.limit ?? 500);
  for (const { id } of stuck) {
    try {
      await processRefund(deps, id);
      report.refundsRetried++;
    } catch {
      report.errors++;
    }
  }
  return report;
}
