import Stripe from 'stripe';
import { PaymentsError } from './provider.js';
import {
  payoutTransferGroup,
  type TransferInput,
  type TransferResult,
  type TransfersProvider,
} from './transfers.js';

/**
 * Whether a Stripe error may go away by asking again with the same key:
 * rate limits (429, lock timeouts), Stripe's own failures (5xx), the network,
 * and our own configuration (a bad key, missing permission: fixed by us, not
 * the seller). An idempotency error is kept retryable too: it means Stripe did
 * not run this request, not that no transfer exists, so a person must look
 * before the money is given back to the balance.
 * Everything else (400, 402, 404: no transfers capability, insufficient
 * funds, an unknown account) is Stripe's final answer.
 */
export function isRetryableStripeError(error: InstanceType<typeof Stripe.errors.StripeError>) {
  if (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError ||
    error instanceof Stripe.errors.StripeIdempotencyError
  ) {
    return true;
  }
  return error.statusCode === undefined || error.statusCode >= 500 || error.statusCode === 429;
}

function classify(error: unknown): never {
  if (error instanceof Stripe.errors.StripeError) {
    // Stripe's own words: they become the payout's failure_reason.
    const message = error.message || `Stripe answered ${error.statusCode ?? 'nothing'}`;
    throw new PaymentsError(message, isRetryableStripeError(error), { cause: error });
  }
  throw error;
}

/** Payouts as Stripe Connect transfers from the platform balance to the seller's account. */
export function createStripeTransfers(stripe: Stripe): TransfersProvider {
  return {
    mode: 'stripe',
    async createTransfer(input: TransferInput): Promise<TransferResult> {
      try {
        const transfer = await stripe.transfers.create(
          {
            amount: input.amount,
            currency: input.currency,
            destination: input.destination,
            transfer_group: payoutTransferGroup(input.payoutId),
            description: 'PromptNX payout',
            metadata: { payout_id: input.payoutId, seller_id: input.sellerId },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { id: transfer.id };
      } catch (error) {
        classify(error);
      }
    },
    async findTransfer(input: TransferInput): Promise<TransferResult | null> {
      try {
        const list = await stripe.transfers.list({
          transfer_group: payoutTransferGroup(input.payoutId),
          limit: 10,
        });
        // A transfer reversed later by hand still happened: the payout was made.
        const found = list.data.find((t) => t.metadata?.payout_id === input.payoutId);
        return found ? { id: found.id } : null;
      } catch (error) {
        classify(error);
      }
    },
  };
}
