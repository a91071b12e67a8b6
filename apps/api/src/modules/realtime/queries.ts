import type { DbOrTx } from '@promptnx/db';
import type { RealtimeNotification } from '@promptnx/schema';
import { sql } from 'drizzle-orm';

export interface NotificationRow {
  [key: string]: unknown;
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown> | string;
  read_at: string | null;
  created_at: string;
  t: string;
}

const notificationColumns = sql`n.id, n.user_id, n.type, n.title, n.body, n.data, n.read_at,
  n.created_at, n.xact_id::text as t`;

export function toRealtimeNotification(row: NotificationRow): RealtimeNotification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Notifications by id, as system code (the hub sends each to its own user only). */
export async function notificationsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.execute<NotificationRow>(
    sql`select ${notificationColumns} from public.notifications n where n.id in (${idList(ids)})`,
  );
}

export interface ReplayMessageRow {
  [key: string]: unknown;
  id: string;
  thread_id: string;
  sender_id: string;
  body: string;
  created_at: string;
  t: string;
}

/**
 * A user's events at or above a transaction horizon, oldest transaction first,
 * at most `limit` of each kind. Run in one REPEATABLE READ transaction with
 * `snapshotHorizon`, so the horizon and the rows come from one snapshot.
 */
export async function eventsSince(tx: DbOrTx, userId: string, horizon: bigint, limit: number) {
  const messages = await tx.execute<ReplayMessageRow>(sql`
    select m.id, m.thread_id, m.sender_id, m.body, m.created_at, m.xact_id::text as t
    from public.chat_threads th
    join public.chat_messages m on m.thread_id = th.id and m.xact_id >= ${horizon.toString()}::xid8
    where th.buyer_id = ${userId} or th.seller_id = ${userId}
    order by m.xact_id, m.created_at, m.id
    limit ${limit}`);
  const notifications = await tx.execute<NotificationRow>(sql`
    select ${notificationColumns} from public.notifications n
    where n.user_id = ${userId} and n.xact_id >= ${horizon.toString()}::xid8
    order by n.xact_id, n.created_at, n.id
    limit ${limit}`);
  return { messages, notifications };
}

/** The oldest transaction still running, as this transaction's snapshot sees it. */
export async function snapshotHorizon(tx: DbOrTx): Promise<bigint> {
  const [row] = await tx.execute<{ x: string }>(
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as x`,
  );
  return BigInt(row!.x);
}

/** Which of these auth sessions are still open. */
export async function openSessions(db: DbOrTx, sessionIds: string[]) {
  if (sessionIds.length === 0) return new Set<string>();
  const rows = await db.execute<{ id: string }>(
    sql`select id from auth.sessions where id in (${idList(sessionIds)})`,
  );
  return new Set(rows.map((r) => r.id));
}
