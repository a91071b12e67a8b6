/** What a checkout session looks like to PromptNX, whoever runs it. */
export interface CheckoutSessionState {
  id: string;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'paid' | 'unpaid' | 'no_payment_required';
  paymentIntentId: string | null;
  orderId: string | null;
  amountTotal: number | null;
  currency: string | null;
  url: string | null;
}

export interface CheckoutLine {
  name: string;
  amount: number;
  currency: string;
}

export interface CreateCheckoutInput {
  orderId: string;
  customerEmail: string | null;
  lines: CheckoutLine[];
  successUrl: string;
  cancelUrl: string;
}

export interface RefundInput {
  /** Our refund row's id: the provider's idempotency key is derived from it. */
  refundId: string;
  orderId: string;
  paymentIntentId: string;
  amount: number;
}

/**
 * Payments for orders: Stripe Checkout in production, a local test checkout in
 * embedded mode. Both complete an order the same way: an event to the webhook.
 */
export interface PaymentsProvider {
  readonly mode: 'embedded' | 'stripe';
  /** One session per order, however often it is asked (idempotent by order id). */
  createCheckoutSession(input: CreateCheckoutInput): Promise<{ id: string; url: string }>;
  retrieveCheckoutSession(id: string): Promise<CheckoutSessionState>;
  /** Refunds part or all of a payment; idempotent by refund id. */
  refund(input: RefundInput): Promise<{ id: string; status: 'succeeded' | 'pending' | 'failed' }>;
}

/** A provider call that failed in a way worth telling the user about. */
export class PaymentsError extends Error {
  override name = 'PaymentsError';
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
