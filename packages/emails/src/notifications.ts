import { randomBytes } from 'node:crypto';
import {
  dedicatedEmailOf,
  isNotificationType,
  NOTIFICATION_EMAIL_DEFAULTS,
  type NotificationType,
  notificationPath,
} from '@promptnx/db';
import { queueEmail } from './queue.js';
import type { PoolSql, Sql } from './sql.js';

// Notifications become e-mails here (decision 0021): the worker's
// notification-emails job calls both functions every minute.

export interface NotificationEmailOptions {
  /** The storefront (links in the e-mail, the unsubscribe page): http://localhost:3000 */
  webUrl: string;
  /** The API (the one-click unsubscribe target of List-Unsubscribe): http://localhost:4000 */
  apiUrl: string;
  /** Rows looked at per call at most; default 100 (the next run takes the rest). */
  limit?: number;
  /** A notification older than this when first seen gets no e-mail; default two days. */
  maxAgeSeconds?: number;
}

export interface MessageDigestOptions extends NotificationEmailOptions {
  /** How long a message stays unread before it is e-mailed; default 10 minutes. */
  delaySeconds?: number;
  /** Messages shown in one digest at most; default 5 (the rest are counted). */
  maxMessages?: number;
}

export interface NotificationEmailResult {
  queued: number;
  skipped: number;
  failed: number;
  /** Why each failed one failed, for the log (ids only, no addresses). */
  problems: { notificationId: string; error: string }[];
}

export const DEFAULT_NOTIFICATION_EMAIL_MAX_AGE_SECONDS = 2 * 24 * 3600;
export const DEFAULT_MESSAGE_DIGEST_DELAY_SECONDS = 10 * 60;

/** The Resend headers of an e-mail with a one-click unsubscribe (RFC 2369 and RFC 8058). */
export function listUnsubscribeHeaders(oneClickUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${oneClickUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** A fresh unsubscribe token: 32 random bytes, base64url (43 characters). */
export function newUnsubscribeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The user's unsubscribe token for one type, made on first use (one per user and type). */
export async function unsubscribeTokenFor(
  sql: Sql,
  userId: string,
  type: NotificationType,
): Promise<string> {
  const [made] = await sql<{ token: string }[]>`
    insert into public.notification_unsubscribe_tokens (token, user_id, type)
    values (${newUnsubscribeToken()}, ${userId}, ${type})
    on conflict (user_id, type) do nothing
    returning token`;
  if (made) return made.token;
  const [existing] = await sql<{ token: string }[]>`
    select token from public.notification_unsubscribe_tokens
    where user_id = ${userId} and type = ${type}`;
  if (!existing) throw new Error(`no unsubscribe token for ${userId}/${type}`);
  return existing.token;
}

interface UnsubscribeLinks {
  unsubscribeUrl: string;
  settingsUrl: string;
  headers: Record<string, string>;
}

async function unsubscribeLinks(
  sql: Sql,
  userId: string,
  type: NotificationType,
  options: NotificationEmailOptions,
): Promise<UnsubscribeLinks> {
  const token = encodeURIComponent(await unsubscribeTokenFor(sql, userId, type));
  const web = options.webUrl.replace(/\/+$/, '');
  const api = options.apiUrl.replace(/\/+$/, '');
  return {
    unsubscribeUrl: `${web}/unsubscribe?token=${token}`,
    settingsUrl: `${web}/account/notifications`,
    headers: listUnsubscribeHeaders(`${api}/api/unsubscribe?token=${token}`),
  };
}

/** jsonb through Drizzle's pool arrives as text; parse either way. */
function jsonObject(value: unknown): Record<string, unknown> {
  const parsed = typeof value === 'string' ? JSON.parse(value) : value;
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

interface PendingRow {
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: unknown;
  email: string | null;
  choice: boolean | null;
  /** An e-mail to this user was queued in the notification's own transaction. */
  covered: boolean;
}

type Decision = 'queued' | 'skipped' | { failed: string };

/**
 * Gives every pending notification its e-mail, or decides it gets none, once.
 * Each notification is taken in its own transaction with `FOR UPDATE SKIP
 * LOCKED` (concurrent runs never take the same one) and its e-mail is queued
 * with the dedupe key `notification:<id>` in that transaction, which also
 * marks it done: a retried or concurrent run queues nothing twice.
 *
 * No e-mail goes when another e-mail already tells the user (the producer's
 * `data.emailDedupeKey`, a purchase's receipt, chat messages' digests, or any
 * e-mail to the user queued in the notification's own transaction), when the
 * user turned the type off, has no address, or the notification is older than
 * `maxAgeSeconds`.
 */
export async function queueNotificationEmails(
  sql: PoolSql,
  options: NotificationEmailOptions,
): Promise<NotificationEmailResult> {
  const limit = options.limit ?? 100;
  const maxAge = options.maxAgeSeconds ?? DEFAULT_NOTIFICATION_EMAIL_MAX_AGE_SECONDS;
  const result: NotificationEmailResult = { queued: 0, skipped: 0, failed: 0, problems: [] };

  const stale = await sql`
    update public.notifications set email_status = 'skipped'
    where email_status = 'pending' and created_at < now() - make_interval(secs => ${maxAge})`;
  result.skipped += stale.count;

  for (let taken = 0; taken < limit; taken += 1) {
    const outcome = await sql.begin(async (tx) => {
      const [row] = await tx<PendingRow[]>`
        select n.id, n.user_id, n.type, n.title, n.body, n.data, u.email, np.email as choice,
               exists (
                 select 1 from public.outbound_emails e
                 where e.user_id = n.user_id and e.created_at = n.created_at
                   and e.dedupe_key not like 'notification:%'
               ) as covered
        from public.notifications n
        left join auth.users u on u.id = n.user_id and u.deleted_at is null
        left join public.notification_preferences np on np.user_id = n.user_id and np.type = n.type
        where n.email_status = 'pending'
        order by n.created_at, n.id
        limit 1
        for update of n skip locked`;
      if (!row) return null;
      let decision: Decision;
      try {
        decision = await tx.savepoint((sp) => decide(sp, row, options));
      } catch (error) {
        decision = { failed: error instanceof Error ? error.message : String(error) };
      }
      const status = typeof decision === 'string' ? decision : 'failed';
      await tx`update public.notifications set email_status = ${status} where id = ${row.id}`;
      return { id: row.id, decision };
    });
    if (!outcome) break;
    if (outcome.decision === 'queued') result.queued += 1;
    else if (outcome.decision === 'skipped') result.skipped += 1;
    else {
      result.failed += 1;
      result.problems.push({ notificationId: outcome.id, error: outcome.decision.failed });
    }
  }
  return result;
}

async function decide(sql: Sql, row: PendingRow, options: NotificationEmailOptions) {
  if (!isNotificationType(row.type)) return 'skipped';
  const type = row.type;
  const data = jsonObject(row.data);
  if (row.covered || dedicatedEmailOf(type, data)) return 'skipped';
  if (!(row.choice ?? NOTIFICATION_EMAIL_DEFAULTS[type])) return 'skipped';
  if (!row.email) return 'skipped';
  const links = await unsubscribeLinks(sql, row.user_id, type, options);
  const path = notificationPath(type, data);
  await queueEmail(sql, {
    userId: row.user_id,
    to: row.email,
    template: 'notification',
    data: {
      type,
      title: row.title,
      body: row.body,
      url: path ? `${options.webUrl.replace(/\/+$/, '')}${path}` : null,
      unsubscribeUrl: links.unsubscribeUrl,
      settingsUrl: links.settingsUrl,
    },
    dedupeKey: `notification:${row.id}`,
    headers: links.headers,
  });
  return 'queued';
}

interface DigestCandidate {
  thread_id: string;
  recipient_id: string;
}

interface UnreadMessage {
  id: string;
  body: string;
  created_at: string | Date;
  sender_name: string;
}

/**
 * E-mails unread chat messages, one e-mail per thread and unread streak: when
 * the oldest message a participant has not read is older than `delaySeconds`,
 * they get one e-mail with the unread messages so far; later messages of the
 * same streak send nothing more until they read the thread. The dedupe key
 * names the thread, the reader and that oldest unread message, so retries and
 * concurrent runs queue it once. Whether it is still unread is checked again
 * in the transaction that queues it.
 */
export async function queueMessageDigests(
  sql: PoolSql,
  options: MessageDigestOptions,
): Promise<NotificationEmailResult> {
  const limit = options.limit ?? 100;
  const delay = options.delaySeconds ?? DEFAULT_MESSAGE_DIGEST_DELAY_SECONDS;
  const maxAge = options.maxAgeSeconds ?? DEFAULT_NOTIFICATION_EMAIL_MAX_AGE_SECONDS;
  const result: NotificationEmailResult = { queued: 0, skipped: 0, failed: 0, problems: [] };

  const candidates = await sql<DigestCandidate[]>`
    with sides as (
      select t.id as thread_id, t.buyer_id as recipient_id, t.buyer_last_read_at as read_at
      from public.chat_threads t
      where t.last_message_at > now() - make_interval(secs => ${maxAge}) and t.blocked_by is null
      union all
      select t.id, t.seller_id, t.seller_last_read_at
      from public.chat_threads t
      where t.last_message_at > now() - make_interval(secs => ${maxAge}) and t.blocked_by is null
    )
    select s.thread_id, s.recipient_id
    from sides s
    join auth.users u on u.id = s.recipient_id and u.deleted_at is null and u.email is not null
    left join public.notification_preferences np
      on np.user_id = s.recipient_id and np.type = 'message'
    cross join lateral (
      select m.id, m.created_at from public.chat_messages m
      where m.thread_id = s.thread_id and m.sender_id <> s.recipient_id
        and (s.read_at is null or m.created_at > s.read_at)
      order by m.created_at, m.id
      limit 1
    ) first_unread
    where coalesce(np.email, ${NOTIFICATION_EMAIL_DEFAULTS.message})
      and first_unread.created_at <= now() - make_interval(secs => ${delay})
      and first_unread.created_at > now() - make_interval(secs => ${maxAge})
      and not exists (
        select 1 from public.outbound_emails e
        where e.dedupe_key = 'chat_digest:' || s.thread_id || ':' || s.recipient_id || ':' || first_unread.id
      )
    order by first_unread.created_at
    limit ${limit}`;

  for (const candidate of candidates) {
    try {
      const queued = await sql.begin((tx) => queueDigest(tx, candidate, options, delay));
      if (queued) result.queued += 1;
      else result.skipped += 1;
    } catch (error) {
      result.failed += 1;
      result.problems.push({
        notificationId: `chat_thread:${candidate.thread_id}`,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}

async function queueDigest(
  tx: Sql,
  candidate: DigestCandidate,
  options: MessageDigestOptions,
  delay: number,
): Promise<boolean> {
  // Read again in this transaction: the reader may have opened the thread meanwhile.
  const [thread] = await tx<
    { subject: string; read_at: string | Date | null; email: string | null; blocked: boolean }[]
  >`
    select t.subject, u.email,
           (t.blocked_by is not null or exists (
              select 1 from public.user_blocks b
              where (b.blocker_id = t.buyer_id and b.blocked_id = t.seller_id)
                 or (b.blocker_id = t.seller_id and b.blocked_id = t.buyer_id))) as blocked,
           case when t.buyer_id = ${candidate.recipient_id} then t.buyer_last_read_at
                else t.seller_last_read_at end as read_at
    from public.chat_threads t
    left join auth.users u on u.id = ${candidate.recipient_id} and u.deleted_at is null
    where t.id = ${candidate.thread_id}
      and ${candidate.recipient_id} in (t.buyer_id, t.seller_id)`;
  if (!thread?.email || thread.blocked) return false;
  const readAt = thread.read_at === null ? null : new Date(thread.read_at).toISOString();
  const unread = await tx<UnreadMessage[]>`
    select m.id, m.body, m.created_at, p.display_name as sender_name
    from public.chat_messages m
    join public.profiles p on p.id = m.sender_id
    where m.thread_id = ${candidate.thread_id} and m.sender_id <> ${candidate.recipient_id}
      and (${readAt}::timestamptz is null or m.created_at > ${readAt}::timestamptz)
    order by m.created_at, m.id`;
  const first = unread[0];
  if (!first) return false;
  if (Date.now() - new Date(first.created_at).getTime() < delay * 1000) return false;

  const max = options.maxMessages ?? 5;
  const shown = unread.slice(-max);
  const links = await unsubscribeLinks(tx, candidate.recipient_id, 'message', options);
  const path = notificationPath('message', { threadId: candidate.thread_id });
  return queueEmail(tx, {
    userId: candidate.recipient_id,
    to: thread.email,
    template: 'message_digest',
    data: {
      senderName: unread.at(-1)?.sender_name ?? first.sender_name,
      subject: thread.subject,
      messages: shown.map((m) => ({
        body: m.body.length > 600 ? `${m.body.slice(0, 600)}…` : m.body,
        sentAt: sentAtLabel(m.created_at),
      })),
      moreCount: unread.length - shown.length,
      threadUrl: `${options.webUrl.replace(/\/+$/, '')}${path}`,
      unsubscribeUrl: links.unsubscribeUrl,
      settingsUrl: links.settingsUrl,
    },
    dedupeKey: `chat_digest:${candidate.thread_id}:${candidate.recipient_id}:${first.id}`,
    headers: links.headers,
  });
}

function sentAtLabel(at: string | Date): string {
  return `${new Date(at).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  })} UTC`;
}
