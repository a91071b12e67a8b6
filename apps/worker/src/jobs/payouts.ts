import {
  createEmbeddedTransfers,
  createStripeClient,
  createStripeTransfers,
  DEFAULT_PAYOUT_RULES,
  isPayoutTick,
  type PayoutRunReport,
  payoutSchedule,
  runPayouts,
  type TransfersProvider,
} from '@promptnx/payments';
import { z } from 'zod';
import type { PaymentsSettings } from './reconcile-payments.js';
import type { JobContext, JobDefinition } from './types.js';

export const PAYOUTS_QUEUE = 'payouts';

const dataSchema = z.object({
  /** Run now even off the payout grid (a run asked for by hand). */
  force: z.boolean().optional(),
});

/** Stripe Connect transfers in Stripe mode, the local table in embedded mode. */
export function transfersFor(settings: PaymentsSettings, db: JobContext['db']): TransfersProvider {
  return settings.mode === 'stripe' && settings.stripeSecretKey
    ? createStripeTransfers(createStripeClient(settings.stripeSecretKey, settings.stripeApiBase))
    : createEmbeddedTransfers(db);
}

/**
 * Pays sellers (DESIGN §5) on the payout grid that sellers are told about
 * (`nextPayoutAt`): the cron line follows the grid, and where cron cannot say
 * the interval exactly the handler skips the ticks off it. Safe to run twice
 * or concurrently: the run locks each seller and keys each transfer by its
 * payout row.
 */
export function payoutsJob(
  settings: PaymentsSettings,
  options: { now?: () => Date } = {},
): JobDefinition {
  const rules = settings.payoutRules ?? DEFAULT_PAYOUT_RULES;
  const now = options.now ?? (() => new Date());
  return {
    name: PAYOUTS_QUEUE,
    cron: payoutSchedule(rules.intervalSeconds).cron,
    // A failed run is simply the next run's work; a short retry covers a blip.
    queue: { retryLimit: 2, retryDelay: 60, expireInSeconds: 3600 },
    async handler(job, { db, logger }) {
      const data = dataSchema.parse(job.data ?? {});
      if (!data.force && !isPayoutTick(now(), rules)) {
        logger.debug('not a payout time on the grid: nothing to do');
        return { skipped: true };
      }
      const report: PayoutRunReport = await runPayouts({
        db,
        transfers: transfersFor(settings, db),
        rules,
        urls: { web: settings.webUrl },
        onError: (error, where) => logger.error({ err: error, ...where }, 'payout error'),
      });
      if (report.failed > 0 || report.retrying > 0 || report.errors > 0) {
        logger.warn(report, 'payouts run: some payouts failed or wait for a retry');
      } else {
        logger.info(report, 'payouts run');
      }
      return report;
    },
  };
}
