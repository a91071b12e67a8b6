import { randomBytes } from 'node:crypto';
import { type Database, embeddedCheckoutSessions, orders } from '@promptnx/db';
import { and, eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import type { CheckoutSessionState, PaymentsProvider } from './provider.js';

const SESSION_TTL_SECONDS = 24 * 3600;
const token = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

type SessionRow = typeof embeddedCheckoutSessions.$inferSelect;

function toState(row: SessionRow, publicUrl: string): CheckoutSessionState {
  const expired = row.status === 'open' && row.expiresAt.getTime() < Date.now();
  return {
    id: row.id,
    status: expired ? 'expired' : row.status,
    paymentStatus: row.status === 'complete' ? 'paid' : 'unpaid',
    paymentIntentId: row.paymentIntentId,
    orderId: row.orderId,
    amountTotal: row.amount,
    currency: row.currency,
    url: row.status === 'open' && !expired ? `${publicUrl}/test-checkout/${row.id}` : null,
  };
}

/**
 * Embedded mode: checkout sessions live in Postgres and are paid on a local
 * test-checkout page served by the API, which then sends a Stripe-shaped,
 * signed event to the same webhook endpoint Stripe would call.
 */
export function createEmbeddedPayments(db: Database, options: { publicUrl: string }) {
  const provider: PaymentsProvider = {
    mode: 'embedded',
    async createCheckoutSession(input) {
      const amount = input.lines.reduce((sum, l) => sum + l.amount, 0);
      const [created] = await db
        .insert(embeddedCheckoutSessions)
        .values({
          id: token('cs_test_'),
          orderId: input.orderId,
          amount,
          currency: input.lines[0]?.currency ?? 'usd',
          successUrl: input.successUrl,
          cancelUrl: input.cancelUrl,
          customerEmail: input.customerEmail,
          expiresAt: new Date(Date.now() + SESSION_TTL_SECONDS * 1000),
        })
        // One session per order, like Stripe's idempotency key on the order id.
        .onConflictDoNothing({ target: embeddedCheckoutSessions.orderId })
        .returning();
      const row =
        created ??
        (
          await db
            .select()
            .from(embeddedCheckoutSessions)
            .where(eq(embeddedCheckoutSessions.orderId, input.orderId))
        )[0];
      if (!row) throw new Error(`no checkout session for order ${input.orderId}`);
      return { id: row.id, url: `${options.publicUrl}/test-checkout/${row.id}` };
    },
    async retrieveCheckoutSession(id) {
      const [row] = await db
        .select()
        .from(embeddedCheckoutSessions)
        .where(eq(embeddedCheckoutSessions.id, id));
      if (!row) throw new Error(`no checkout session ${id}`);
      return toState(row, options.publicUrl);
    },
    async refund(input) {
      // Nothing to move in embedded mode: the refund is recorded, as Stripe would.
      return { id: `re_test_${input.refundId.replaceAll('-', '')}`, status: 'succeeded' };
    },
  };
  return provider;
}

/** What the test checkout page shows. */
export async function findEmbeddedSession(db: Database, id: string) {
  const [row] = await db
    .select({
      session: embeddedCheckoutSessions,
      orderStatus: orders.status,
      items: sql<{ title: string; amount: number }[]>`(
        select coalesce(json_agg(json_build_object('title', p.title, 'amount', i.price_amount) order by p.title), '[]'::json)
        from public.order_items i join public.prompts p on p.id = i.prompt_id
        where i.order_id = ${orders.id})`,
    })
    .from(embeddedCheckoutSessions)
    .innerJoin(orders, eq(orders.id, embeddedCheckoutSessions.orderId))
    .where(eq(embeddedCheckoutSessions.id, id));
  return row;
}

/**
 * Pays an embedded session (once) and builds the `checkout.session.completed`
 * event Stripe would send, signed with the webhook secret. Paying twice gives
 * the same payment intent and a fresh event id, like a re-sent event.
 */
export async function payEmbeddedSession(
  db: Database,
  id: string,
  options: { webhookSecret: string },
): Promise<{ payload: string; signature: string; successUrl: string } | undefined> {
  const [paid] = await db
    .update(embeddedCheckoutSessions)
    .set({
      status: 'complete',
      paymentIntentId: sql`coalesce(${embeddedCheckoutSessions.paymentIntentId}, ${token('pi_test_')})`,
      completedAt: sql`coalesce(${embeddedCheckoutSessions.completedAt}, now())`,
    })
    .where(
      and(
        eq(embeddedCheckoutSessions.id, id),
        sql`(${embeddedCheckoutSessions.status} = 'complete' or (${embeddedCheckoutSessions.status} = 'open' and ${embeddedCheckoutSessions.expiresAt} > now()))`,
      ),
    )
    .returning();
  if (!paid) return undefined;
  const payload = JSON.stringify(checkoutCompletedEvent(paid));
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.webhookSecret,
  });
  return { payload, signature, successUrl: paid.successUrl };
}

/** A `checkout.session.completed` event in Stripe's shape for a paid session. */
export function checkoutCompletedEvent(session: {
  id: string;
  orderId: string;
  amount: number;
  currency: string;
  paymentIntentId: string | null;
  customerEmail: string | null;
}) {
  const created = Math.floor(Date.now() / 1000);
  return {
    id: token('evt_test_'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: 'checkout.session.completed',
    data: {
      object: {
        id: session.id,
        object: 'checkout.session',
        mode: 'payment',
        status: 'complete',
        payment_status: 'paid',
        amount_total: session.amount,
        amount_subtotal: session.amount,
        currency: session.currency,
        client_reference_id: session.orderId,
        metadata: { order_id: session.orderId },
        payment_intent: session.paymentIntentId,
        customer_details: session.customerEmail ? { email: session.customerEmail } : null,
        livemode: false,
        created,
      },
    },
  };
}
