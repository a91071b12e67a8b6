import { money } from '@promptnx/emails';
import { type PayoutRunReport, runPayouts } from '@promptnx/payments';
import { transfersFor } from '../jobs/index.js';
import { parseHelpOnly, runMoneyCommand } from './cli-database.js';

const NAME = 'payouts:run';
const USAGE = `usage: pnpm payouts:run

Runs the payout job once, now, whatever the schedule: unfinished payouts are
retried with their own idempotency key, then every seller with payouts
enabled and an available balance of at least PAYOUT_MINIMUM is paid (Stripe
transfers with PAYMENTS_MODE=stripe, the local embedded_transfers table
otherwise). Safe next to a running worker. Exit code 1 on unexpected errors.

environment: DATABASE_URL (else embedded Postgres under .data/), PAYMENTS_MODE,
STRIPE_SECRET_KEY, STRIPE_API_BASE, PAYOUT_MINIMUM, AUTH_SITE_URL`;

function describeReport(report: PayoutRunReport, seconds: number): string {
  const amounts = Object.entries(report.paidAmounts)
    .map(([currency, amount]) => money(amount, currency))
    .join(' + ');
  return `${[
    `${report.paid} paid${amounts ? ` (${amounts})` : ''}`,
    `${report.failed} failed`,
    `${report.retrying} waiting for a retry`,
    `${report.errors} errors`,
    `${report.sellers} sellers over the minimum, ${report.created} new payouts, ${report.retried} unfinished retried`,
  ].join(', ')} in ${seconds.toFixed(1)} s`;
}

parseHelpOnly(NAME, USAGE);
await runMoneyCommand(NAME, async ({ db }, env) => {
  const started = performance.now();
  const report = await runPayouts({
    db,
    transfers: transfersFor(
      {
        mode: env.PAYMENTS_MODE,
        stripeSecretKey: env.STRIPE_SECRET_KEY,
        stripeApiBase: env.STRIPE_API_BASE,
        apiPublicUrl: env.API_PUBLIC_URL,
        webUrl: env.AUTH_SITE_URL,
        rules: {
          feeBps: env.PLATFORM_FEE_BPS,
          holdSeconds: env.EARNINGS_HOLD_SECONDS,
          refundWindowDays: env.REFUND_WINDOW_DAYS,
        },
        minAgeSeconds: env.RECONCILE_MIN_AGE_SECONDS,
      },
      db,
    ),
    rules: { minimumAmount: env.PAYOUT_MINIMUM, intervalSeconds: env.PAYOUT_INTERVAL_SECONDS },
    urls: { web: env.AUTH_SITE_URL },
    onError: (error, where) =>
      console.error(
        `${NAME}: ${where.payoutId ? `payout ${where.payoutId}` : `seller ${where.sellerId}`}: ${
          error instanceof Error ? error.message : String(error)
        }`,
      ),
  });
  console.log(`${NAME}: ${describeReport(report, (performance.now() - started) / 1000)}`);
  return report.errors > 0 ? 1 : 0;
});
