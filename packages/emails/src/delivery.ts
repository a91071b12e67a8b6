import type { TransactionSql } from 'postgres';
import { isSecretLinkTemplate, SCRUB_NOTES, type ScrubReason, scrubbedHtml } from './scrub.js';
import type { PoolSql, Sql } from './sql.js';
import type { EmailTransport, OutboundMessage } from './transport.js';

export interface DeliveryOptions {
  /** Rows sent per call at most (the loop calls again while there are more); default 50. */
  limit?: number;
  /** Attempts before a row is `failed`; default 10 (about two hours of backoff). */
  maxAttempts?: number;
  /** First retry delay, doubled per failure up to `maxRetryDelayMs`; default 30 s. */
  retryDelayMs?: number;
  /** Default 30 minutes. */
  maxRetryDelayMs?: number;
}

export interface DeliveryResult {
  sent: number;
  /** Failed this time, to be retried later. */
  retrying: number;
  /** Given up: status `failed`. */
  failed: number;
  /** The provider asked to slow down; the rest waits for the next call. */
  rateLimited: boolean;
  /** Every send that did not succeed, for the logs (no addresses, no bodies). */
  problems: DeliveryProblem[];
}

export interface DeliveryProblem {
  id: string;
  template: string;
  attempts: number;
  error: string;
  /** What the row is now: queued again later, or failed for good. */
  status: 'queued' | 'failed';
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** Delay before attempt `attempts + 1`, after `attempts` failures. */
export function retryDelayMs(attempts: number, base = 30_000, max = 1_800_000): number {
  return Math.min(base * 2 ** Math.max(0, attempts - 1), max);
}

interface ClaimedRow extends Omit<OutboundMessage, 'headers'> {
  template: string;
  attempts: number;
  /** jsonb: a string through Drizzle's pool (it keeps json unparsed), an object otherwise. */
  headers: string | Record<string, string> | null;
}

function headersOf(value: ClaimedRow['headers']): Record<string, string> {
  if (!value) return {};
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, string>) : value;
}

/**
 * Sends queued e-mails whose time has come, oldest first, one per
 * transaction: the row is locked (`FOR UPDATE SKIP LOCKED`, so several
 * workers never take the same one), sent, and marked in the same transaction.
 * If the process dies after the provider accepted the e-mail but before the
 * commit, the row is still queued and the next run sends it again with the
 * same idempotency key (its dedupe key), which the provider answers without
 * sending twice. Delivered sign-up, recovery and address-change e-mails lose
 * their link in the same update.
 */
export async function deliverQueuedEmails(
  sql: PoolSql,
  transport: EmailTransport,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const limit = options.limit ?? 50;
  const result: DeliveryResult = {
    sent: 0,
    retrying: 0,
    failed: 0,
    rateLimited: false,
    problems: [],
  };
  for (let taken = 0; taken < limit && !result.rateLimited; taken += 1) {
    const outcome = await sql.begin((tx) => deliverNext(tx, transport, options));
    if (outcome === 'empty') break;
    if (outcome === 'sent') {
      result.sent += 1;
      continue;
    }
    const { kind, ...problem } = outcome;
    result.problems.push(problem);
    if (kind === 'retrying') result.retrying += 1;
    else if (kind === 'failed') result.failed += 1;
    else result.rateLimited = true;
  }
  return result;
}

type Outcome =
  | 'empty'
  | 'sent'
  | (DeliveryProblem & { kind: 'retrying' | 'failed' | 'rate-limited' });

/** Locks the next due row, sends it and records what happened, all in `tx`. */
async function deliverNext(
  tx: TransactionSql,
  transport: EmailTransport,
  options: DeliveryOptions,
): Promise<Outcome> {
  const [row] = await tx<ClaimedRow[]>`
    select id, to_address as "to", template, subject, text, html, headers,
           dedupe_key as "dedupeKey", attempts
    from public.outbound_emails
    where status = 'queued' and next_attempt_at <= now()
    order by next_attempt_at, created_at
    limit 1
    for update skip locked`;
  if (!row) return 'empty';
  const secret = isSecretLinkTemplate(row.template);
  const sent = await transport.send({
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    html: row.html,
    dedupeKey: row.dedupeKey,
    headers: headersOf(row.headers),
  });
  const problem = (
    kind: 'retrying' | 'failed' | 'rate-limited',
    attempts: number,
    error: string,
  ): Outcome => ({
    kind,
    id: row.id,
    template: row.template,
    attempts,
    error,
    status: kind === 'failed' ? 'failed' : 'queued',
  });

  if (sent.ok) {
    await tx`
      update public.outbound_emails set
        status = 'sent', provider = ${transport.provider}, provider_message_id = ${sent.messageId},
        sent_at = now(), attempts = attempts + 1, error = null
        ${secret ? scrubColumns(tx, 'delivered') : tx``}
      where id = ${row.id}`;
    return 'sent';
  }
  if (sent.retry === 'rate-limited') {
    await tx`
      update public.outbound_emails set
        error = ${sent.error},
        next_attempt_at = now() + make_interval(secs => ${sent.retryAfterMs / 1000})
      where id = ${row.id}`;
    return problem('rate-limited', row.attempts, sent.error);
  }
  const attempts = row.attempts + 1;
  if (sent.retry === 'never' || attempts >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
    await tx`
      update public.outbound_emails set
        status = 'failed', provider = ${transport.provider}, attempts = ${attempts},
        error = ${sent.error}
        ${secret ? scrubColumns(tx, 'undelivered') : tx``}
      where id = ${row.id}`;
    return problem('failed', attempts, sent.error);
  }
  const delay = retryDelayMs(attempts, options.retryDelayMs, options.maxRetryDelayMs);
  await tx`
    update public.outbound_emails set
      attempts = ${attempts}, error = ${sent.error},
      next_attempt_at = now() + make_interval(secs => ${delay / 1000})
    where id = ${row.id}`;
  return problem('retrying', attempts, sent.error);
}

/** The SET items that remove a secret link, after the others (hence the leading comma). */
function scrubColumns(tx: Sql, reason: ScrubReason) {
  return tx`, text = ${SCRUB_NOTES[reason]}, html = ${scrubbedHtml(reason)},
            data = data - 'url', scrubbed_at = now()`;
}

/**
 * EMAIL_MODE=capture: nothing leaves; queued rows become `captured` and stay
 * readable in the dev mailbox. Marking them keeps a later switch to Resend
 * from mailing every old test e-mail.
 */
export async function captureQueuedEmails(sql: PoolSql): Promise<number> {
  const rows = await sql`
    update public.outbound_emails set status = 'captured', provider = 'capture', sent_at = now()
    where status = 'queued'
    returning id`;
  return rows.length;
}
