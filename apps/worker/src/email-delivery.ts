import {
  captureQueuedEmails,
  type DeliveryOptions,
  deliverQueuedEmails,
  type EmailTransport,
  OUTBOUND_EMAILS_CHANNEL,
  type ResendConfig,
  resendTransport,
} from '@promptnx/emails';
import type postgres from 'postgres';
import type { Logger } from './logger.js';

/** capture: e-mail stays in the database (the dev mailbox); resend: sent through Resend. */
export type EmailSettings = { mode: 'capture' } | { mode: 'resend'; resend: ResendConfig };

export interface EmailDeliveryOptions {
  sql: postgres.Sql;
  logger: Logger;
  settings: EmailSettings;
  /** Poll interval when no NOTIFY arrives (rows waiting for a retry, missed notifications); default 2 s. */
  intervalMs?: number;
  /** Longest wait between runs while the database keeps failing; default 60 s. */
  maxBackoffMs?: number;
  /** Attempts, backoff and batch size of the Resend delivery. */
  delivery?: DeliveryOptions;
  /** Replaces the Resend transport (tests simulate crashes with it). */
  transport?: EmailTransport;
}

export interface RunningEmailDelivery {
  /** Stops polling and listening, waits for a running pass. Safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_EMAIL_INTERVAL_MS = 2000;

/**
 * Empties the e-mail outbox (public.outbound_emails): every `intervalMs`, and
 * at once when an insert's NOTIFY arrives. With Resend each row is sent and
 * marked in its own transaction (see deliverQueuedEmails: row locks keep
 * several workers apart, the dedupe key is the idempotency key); in capture
 * mode rows are only marked `captured`. Not a pg-boss job, like the search
 * sync: the table is already a durable queue written in the causing
 * transaction, and a receipt should not wait for a cron minute. A failing
 * database backs the loop off; it never stops the worker.
 */
export async function startEmailDelivery(
  options: EmailDeliveryOptions,
): Promise<RunningEmailDelivery> {
  const { sql, settings } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_EMAIL_INTERVAL_MS;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const limit = options.delivery?.limit ?? 50;
  const log = options.logger.child({ component: 'email-delivery', mode: settings.mode });
  const transport =
    settings.mode === 'resend' ? (options.transport ?? resendTransport(settings.resend)) : null;
  let failures = 0;
  let stopped = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  /** One pass; true when rows may be left that are already due. */
  async function pass(): Promise<boolean> {
    try {
      let more = false;
      if (!transport) {
        const captured = await captureQueuedEmails(sql);
        if (captured > 0) log.debug({ captured }, 'e-mails captured (EMAIL_MODE=capture)');
      } else {
        const result = await deliverQueuedEmails(sql, transport, { ...options.delivery, limit });
        for (const problem of result.problems) {
          const fields = {
            emailId: problem.id,
            template: problem.template,
            attempts: problem.attempts,
            error: problem.error,
          };
          if (problem.status === 'failed') log.error(fields, 'e-mail not delivered; giving up');
          else log.warn(fields, 'e-mail not delivered; will retry');
        }
        if (result.sent > 0) log.info({ sent: result.sent }, 'e-mails sent');
        more = !result.rateLimited && result.sent + result.retrying + result.failed >= limit;
      }
      if (failures > 0) log.info({ failures }, 'e-mail delivery recovered');
      failures = 0;
      return more;
    } catch (error) {
      failures += 1;
      log.error({ err: error, failures }, 'e-mail delivery failed; queued e-mails stay queued');
      return false;
    }
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  }

  function run() {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass().then((more) => {
      running = undefined;
      if ((more || again) && failures === 0) schedule(0);
      else
        schedule(failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, maxBackoffMs));
      again = false;
    });
  }

  // A NOTIFY means an e-mail was committed: send it now, not at the next tick.
  const listener = await sql.listen(OUTBOUND_EMAILS_CHANNEL, () => {
    if (failures === 0) run();
  });
  schedule(0);

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await listener.unlisten().catch(() => {});
        await running;
      })();
      return stopping;
    },
  };
}
