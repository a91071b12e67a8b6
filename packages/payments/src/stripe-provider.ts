import Stripe from 'stripe';
import { PaymentsError, type PaymentsProvider } from './provider.js';

/** A Stripe client, optionally pointed at a local test server (STRIPE_API_BASE). */
export function createStripeClient(secretKey: string, apiBase?: string) {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

function wrap(what: string, error: unknown): never {
  if (error instanceof Stripe.errors.StripeError) {
    const retryable =
      error.type === 'StripeConnectionError' ||
      error.type === 'StripeAPIError' ||
      error.type === 'StripeRateLimitError';
    throw new PaymentsError(`Stripe refused to ${what}: ${error.message}`, retryable, {
      cause: error,
    });
  }
  throw error;
}

/** Stripe Checkout (payment mode) and Stripe refunds. */
export function createStripePayments(stripe: Stripe): PaymentsProvider {
  return {
    mode: 'stripe',
    async createCheckoutSession(input) {
      try {
        const session = await stripe.checkout.sessions.create(
          {
            mode: 'payment',
            line_items: input.lines.map((line) => ({
              quantity: 1,
              price_data: {
                currency: line.currency,
                unit_amount: line.amount,
                product_data: { name: line.name },
              },
            })),
            success_url: input.successUrl,
            cancel_url: input.cancelUrl,
            client_reference_id: input.orderId,
            metadata: { order_id: input.orderId },
            payment_intent_data: { metadata: { order_id: input.orderId } },
            ...(input.customerEmail ? { customer_email: input.customerEmail } : {}),
          },
          // Same order, same session: a retried or concurrent request gets Stripe's first answer.
          { idempotencyKey: `promptnx-checkout-${input.orderId}` },
        );
        if (!session.url) throw new PaymentsError('Stripe gave the session no URL', false);
        return { id: session.id, url: session.url };
      } catch (error) {
        wrap('open a checkout session', error);
      }
    },
    async retrieveCheckoutSession(id) {
      try {
        const s = await stripe.checkout.sessions.retrieve(id);
        return {
          id: s.id,
          status:
            s.status === 'complete' ? 'complete' : s.status === 'expired' ? 'expired' : 'open',
          paymentStatus:
            s.payment_status === 'paid'
              ? 'paid'
              : s.payment_status === 'no_payment_required'
                ? 'no_payment_required'
                : 'unpaid',
          paymentIntentId:
            typeof s.payment_intent === 'string'
              ? s.payment_intent
              : (s.payment_intent?.id ?? null),
          orderId: s.metadata?.order_id ?? s.client_reference_id ?? null,
          amountTotal: s.amount_total,
          currency: s.currency,
          url: s.url,
        };
      } catch (error) {
        wrap('read a checkout session', error);
      }
    },
    async refund(input) {
      try {
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.paymentIntentId,
            amount: input.amount,
            metadata: { refund_id: input.refundId, order_id: input.orderId },
          },
          { idempotencyKey: `promptnx-refund-${input.refundId}` },
        );
        const status =
          refund.status === 'succeeded'
            ? 'succeeded'
            : refund.status === 'failed'
              ? 'failed'
              : 'pending';
        return { id: refund.id, status };
      } catch (error) {
        wrap('refund', error);
      }
    },
  };
}
