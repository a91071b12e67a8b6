import { describeConnectionError } from '@promptnx/db';
import { readEnv } from './env.js';
import { HEARTBEAT_QUEUE } from './jobs/index.js';
import { createLogger } from './logger.js';
import { type RunningWorker, startWorker } from './worker.js';

const env = readEnv();
const logger = createLogger({ level: env.LOG_LEVEL, nodeEnv: env.NODE_ENV });

let worker: RunningWorker;
try {
  worker = await startWorker({
    databaseUrl: env.DATABASE_URL,
    logger,
    heartbeatCron: env.HEARTBEAT_CRON,
    payments: {
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
      payoutRules: {
        minimumAmount: env.PAYOUT_MINIMUM,
        intervalSeconds: env.PAYOUT_INTERVAL_SECONDS,
      },
    },
    notificationEmails: {
      webUrl: env.AUTH_SITE_URL,
      apiUrl: env.API_PUBLIC_URL,
      messageDelaySeconds: env.MESSAGE_EMAIL_DELAY_SECONDS,
    },
    search:
      env.SEARCH_ENGINE === 'meilisearch' && env.MEILISEARCH_HOST
        ? {
            engine: 'meilisearch',
            meilisearch: {
              host: env.MEILISEARCH_HOST,
              apiKey: env.MEILISEARCH_API_KEY,
              indexUid: env.MEILISEARCH_INDEX,
            },
            intervalMs: env.SEARCH_SYNC_INTERVAL_MS,
            batchSize: env.SEARCH_SYNC_BATCH_SIZE,
          }
        : { engine: 'postgres' },
    email:
      env.EMAIL_MODE === 'resend' && env.RESEND_API_KEY && env.EMAIL_FROM
        ? {
            mode: 'resend',
            resend: {
              apiKey: env.RESEND_API_KEY,
              from: env.EMAIL_FROM,
              baseUrl: env.RESEND_BASE_URL,
            },
          }
        : { mode: 'capture' },
  });
} catch (error) {
  console.error(`worker: ${describeConnectionError(error, env.DATABASE_URL)}`);
  process.exit(1);
}

let stopping = false;
function onSignal(signal: NodeJS.Signals) {
  if (stopping) {
    logger.warn({ signal }, 'second signal: exiting without waiting for running jobs');
    process.exit(1);
  }
  stopping = true;
  logger.info({ signal }, 'stopping worker: waiting for running jobs');
  worker.stop().then(
    () => {
      logger.info('worker stopped');
      process.exit(0);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'worker did not stop cleanly');
      process.exit(1);
    },
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

logger.info(
  {
    heartbeatQueue: HEARTBEAT_QUEUE,
    heartbeatCron: env.HEARTBEAT_CRON,
    searchEngine: env.SEARCH_ENGINE,
    emailMode: env.EMAIL_MODE,
  },
  'worker ready',
);
if (env.NODE_ENV === 'production' && env.EMAIL_MODE === 'capture') {
  // Allowed (a demo, a staging copy), but nobody reads the dev mailbox in production.
  logger.warn('EMAIL_MODE=capture in production: e-mails stay in the database and are never sent');
}
