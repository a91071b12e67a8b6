import {
  DEFAULT_MESSAGE_DIGEST_DELAY_SECONDS,
  queueMessageDigests,
  queueNotificationEmails,
} from '@promptnx/emails';
import type { JobDefinition } from './types.js';

export const NOTIFICATION_EMAILS_QUEUE = 'notification-emails';

export interface NotificationEmailSettings {
  /** The storefront, for links and the unsubscribe page (AUTH_SITE_URL). */
  webUrl: string;
  /** The API, the target of List-Unsubscribe's one-click POST (API_PUBLIC_URL). */
  apiUrl: string;
  /** How long a chat message stays unread before it is e-mailed; default 10 minutes. */
  messageDelaySeconds?: number;
  /** When the job runs; every minute by default. */
  cron?: string;
}

/**
 * Turns notifications into e-mails as the users' preferences say, and unread
 * chat messages into one e-mail per thread (decision 0021). Both steps queue
 * into the e-mail outbox with dedupe keys derived from what they are about,
 * so a retried or overlapping run sends nothing twice; the outbox's sender
 * delivers them.
 */
export function notificationEmailsJob(settings: NotificationEmailSettings): JobDefinition {
  const urls = { webUrl: settings.webUrl, apiUrl: settings.apiUrl };
  return {
    name: NOTIFICATION_EMAILS_QUEUE,
    cron: settings.cron ?? '* * * * *',
    // The next minute's run picks up whatever this one left.
    queue: { retryLimit: 1, expireInSeconds: 300 },
    async handler(_job, { sql, logger }) {
      const notifications = await queueNotificationEmails(sql, urls);
      const digests = await queueMessageDigests(sql, {
        ...urls,
        delaySeconds: settings.messageDelaySeconds ?? DEFAULT_MESSAGE_DIGEST_DELAY_SECONDS,
      });
      for (const problem of [...notifications.problems, ...digests.problems]) {
        logger.error(problem, 'notification e-mail could not be built');
      }
      const output = {
        notifications: { queued: notifications.queued, skipped: notifications.skipped },
        digests: { queued: digests.queued },
        failed: notifications.failed + digests.failed,
      };
      if (notifications.queued + digests.queued > 0) {
        logger.info(output, 'notification e-mails queued');
      }
      return output;
    },
  };
}
