import {
  auditLogs,
  type Database,
  type DbOrTx,
  entitlements,
  ledgerEntries,
  notifications,
  orderItems,
  orders,
  refunds,
} from '@promptnx/db';
import { queueEmailWith } from '@promptnx/emails';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SiteUrls } from './fulfil.js';
import { PaymentsError, type PaymentsProvider } from './provider.js';
import { type MoneyRules, receiptNumber } from './rules.js';

/** Why a refund cannot be made; the API turns these into 4xx answers. */
export class RefundRefused extends Error {
  override name = 'RefundRefused';
  constructor(
    readonly reason:
      | 'not_found'
      | 'not_paid'
      | 'window_closed'
      | 'items_not_refundable'
      | 'already_requested'
      | 'not_open',
    message: string,
  ) {
    super(message);
  }
}

type RefundRow = typeof refunds.$inferSelect;

export interface RefundDeps {
  db: Database;
  provider: PaymentsProvider;
  rules: MoneyRules;
  urls: SiteUrls;
}

/** The items of an order that may still be refunded, checked against a request. */
async function refundableItems(tx: DbOrTx, orderId: string, itemIds: string[] | undefined) {
  const items = await tx
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.orderId, orderId), eq(orderItems.status, 'paid')));
  // Items already in a refund that is open or done are not refundable twice.
  const taken = await tx.execute<{ item_id: string }>(sql`
    select unnest(item_ids)::text as item_id from public.refunds
    where order_id = ${orderId} and status in ('requested', 'processing', 'succeeded')`);
  const takenIds = new Set(taken.map((t) => t.item_id));
  const open = items.filter((i) => !takenIds.has(i.id));
  const wanted = itemIds ? open.filter((i) => itemIds.includes(i.id)) : open;
  if (wanted.length === 0 || (itemIds && wanted.length !== new Set(itemIds).size)) {
    throw new RefundRefused(
      'items_not_refundable',
      'these items are not paid, or already refunded or asked for',
    );
  }
  return wanted;
}

async function lockPaidOrder(tx: DbOrTx, orderId: string) {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) throw new RefundRefused('not_found', `order ${orderId} was not found`);
  if (order.status !== 'paid' && order.status !== 'partially_refunded') {
    throw new RefundRefused('not_paid', `order ${orderId} is ${order.status}, not paid`);
  }
  return order;
}

/** A buyer asks for a refund of some or all of a paid order, within the window. */
export async function requestRefund(
  deps: RefundDeps,
  input: { buyerId: string; orderId: string; itemIds?: string[] | undefined; reason: string },
): Promise<RefundRow> {
  return deps.db.transaction(async (tx) => {
    const order = await lockPaidOrder(tx, input.orderId);
    if (order.buyerId !== input.buyerId) {
      throw new RefundRefused('not_found', `order ${input.orderId} was not found`);
    }
    const windowEnds = (order.paidAt?.getTime() ?? 0) + deps.rules.refundWindowDays * 86_400_000;
    if (Date.now() > windowEnds) {
      throw new RefundRefused(
        'window_closed',
        `refunds can be asked for within ${deps.rules.refundWindowDays} days of payment`,
      );
    }
    const items = await refundableItems(tx, order.id, input.itemIds);
    const [row] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        kind: 'buyer_request',
        requestedBy: input.buyerId,
        status: 'requested',
        itemIds: items.map((i) => i.id),
        amount: items.reduce((sum, i) => sum + i.priceAmount, 0),
        currency: order.currency,
        reason: input.reason,
      })
      .returning();
    await tx.insert(auditLogs).values({
      actorId: input.buyerId,
      action: 'refund.requested',
      entityType: 'order',
      entityId: order.id,
      after: { refundId: row!.id, itemIds: row!.itemIds, amount: row!.amount },
      reason: input.reason,
    });
    return row!;
  });
}

/** An admin refunds at once (no request needed). */
export async function refundByAdmin(
  deps: RefundDeps,
  input: { adminId: string; orderId: string; itemIds?: string[] | undefined; reason: string },
): Promise<RefundRow> {
  const row = await deps.db.transaction(async (tx) => {
    const order = await lockPaidOrder(tx, input.orderId);
    const items = await refundableItems(tx, order.id, input.itemIds);
    const [created] = await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        kind: 'admin',
        requestedBy: input.adminId,
        status: 'processing',
        itemIds: items.map((i) => i.id),
        amount: items.reduce((sum, i) => sum + i.priceAmount, 0),
        currency: order.currency,
        reason: input.reason,
        decidedBy: input.adminId,
        decidedAt: sql`now()`,
      })
      .returning();
    await tx.insert(auditLogs).values({
      actorId: input.adminId,
      action: 'refund.created',
      entityType: 'order',
      entityId: order.id,
      after: { refundId: created!.id, itemIds: created!.itemIds, amount: created!.amount },
      reason: input.reason,
    });
    return created!;
  });
  return processRefund(deps, row.id);
}

/** An admin approves a buyer's request: the refund is made at once. */
export async function approveRefund(deps: RefundDeps, adminId: string, refundId: string) {
  const [approved] = await deps.db
    .update(refunds)
    .set({ status: 'processing', decidedBy: adminId, decidedAt: sql`now()` })
    .where(and(eq(refunds.id, refundId), inArray(refunds.status, ['requested', 'failed'])))
    .returning();
  if (!approved) {
    const [row] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
    if (!row) throw new RefundRefused('not_found', `refund ${refundId} was not found`);
    if (row.status === 'processing' || row.status === 'succeeded')
      return processRefund(deps, refundId);
    throw new RefundRefused('not_open', `refund ${refundId} is ${row.status}`);
  }
  await deps.db.insert(auditLogs).values({
    actorId: adminId,
    action: 'refund.approved',
    entityType: 'order',
    entityId: approved.orderId,
    after: { refundId, amount: approved.amount },
  });
  return processRefund(deps, refundId);
}

/** An admin turns a buyer's request down, with the reason the buyer is sent. */
export async function denyRefund(
  deps: RefundDeps,
  adminId: string,
  refundId: string,
  reason: string,
) {
  return deps.db.transaction(async (tx) => {
    const [denied] = await tx
      .update(refunds)
      .set({ status: 'denied', decidedBy: adminId, decidedAt: sql`now()`, decisionReason: reason })
      .where(and(eq(refunds.id, refundId), eq(refunds.status, 'requested')))
      .returning();
    if (!denied)
      throw new RefundRefused('not_open', `refund ${refundId} is not waiting for a decision`);
    const [buyer] = await tx.execute<{ id: string; email: string | null }>(sql`
      select o.buyer_id as id, u.email from public.orders o left join auth.users u on u.id = o.buyer_id
      where o.id = ${denied.orderId}`);
    if (buyer?.email) {
      await queueEmailWith(tx, {
        userId: buyer.id,
        to: buyer.email,
        template: 'refund_denied',
        data: {
          receiptNumber: receiptNumber(denied.orderId),
          reason,
          ordersUrl: `${deps.urls.web}/account/orders/${denied.orderId}`,
        },
        dedupeKey: `refund_denied:${refundId}`,
      });
    }
    await tx.insert(auditLogs).values({
      actorId: adminId,
      action: 'refund.denied',
      entityType: 'order',
      entityId: denied.orderId,
      after: { refundId },
      reason,
    });
    return denied;
  });
}

/**
 * Makes the provider's refund for a `processing` row (idempotent by the row
 * id, so a retry after a crash makes no second refund), then applies it.
 * A provider refusal marks the row failed with the reason; an admin may retry.
 */
export async function processRefund(deps: RefundDeps, refundId: string): Promise<RefundRow> {
  const [row] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!row) throw new RefundRefused('not_found', `refund ${refundId} was not found`);
  if (row.status !== 'processing') return row;
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, row.orderId));
  let providerRefundId = `re_none_${refundId.replaceAll('-', '')}`;
  if (row.amount > 0) {
    if (!order?.stripePaymentIntentId) {
      return markFailed(deps.db, refundId, 'the order has no payment to refund');
    }
    try {
      const made = await deps.provider.refund({
        refundId,
        orderId: row.orderId,
        paymentIntentId: order.stripePaymentIntentId,
        amount: row.amount,
      });
      if (made.status === 'failed')
        return markFailed(deps.db, refundId, 'the payment provider refused the refund');
      providerRefundId = made.id;
    } catch (error) {
      if (error instanceof PaymentsError && error.retryable) throw error;
      return markFailed(deps.db, refundId, error instanceof Error ? error.message : String(error));
    }
  }
  await deps.db.transaction((tx) => completeRefund(tx, refundId, providerRefundId, deps.urls));
  const [done] = await deps.db.select().from(refunds).where(eq(refunds.id, refundId));
  return done!;
}

async function markFailed(db: Database, refundId: string, reason: string) {
  const [row] = await db
    .update(refunds)
    .set({ status: 'failed', failureReason: reason.slice(0, 1000) })
    .where(and(eq(refunds.id, refundId), eq(refunds.status, 'processing')))
    .returning();
  return row!;
}

/**
 * Applies a refund the provider made, once: items refunded, their
 * entitlements revoked, one ledger debit per item for the seller's share,
 * the order's refunded amount and status, the buyer's e-mail.
 */
export async function completeRefund(
  tx: DbOrTx,
  refundId: string,
  providerRefundId: string,
  urls: SiteUrls,
): Promise<'applied' | 'already'> {
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
  if (!refund || refund.status === 'succeeded') return 'already';
  const [order] = await tx.select().from(orders).where(eq(orders.id, refund.orderId)).for('update');
  if (!order) return 'already';
  const items = await tx
    .update(orderItems)
    .set({ status: 'refunded', refundedAt: sql`now()` })
    .where(and(inArray(orderItems.id, refund.itemIds), eq(orderItems.status, 'paid')))
    .returning();
  for (const item of items) {
    await tx
      .update(entitlements)
      .set({ status: 'revoked', revokedAt: sql`now()` })
      .where(and(eq(entitlements.orderItemId, item.id), eq(entitlements.status, 'active')));
    if (item.sellerEarningsAmount > 0) {
      await tx
        .insert(ledgerEntries)
        .values({
          sellerId: item.sellerId,
          kind: 'refund',
          direction: 'debit',
          amount: item.sellerEarningsAmount,
          currency: item.currency,
          orderItemId: item.id,
          // Dated like the sale it undoes when that is still held: a refund of a
          // held sale nets against pending, not against what can be paid now.
          availableAt: sql`greatest(now(), (select l.available_at from public.ledger_entries l
            where l.order_item_id = ${item.id} and l.kind = 'sale'))`,
          memo: `Refund of order ${receiptNumber(order.id)}`,
        })
        .onConflictDoNothing();
      await tx.insert(notifications).values({
        userId: item.sellerId,
        type: 'sale',
        title: `A sale was refunded (order ${receiptNumber(order.id)})`,
        data: { orderItemId: item.id, promptId: item.promptId, refundId },
      });
    }
  }
  const refundedNow = items.reduce((sum, i) => sum + i.priceAmount, 0);
  const [left] = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from public.order_items where order_id = ${order.id} and status = 'paid'`);
  const refundedAmount = Math.min(order.totalAmount, order.refundedAmount + refundedNow);
  await tx
    .update(orders)
    .set({
      refundedAmount,
      status: (left?.n ?? 0) === 0 ? 'refunded' : 'partially_refunded',
    })
    .where(eq(orders.id, order.id));
  await tx
    .update(refunds)
    .set({ status: 'succeeded', stripeRefundId: providerRefundId, failureReason: null })
    .where(eq(refunds.id, refundId));

  const [buyer] = await tx.execute<{ email: string | null }>(sql`
    select email from auth.users where id = ${order.buyerId}`);
  const titles = await tx.execute<{ title: string }>(sql`
    select p.title from public.prompts p where p.id in (
      select prompt_id from public.order_items where id = any(${`{${refund.itemIds.join(',')}}`}::uuid[]))
    order by p.title`);
  if (buyer?.email) {
    await queueEmailWith(tx, {
      userId: order.buyerId,
      to: buyer.email,
      template: 'refund_succeeded',
      data: {
        receiptNumber: receiptNumber(order.id),
        currency: order.currency,
        amount: refund.amount,
        titles: titles.map((t) => t.title),
      },
      dedupeKey: `refund_succeeded:${refundId}`,
    });
  }
  await tx.insert(auditLogs).values({
    action: 'refund.succeeded',
    entityType: 'order',
    entityId: order.id,
    before: { status: order.status, refundedAmount: order.refundedAmount },
    after: { refundId, providerRefundId, refundedAmount, itemIds: items.map((i) => i.id) },
  });
  void urls;
  return 'applied';
}
