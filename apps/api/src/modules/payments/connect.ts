import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { AppError } from '../../lib/errors.js';

export interface ConnectedAccount {
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe's reason when the account cannot take charges or payouts. */
  disabledReason: string | null;
  country: string | null;
  defaultCurrency: string | null;
}

/** Seller accounts for payouts: Stripe Connect Express, or a local stand-in. */
export interface ConnectPayments {
  readonly mode: 'embedded' | 'stripe';
  createAccount(input: { userId: string; email: string }): Promise<string>;
  /** Where the seller finishes onboarding, or null when there is nothing to do. */
  onboardingLink(
    accountId: string,
    urls: { refreshUrl: string; returnUrl: string },
  ): Promise<string | null>;
  getAccount(accountId: string): Promise<ConnectedAccount>;
}

/** Embedded mode: accounts are local and ready at once, so payouts can be tried with no account. */
export function createEmbeddedConnect(): ConnectPayments {
  return {
    mode: 'embedded',
    async createAccount() {
      return `acct_local_${randomBytes(8).toString('hex')}`;
    },
    async onboardingLink() {
      return null;
    },
    async getAccount() {
      return {
        chargesEnabled: true,
        payoutsEnabled: true,
        detailsSubmitted: true,
        disabledReason: null,
        country: null,
        defaultCurrency: 'usd',
      };
    },
  };
}

export { createStripeClient } from '@promptnx/payments';

function unavailable(error: unknown): never {
  const message =
    error instanceof Stripe.errors.StripeError ? error.message : 'Stripe did not answer';
  throw new AppError('PAYMENTS_UNAVAILABLE', `the payment provider refused or failed: ${message}`);
}

/** Production: Stripe Connect Express accounts and hosted onboarding. */
export function createStripeConnect(stripe: Stripe): ConnectPayments {
  return {
    mode: 'stripe',
    async createAccount({ userId, email }) {
      const account = await stripe.accounts
        .create(
          {
            type: 'express',
            email,
            metadata: { promptnx_user_id: userId },
            capabilities: { transfers: { requested: true } },
          },
          // A retried request (double click, crash) makes the same account.
          { idempotencyKey: `promptnx-connect-account-${userId}` },
        )
        .catch(unavailable);
      return account.id;
    },
    async onboardingLink(accountId, urls) {
      const link = await stripe.accountLinks
        .create({
          account: accountId,
          refresh_url: urls.refreshUrl,
          return_url: urls.returnUrl,
          type: 'account_onboarding',
        })
        .catch(unavailable);
      return link.url;
    },
    async getAccount(accountId) {
      const account = await stripe.accounts.retrieve(accountId).catch(unavailable);
      return {
        chargesEnabled: account.charges_enabled ?? false,
        payoutsEnabled: account.payouts_enabled ?? false,
        detailsSubmitted: account.details_submitted ?? false,
        disabledReason: account.requirements?.disabled_reason ?? null,
        country: account.country ?? null,
        defaultCurrency: account.default_currency ?? null,
      };
    },
  };
}
