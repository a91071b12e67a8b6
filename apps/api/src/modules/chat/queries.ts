import type { DbOrTx } from '@promptnx/db';
import { type SQL, sql } from 'drizzle-orm';

// Chat SQL. Timestamps come back as Postgres text ('2026-11-22 03:12:55.123456+00'):
// cursors and read markers keep that text, so no microsecond is lost on the way.

export interface ThreadRow {
  [key: string]: unknown;
  id: string;
  subject: string;
  buyer_id: string;
  seller_id: string;
  prompt_id: string | null;
  prompt_slug: string | null;
  prompt_title: string | null;
  order_id: string | null;
  last_message_at: string | null;
  buyer_read_at: string | null;
  seller_read_at: string | null;
  created_at: string;
  activity_at: string;
  buyer_username: string | null;
  buyer_name: string;
  buyer_avatar: string | null;
  seller_username: string | null;
  seller_name: string;
  seller_avatar: string | null;
  last_id: string | null;
  last_sender_id: string | null;
  last_body: string | null;
  last_created_at: string | null;
  unread: number;
  blocked_by_me: boolean;
  blocked_either: boolean;
}

/**
 * Threads as `me` sees them: both people, the topic, the newest message (its
 * first 300 characters), `me`'s unread count and block state. Run inside
 * withUser, so RLS decides which threads exist for the asker.
 */
export function threadsQuery(me: string, where: SQL, tail: SQL = sql``) {
  return sql`
    select t.id, t.subject, t.buyer_id, t.seller_id, t.prompt_id, p.slug as prompt_slug,
           p.title as prompt_title, t.order_id, t.last_message_at,
           t.buyer_last_read_at as buyer_read_at, t.seller_last_read_at as seller_read_at,
           t.created_at, coalesce(t.last_message_at, t.created_at) as activity_at,
           b.username as buyer_username, b.display_name as buyer_name, b.avatar_path as buyer_avatar,
           s.username as seller_username, s.display_name as seller_name, s.avatar_path as seller_avatar,
           lm.id as last_id, lm.sender_id as last_sender_id, lm.body as last_body,
           lm.created_at as last_created_at,
           (select count(*)::int from public.chat_messages m
             where m.thread_id = t.id and m.sender_id <> ${me}
               and m.created_at > coalesce(
                 case when t.buyer_id = ${me} then t.buyer_last_read_at
                      when t.seller_id = ${me} then t.seller_last_read_at
                      else 'infinity'::timestamptz end,
                 '-infinity'::timestamptz)) as unread,
           exists (select 1 from public.user_blocks ub
             where ub.blocker_id = ${me}
               and ub.blocked_id = case when t.buyer_id = ${me} then t.seller_id else t.buyer_id end
           ) as blocked_by_me,
           exists (select 1 from public.user_blocks ub
             where (ub.blocker_id = t.buyer_id and ub.blocked_id = t.seller_id)
                or (ub.blocker_id = t.seller_id and ub.blocked_id = t.buyer_id)
           ) or public.chat_blocked_with(
             case when t.buyer_id = ${me} then t.seller_id else t.buyer_id end
           ) as blocked_either
    from public.chat_threads t
    join public.profiles b on b.id = t.buyer_id
    join public.profiles s on s.id = t.seller_id
    left join public.prompts p on p.id = t.prompt_id
    left join lateral (
      select m.id, m.sender_id, left(m.body, 300) as body, m.created_at
      from public.chat_messages m
      where m.thread_id = t.id
      order by m.created_at desc, m.id desc
      limit 1
    ) lm on true
    where ${where}
    ${tail}`;
}

export async function findThread(tx: DbOrTx, me: string, threadId: string) {
  const [row] = await tx.execute<ThreadRow>(threadsQuery(me, sql`t.id = ${threadId}`));
  return row;
}

/** Who is in a thread, read as system code: the API's own access check comes first. */
export async function threadParticipants(db: DbOrTx, threadId: string) {
  const [row] = await db.execute<{ buyer_id: string; seller_id: string }>(
    sql`select buyer_id, seller_id from public.chat_threads where id = ${threadId}`,
  );
  return row;
}

/** Whether either of two users has blocked the other (system read). */
export async function blockedEitherWay(db: DbOrTx, a: string, b: string) {
  const [row] = await db.execute<{ by_a: boolean; by_b: boolean }>(sql`
    select exists (select 1 from public.user_blocks where blocker_id = ${a} and blocked_id = ${b}) as by_a,
           exists (select 1 from public.user_blocks where blocker_id = ${b} and blocked_id = ${a}) as by_b`);
  return { byFirst: row?.by_a ?? false, bySecond: row?.by_b ?? false };
}

export interface MessageRow {
  [key: string]: unknown;
  id: string;
  thread_id: string;
  sender_id: string;
  body: string;
  created_at: string;
}

export const messageColumns = sql`m.id, m.thread_id, m.sender_id, m.body, m.created_at`;

/** A page of a thread's messages, newest first, before a (created_at, id) boundary. */
export function listMessages(
  tx: DbOrTx,
  threadId: string,
  before: { t: string; id: string } | undefined,
  limit: number,
) {
  return tx.execute<MessageRow>(sql`
    select ${messageColumns} from public.chat_messages m
    where m.thread_id = ${threadId}
    ${before ? sql`and (m.created_at, m.id) < (${before.t}::timestamptz, ${before.id}::uuid)` : sql``}
    order by m.created_at desc, m.id desc
    limit ${limit}`);
}
