import { auditLogs, type Database, orders, refunds, stripeEvents } from '@promptnx/db';
import { eq, sql } from 'drizzle-orm';
import Stripe from 'stripe';
import { closeUnpaidOrder, fulfilOrder, type SiteUrls } from './fulfil.js';
import { completeRefund } from './refunds.js';
import type { MoneyRules } from './rules.js';

/** Stripe's default: a signature older than five minutes is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The signature did not hold; the webhook answers 400 and changes nothing. */
export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/**
 * Checks the `Stripe-Signature` header over the exact raw body and parses the
 * event; throws WebhookSignatureError when it does not hold (no header, wrong
 * secret, any byte changed, a timestamp older than the tolerance).
 */
export function verifyStripeEvent(
  rawBody: Buffer | string,
  signature: string | undefined,
  secret: string,
): Stripe.Event {
  if (!signature) throw new WebhookSignatureError('no Stripe-Signature header');
  try {
    return Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    throw new WebhookSignatureError(
      error instanceof Error ? error.message : 'the signature does not match',
      { cause: error },
    );
  }
}

type EventObject = Record<string, unknown> & {
  id?: string;
  metadata?: Record<string, string> | null;
};

function orderIdOf(object: EventObject): string | null {
  const fromMetadata = object.metadata?.order_id;
  const fromReference =
    typeof object.client_reference_id === 'string' ? object.client_reference_id : null;
  const id = fromMetadata ?? fromReference;
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

const idOf = (value: unknown): string | null =>
  typeof value === 'string'
    ? value
    : value && typeof value === 'object' && 'id' in value
      ? String(value.id)
      : null;

export interface WebhookDeps {
  db: Database;
  rules: MoneyRules;
  urls: SiteUrls;
}

/**
 * Handles one verified Stripe event exactly once: the event row (its id is
 * the primary key) and everything the event causes commit together, so a
 * second delivery, concurrent or late, finds the row and does nothing, and a
 * failure leaves no row, so Stripe's retry runs it again.
 */
export async function handleStripeEvent(
  deps: WebhookDeps,
  event: Pick<Stripe.Event, 'id' | 'type' | 'livemode'> & { data: { object: unknown } },
): Promise<'processed' | 'duplicate' | 'ignored'> {
  return deps.db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(stripeEvents)
      .values({
        id: event.id,
        type: event.type,
        livemode: event.livemode,
        payload: event as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing()
      .returning({ id: stripeEvents.id });
    if (!fresh) return 'duplicate';

    const object = event.data.object as EventObject;
    let outcome: 'processed' | 'ignored' = 'processed';
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const orderId = orderIdOf(object);
        const paid =
          object.payment_status === 'paid' || object.payment_status === 'no_payment_required';
        if (!orderId || !paid) {
          // A delayed method (bank debit) completes later with async_payment_succeeded.
          outcome = 'ignored';
          break;
        }
        const result = await fulfilOrder(
          tx,
          orderId,
          {
            paymentIntentId: idOf(object.payment_intent),
            checkoutSessionId: typeof object.id === 'string' ? object.id : null,
            amountTotal: typeof object.amount_total === 'number' ? object.amount_total : null,
            via: `stripe:${event.id}`,
          },
          deps.rules,
          deps.urls,
        );
        if (result === 'unknown') outcome = 'ignored';
        break;
      }
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired': {
        const orderId = orderIdOf(object);
        if (!orderId) {
          outcome = 'ignored';
          break;
        }
        await closeUnpaidOrder(
          tx,
          orderId,
          event.type === 'checkout.session.expired' ? 'expired' : 'failed',
          `stripe:${event.id}`,
        );
        break;
      }
      case 'charge.refunded': {
        // Refunds PromptNX made carry their row id; confirm those (idempotent).
        const list = (object.refunds as { data?: EventObject[] } | undefined)?.data ?? [];
        let known = 0;
        for (const refund of list) {
          const refundId = refund.metadata?.refund_id;
          if (!refundId) continue;
          const [row] = await tx
            .select({ id: refunds.id })
            .from(refunds)
            .where(eq(refunds.id, refundId));
          if (!row) continue;
          known++;
          await completeRefund(tx, refundId, String(refund.id), deps.urls);
        }
        if (known === 0) {
          // Refunded outside PromptNX (the Stripe dashboard): record it for an admin to settle.
          const paymentIntent = idOf(object.payment_intent);
          const [order] = paymentIntent
            ? await tx
                .select({ id: orders.id })
                .from(orders)
                .where(eq(orders.stripePaymentIntentId, paymentIntent))
            : [];
          await tx.insert(auditLogs).values({
            action: 'order.refunded_outside',
            entityType: 'order',
            entityId: order?.id ?? paymentIntent ?? String(object.id),
            after: { amountRefunded: object.amount_refunded, charge: object.id, event: event.id },
          });
        }
        break;
      }
      case 'charge.dispute.created': {
        const paymentIntent = idOf(object.payment_intent);
        const [order] = paymentIntent
          ? await tx
              .select({ id: orders.id })
              .from(orders)
              .where(eq(orders.stripePaymentIntentId, paymentIntent))
          : [];
        await tx.insert(auditLogs).values({
          action: 'order.disputed',
          entityType: 'order',
          entityId: order?.id ?? paymentIntent ?? String(object.id),
          after: {
            dispute: object.id,
            amount: object.amount,
            reason: object.reason,
            event: event.id,
          },
        });
        break;
      }
      default:
        outcome = 'ignored';
    }
    await tx
      .update(stripeEvents)
      .set({ processedAt: sql`now()` })
      .where(eq(stripeEvents.id, event.id));
    return outcome;
  });
}
