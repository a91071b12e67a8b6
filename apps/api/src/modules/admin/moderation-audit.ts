import type { DbOrTx } from '@promptnx/db';
import type { AuditEntry, AuditLog, auditLogQuerySchema } from '@promptnx/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  dateFilters,
  decodeQueueCursor,
  encodeQueueCursor,
  iso,
  json,
} from './moderation-common.js';

type AuditRow = {
  id: string | number;
  actor_id: string | null;
  actor_display_name: string | null;
  actor_username: string | null;
  actor_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  ip: string | null;
  created_at: string;
};

const columns = sql`
  a.id, a.actor_id, pr.display_name as actor_display_name, pr.username as actor_username,
  u.email as actor_email, a.action, a.entity_type, a.entity_id, a.before, a.after, a.reason,
  host(a.ip) as ip, a.created_at`;
const joins = sql`
  left join public.profiles pr on pr.id = a.actor_id
  left join auth.users u on u.id = a.actor_id`;

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    actor: row.actor_id
      ? {
          id: row.actor_id,
          displayName: row.actor_display_name ?? '',
          username: row.actor_username,
          email: row.actor_email,
        }
      : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: json<Record<string, unknown> | null>(row.before),
    after: json<Record<string, unknown> | null>(row.after),
    reason: row.reason,
    ip: row.ip,
    createdAt: iso(row.created_at),
  };
}

/** The decisions about one row (or several of one kind), newest first. */
export async function auditOf(
  db: DbOrTx,
  entityType: string,
  entityIds: string[],
  limit = 50,
): Promise<AuditEntry[]> {
  if (entityIds.length === 0) return [];
  const rows = await db.execute<AuditRow>(sql`
    select ${columns} from public.audit_logs a ${joins}
    where a.entity_type = ${entityType}
      and a.entity_id in (${sql.join(
        entityIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    order by a.id desc
    limit ${limit}`);
  return rows.map(toEntry);
}

/** GET /api/admin/audit-log: newest first, filtered, a page at a time. */
export async function listAuditLog(
  db: DbOrTx,
  query: z.infer<typeof auditLogQuerySchema>,
): Promise<AuditLog> {
  const where: SQL[] = [sql`true`];
  if (query.actorId) where.push(sql`a.actor_id = ${query.actorId}`);
  if (query.entityType) where.push(sql`a.entity_type = ${query.entityType}`);
  if (query.entityId) where.push(sql`a.entity_id = ${query.entityId}`);
  if (query.action?.endsWith('.*')) {
    where.push(sql`starts_with(a.action, ${query.action.slice(0, -1)})`);
  } else if (query.action) {
    where.push(sql`a.action = ${query.action}`);
  }
  where.push(...dateFilters(sql`a.created_at`, query.from, query.to));
  const cursor = decodeQueueCursor('audit', query.cursor);
  if (cursor) where.push(sql`a.id < ${Number(cursor.id)}`);
  const rows = await db.execute<AuditRow>(sql`
    select ${columns} from public.audit_logs a ${joins}
    where ${sql.join(where, sql` and `)}
    order by a.id desc
    limit ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ s: 'audit', t: String(last.created_at), id: Number(last.id) })
        : null,
  };
}
