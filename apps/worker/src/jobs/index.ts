import { emailScrubJob } from './email-scrub.js';
import { heartbeatJob } from './heartbeat.js';
import { type NotificationEmailSettings, notificationEmailsJob } from './notification-emails.js';
import { payoutsJob } from './payouts.js';
import { type PaymentsSettings, reconcilePaymentsJob } from './reconcile-payments.js';
import { searchOutboxPurgeJob } from './search-outbox.js';
import { trendingJob } from './trending.js';
import type { JobDefinition } from './types.js';

export { EMAIL_SCRUB_QUEUE } from './email-scrub.js';
export { HEARTBEAT_QUEUE, type HeartbeatOutput } from './heartbeat.js';
export {
  NOTIFICATION_EMAILS_QUEUE,
  type NotificationEmailSettings,
} from './notification-emails.js';
export { PAYOUTS_QUEUE, transfersFor } from './payouts.js';
export { type PaymentsSettings, RECONCILE_PAYMENTS_QUEUE } from './reconcile-payments.js';
export { registerJobs } from './register.js';
export { PURGE_AFTER_SECONDS, SEARCH_OUTBOX_PURGE_QUEUE } from './search-outbox.js';
export { TRENDING_QUEUE } from './trending.js';
export type { JobContext, JobDefinition, QueueSettings } from './types.js';

export interface JobSettings {
  heartbeatCron: string;
  /** When trending scores are recomputed; every 15 minutes by default. */
  trendingCron?: string;
  /** Which search engine the deployment uses; decides what the outbox purge does. */
  searchEngine?: 'postgres' | 'meilisearch';
  /** When the search outbox is purged (Postgres engine only); every 10 minutes by default. */
  searchOutboxPurgeCron?: string;
  /** When old e-mails lose their secret links; every 10 minutes by default. */
  emailScrubCron?: string;
  /** Payments for the reconciliation job; embedded with DESIGN §5 defaults when omitted. */
  payments?: PaymentsSettings;
  /** When payments are reconciled with the provider; every 5 minutes by default. */
  reconcileCron?: string;
  /** Notification and chat e-mails; links to localhost:3000 and :4000 when omitted. */
  notificationEmails?: NotificationEmailSettings;
}

/** Every job the worker runs. A new job is one file in this folder plus one line here. */
export function listJobs(settings: JobSettings): JobDefinition[] {
  const payments: PaymentsSettings = settings.payments ?? {
    mode: 'embedded',
    apiPublicUrl: 'http://localhost:4000',
    webUrl: 'http://localhost:3000',
    rules: { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
    minAgeSeconds: 300,
  };
  return [
    heartbeatJob(settings.heartbeatCron),
    trendingJob(settings.trendingCron ?? '*/15 * * * *'),
    searchOutboxPurgeJob(
      settings.searchEngine ?? 'postgres',
      settings.searchOutboxPurgeCron ?? '*/10 * * * *',
    ),
    emailScrubJob(settings.emailScrubCron ?? '*/10 * * * *'),
    reconcilePaymentsJob(settings.reconcileCron ?? '*/5 * * * *', payments),
    payoutsJob(payments),
    notificationEmailsJob(
      settings.notificationEmails ?? {
        webUrl: payments.webUrl,
        apiUrl: payments.apiPublicUrl,
      },
    ),
  ];
}
