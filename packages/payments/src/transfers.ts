/** One payout's transfer to a seller's connected account. */
export interface TransferInput {
  /** Our payout row: its id goes into the transfer's metadata. */
  payoutId: string;
  sellerId: string;
  /** The seller's connected account (`seller_profiles.stripe_account_id`). */
  destination: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** `payouts.idempotency_key`: the same payout is never transferred twice. */
  idempotencyKey: string;
}

export interface TransferResult {
  /** The provider's transfer id (`tr_…`), stored on the payout. */
  id: string;
}

/**
 * Moves a payout to a seller: Stripe Connect transfers in production, a
 * local table in embedded mode. Errors are `PaymentsError`s: `retryable`
 * (rate limits, Stripe's 5xx, the network: try again with the same key) or
 * not (Stripe refused the transfer: the payout fails with its message).
 */
export interface TransfersProvider {
  readonly mode: 'embedded' | 'stripe';
  /** One transfer per idempotency key, however often it is asked. */
  createTransfer(input: TransferInput): Promise<TransferResult>;
  /**
   * The transfer already made for this payout, if any. Asked before a retry:
   * Stripe forgets idempotency keys after 24 hours, the transfer stays.
   */
  findTransfer(input: TransferInput): Promise<TransferResult | null>;
}

/** The idempotency key of a payout, derived from its row id. */
export const payoutIdempotencyKey = (payoutId: string) => `promptnx-payout-${payoutId}`;

/** The transfer group of a payout: how its transfer is found again. */
export const payoutTransferGroup = (payoutId: string) => `payout_${payoutId}`;
