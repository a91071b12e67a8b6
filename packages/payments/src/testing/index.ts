import { type Database, orderItems } from '@promptnx/db';
import { createPublishedPrompt, type TestUser } from '@promptnx/db/testing';
import { eq } from 'drizzle-orm';
import { createEmbeddedPayments, payEmbeddedSession } from '../embedded-provider.js';
import type { SiteUrls } from '../fulfil.js';
import { createOrder } from '../orders.js';
import type { MoneyRules } from '../rules.js';
import { handleStripeEvent, verifyStripeEvent } from '../webhook.js';

export * from './fake-stripe-transfers.js';

const WEBHOOK_SECRET = 'whsec_payments_testing_secret';

export interface SaleOptions {
  seller: TestUser;
  buyer: TestUser;
  /** Minor units. */
  price: number;
  rules: MoneyRules;
  urls?: SiteUrls;
  categoryId?: string;
}

export interface Sale {
  orderId: string;
  orderItemId: string;
  promptId: string;
  earnings: number;
}

/**
 * A sale as the orders journey makes it, minus HTTP: a published prompt, the
 * buyer's order through `createOrder` (embedded checkout), the session paid
 * on the test checkout, and its signed `checkout.session.completed` event
 * through `handleStripeEvent`, which fulfils the order and writes the
 * seller's ledger credit (available after `rules.holdSeconds`).
 */
export async function sell(db: Database, options: SaleOptions): Promise<Sale> {
  const urls = options.urls ?? { web: 'http://web.test' };
  const { prompt } = await createPublishedPrompt(db, options.seller, {
    priceAmount: options.price,
    ...(options.categoryId ? { categoryId: options.categoryId } : {}),
  });
  const provider = createEmbeddedPayments(db, { publicUrl: 'http://api.test' });
  const { order } = await createOrder(
    { db, provider, rules: options.rules, urls },
    {
      buyerId: options.buyer.id,
      buyerEmail: options.buyer.email,
      promptIds: [prompt.id],
      idempotencyKey: null,
    },
  );
  if (!order.stripeCheckoutSessionId) throw new Error('the order has no checkout session');
  const paid = await payEmbeddedSession(db, order.stripeCheckoutSessionId, {
    webhookSecret: WEBHOOK_SECRET,
  });
  if (!paid) throw new Error('the test checkout did not take the payment');
  const event = verifyStripeEvent(paid.payload, paid.signature, WEBHOOK_SECRET);
  await handleStripeEvent({ db, rules: options.rules, urls }, event);
  const [item] = await db.select().from(orderItems).where(eq(orderItems.orderId, order.id));
  if (item?.status !== 'paid') throw new Error(`order ${order.id} was not fulfilled`);
  return {
    orderId: order.id,
    orderItemId: item.id,
    promptId: prompt.id,
    earnings: item.sellerEarningsAmount,
  };
}
