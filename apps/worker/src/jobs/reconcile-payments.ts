import {
  createEmbeddedPayments,
  createStripeClient,
  createStripePayments,
  type MoneyRules,
  type PayoutRules,
  reconcilePayments,
} from '@promptnx/payments';
import type { JobDefinition } from './types.js';

export const RECONCILE_PAYMENTS_QUEUE = 'reconcile-payments';

export interface PaymentsSettings {
  mode: 'embedded' | 'stripe';
  stripeSecretKey?: string | undefined;
  stripeApiBase?: string | undefined;
  apiPublicUrl: string;
  webUrl: string;
  rules: MoneyRules;
  /** Orders younger than this are left to the webhook. */
  minAgeSeconds: number;
  /** Payout minimum and schedule; DESIGN §5 defaults when omitted. */
  payoutRules?: PayoutRules | undefined;
}

/**
 * The safety net for lost webhooks (DESIGN §5): pending orders whose checkout
 * was paid are fulfilled through the same code the webhook runs; expired ones
 * are closed; refunds stuck between the provider and the commit are retried
 * with their idempotency key.
 */
export function reconcilePaymentsJob(cron: string, settings: PaymentsSettings): JobDefinition {
  return {
    name: RECONCILE_PAYMENTS_QUEUE,
    cron,
    queue: { retryLimit: 1, expireInSeconds: 600 },
    async handler(_job, { db, logger }) {
      const provider =
        settings.mode === 'stripe' && settings.stripeSecretKey
          ? createStripePayments(
              createStripeClient(settings.stripeSecretKey, settings.stripeApiBase),
            )
          : createEmbeddedPayments(db, { publicUrl: settings.apiPublicUrl });
      const report = await reconcilePayments(
        { db, provider, rules: settings.rules, urls: { web: settings.webUrl } },
        { minAgeSeconds: settings.minAgeSeconds },
      );
      if (report.fulfilled > 0 || report.errors > 0 || report.refundsRetried > 0) {
        logger.warn(report, 'payments reconciled: webhooks were missed or refunds retried');
      } else {
        logger.debug(report, 'payments reconciled');
      }
      return report;
    },
  };
}
