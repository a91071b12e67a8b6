import { SCRUB_AFTER_SECONDS, scrubExpiredLinks } from '@promptnx/emails';
import type { JobDefinition } from './types.js';

export const EMAIL_SCRUB_QUEUE = 'email-scrub';

/**
 * Removes the secret links of sign-up, recovery and address-change e-mails
 * once they are 24 hours old (every such link has expired by then). With
 * Resend the sender already scrubs each one it delivers; this catches the
 * captured ones (the dev mailbox shows the link until then) and any that
 * never went out. Runs in both modes.
 */
export function emailScrubJob(cron: string): JobDefinition {
  return {
    name: EMAIL_SCRUB_QUEUE,
    cron,
    // The next run scrubs whatever this one missed.
    queue: { retryLimit: 1, expireInSeconds: 300 },
    async handler(_job, { sql, logger }) {
      const result = await scrubExpiredLinks(sql, SCRUB_AFTER_SECONDS);
      if (result.scrubbed > 0) logger.info(result, 'secret links removed from old e-mails');
      return result;
    },
  };
}
