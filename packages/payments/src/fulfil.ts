import {
  auditLogs,
  type DbOrTx,
  entitlements,
  ledgerEntries,
  notifications,
  orderItems,
  orders,
} from '@promptnx/db';
import { money, queueEmailWith } from '@promptnx/emails';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type MoneyRules, receiptNumber } from './rules.js';

export interface SiteUrls {
  /** The storefront, for links in e-mails and checkout return URLs. */
  web: string;
}

export interface PaymentFacts {
  paymentIntentId: string | null;
  checkoutSessionId: string | null;
  /** What the provider says was charged, to compare with the order. */
  amountTotal: number | null;
  /** Who or what completed it, for the audit log: webhook event id, reconciliation, free. */
  via: string;
}

type ItemRow = {
  id: string;
  prompt_id: string;
  seller_id: string;
  price_amount: number;
  seller_earnings_amount: number;
  currency: string;
  title: string;
  seller_email: string | null;
  seller_name: string;
};

/**
 * Marks an order paid and gives everyone what follows from it, in the
 * caller's transaction: items paid, entitlements granted, one ledger credit
 * per item (available after the hold), receipt and sale e-mails and
 * notifications queued. The order row is locked first, so any number of
 * deliveries, concurrent or late, fulfil it exactly once.
 */
export async function fulfilOrder(
  tx: DbOrTx,
  orderId: string,
  facts: PaymentFacts,
  rules: MoneyRules,
  urls: SiteUrls,
): Promise<'fulfilled' | 'already' | 'unknown'> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) return 'unknown';
  if (order.status !== 'pending' && order.status !== 'expired' && order.status !== 'failed') {
    return 'already';
  }
  if (facts.amountTotal !== null && facts.amountTotal !== order.totalAmount) {
    // Prices are set by us when the session is made; a different total is a bug
    // or tampering. Record it loudly, still honour the money actually taken.
    await tx.insert(auditLogs).values({
      action: 'order.amount_mismatch',
      entityType: 'order',
      entityId: orderId,
      before: { totalAmount: order.totalAmount },
      after: { amountTotal: facts.amountTotal },
    });
  }

  const [paid] = await tx
    .update(orders)
    .set({
      status: 'paid',
      paidAt: sql`now()`,
      stripePaymentIntentId: facts.paymentIntentId ?? order.stripePaymentIntentId,
      stripeCheckoutSessionId: facts.checkoutSessionId ?? order.stripeCheckoutSessionId,
    })
    .where(eq(orders.id, orderId))
    .returning();
  await tx.update(orderItems).set({ status: 'paid' }).where(eq(orderItems.orderId, orderId));

  const items = await tx.execute<ItemRow>(sql`
    select i.id, i.prompt_id, i.seller_id, i.price_amount, i.seller_earnings_amount, i.currency,
           p.title, u.email as seller_email, s.display_name as seller_name
    from public.order_items i
    join public.prompts p on p.id = i.prompt_id
    join public.profiles s on s.id = i.seller_id
    left join auth.users u on u.id = i.seller_id
    where i.order_id = ${orderId}
    order by p.title, i.id`);

  for (const item of items) {
    // A buyer who was refunded earlier and buys again gets the entitlement back.
    await tx
      .insert(entitlements)
      .values({
        userId: order.buyerId,
        promptId: item.prompt_id,
        orderItemId: item.id,
        source: item.price_amount === 0 ? 'free' : 'purchase',
      })
      .onConflictDoUpdate({
        target: [entitlements.userId, entitlements.promptId],
        set: {
          status: 'active',
          orderItemId: item.id,
          source: sql`excluded.source`,
          grantedAt: sql`now()`,
          revokedAt: null,
        },
        setWhere: sql`${entitlements.status} = 'revoked'`,
      });
    if (item.seller_earnings_amount > 0) {
      await tx
        .insert(ledgerEntries)
        .values({
          sellerId: item.seller_id,
          kind: 'sale',
          direction: 'credit',
          amount: item.seller_earnings_amount,
          currency: item.currency,
          orderItemId: item.id,
          availableAt: sql`now() + make_interval(secs => ${rules.holdSeconds})`,
          memo: `Sale of “${item.title}”`,
        })
        .onConflictDoNothing();
    }
  }

  const [buyer] = await tx.execute<{ email: string | null; display_name: string }>(sql`
    select u.email, p.display_name from public.profiles p left join auth.users u on u.id = p.id
    where p.id = ${order.buyerId}`);
  const receipt = receiptNumber(orderId);
  const paidAt = (paid?.paidAt ?? new Date()).toISOString().slice(0, 10);
  if (buyer?.email) {
    await queueEmailWith(tx, {
      userId: order.buyerId,
      to: buyer.email,
      template: 'order_receipt',
      data: {
        receiptNumber: receipt,
        paidAt,
        currency: order.currency,
        total: order.totalAmount,
        items: items.map((i) => ({
          title: i.title,
          seller: i.seller_name,
          amount: i.price_amount,
        })),
        libraryUrl: `${urls.web}/library`,
      },
      dedupeKey: `order_receipt:${orderId}`,
    });
  }
  await tx.insert(notifications).values({
    userId: order.buyerId,
    type: 'purchase',
    title:
      items.length === 1
        ? `“${items[0]!.title}” is in your library`
        : `${items.length} prompts are in your library`,
    data: { orderId, promptIds: items.map((i) => i.prompt_id) },
  });
  const availableOn = new Date(Date.now() + rules.holdSeconds * 1000).toISOString().slice(0, 10);
  for (const item of items) {
    if (item.price_amount === 0) continue;
    await tx.insert(notifications).values({
      userId: item.seller_id,
      type: 'sale',
      title: `You sold “${item.title}” for ${money(item.price_amount, item.currency)}`.slice(
        0,
        200,
      ),
      data: {
        orderItemId: item.id,
        promptId: item.prompt_id,
        earnings: item.seller_earnings_amount,
      },
    });
    if (item.seller_email) {
      await queueEmailWith(tx, {
        userId: item.seller_id,
        to: item.seller_email,
        template: 'sale_made',
        data: {
          promptTitle: item.title,
          currency: item.currency,
          price: item.price_amount,
          earnings: item.seller_earnings_amount,
          availableOn,
          dashboardUrl: `${urls.web}/sell`,
        },
        dedupeKey: `sale_made:${item.id}`,
      });
    }
  }
  await tx.insert(auditLogs).values({
    actorId: null,
    action: 'order.paid',
    entityType: 'order',
    entityId: orderId,
    before: { status: order.status },
    after: { status: 'paid', via: facts.via, paymentIntentId: facts.paymentIntentId },
  });
  return 'fulfilled';
}

/** A pending order that will not be paid: the session expired or the payment failed. */
export async function closeUnpaidOrder(
  tx: DbOrTx,
  orderId: string,
  status: 'expired' | 'failed',
  via: string,
): Promise<boolean> {
  const closed = await tx
    .update(orders)
    .set({ status })
    .where(and(eq(orders.id, orderId), eq(orders.status, 'pending')))
    .returning({ id: orders.id });
  if (closed.length === 0) return false;
  await tx
    .update(orderItems)
    .set({ status: 'failed' })
    .where(and(eq(orderItems.orderId, orderId), inArray(orderItems.status, ['pending'])));
  await tx.insert(auditLogs).values({
    action: `order.${status}`,
    entityType: 'order',
    entityId: orderId,
    before: { status: 'pending' },
    after: { status, via },
  });
  return true;
}
