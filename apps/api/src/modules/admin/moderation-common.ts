import { auditLogs, type DbOrTx, notifications } from '@promptnx/db';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';

/** Who decides, and from where (audit_logs.actor_id and ip). */
export interface Actor {
  id: string;
  ip: string | null;
}

/** An ISO string from what postgres-js hands back for a timestamp (a string in raw SQL). */
export function iso(value: string | Date): string;
export function iso(value: string | Date | null | undefined): string | null;
export function iso(value: string | Date | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** jsonb from raw SQL arrives as text or as a value, depending on the path. */
export function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export const int = (value: unknown) => Number(value ?? 0);

// ── Cursors ────────────────────────────────────────────────────────────────
// A page boundary of one queue: the last row's sort time exactly as Postgres
// wrote it (microseconds; a JS Date would round them away) and its id.

const cursorSchema = z.object({
  s: z.string().max(40),
  t: z.string().max(60),
  id: z.union([z.uuid(), z.number().int().positive()]),
});
export type QueueCursor = z.infer<typeof cursorSchema>;

export const encodeQueueCursor = (cursor: QueueCursor) =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

/** The cursor of queue `s`; a cursor of another queue or a forged one is a 400 naming it. */
export function decodeQueueCursor(s: string, text: string | undefined): QueueCursor | undefined {
  if (!text) return undefined;
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (cursor.s !== s || Number.isNaN(Date.parse(cursor.t))) throw new Error('other queue');
    return cursor;
  } catch {
    throw new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
      { field: 'query.cursor', message: 'is not a cursor this API gave out for this list' },
    ]);
  }
}

/** `from`/`to` filters on a time column; a bare day for `to` includes that whole day. */
export function dateFilters(column: SQL, from?: string, to?: string): SQL[] {
  const where: SQL[] = [];
  if (from && to && Date.parse(from) > Date.parse(to)) {
    throw new AppError('VALIDATION_FAILED', 'query.from is after query.to', [
      { field: 'query.from', message: 'must not be after query.to' },
    ]);
  }
  if (from) where.push(sql`${column} >= ${from}::timestamptz`);
  if (to) {
    where.push(
      /^\d{4}-\d{2}-\d{2}$/.test(to)
        ? sql`${column} < (${to}::date + 1)::timestamptz`
        : sql`${column} <= ${to}::timestamptz`,
    );
  }
  return where;
}

/** An ILIKE pattern that treats % and _ in the search as text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// ── Side effects every decision has ────────────────────────────────────────

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason?: string | null | undefined;
}

/** One audit row, in the decision's transaction. */
export async function audit(tx: DbOrTx, actor: Actor, entry: AuditInput) {
  await tx.insert(auditLogs).values({
    actorId: actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    reason: entry.reason ?? null,
    ip: actor.ip,
  });
}

export interface NoticeInput {
  userId: string;
  type: 'moderation' | 'system';
  title: string;
  body?: string | null | undefined;
  data: Record<string, unknown>;
}

/**
 * Tells the affected user, in the decision's transaction. The worker's
 * notification-emails job e-mails it too (moderation and system notices are
 * e-mailed by default), so no e-mail is queued here.
 */
export async function notify(tx: DbOrTx, notice: NoticeInput) {
  await tx.insert(notifications).values({
    userId: notice.userId,
    type: notice.type,
    title: notice.title.length > 200 ? `${notice.title.slice(0, 199)}…` : notice.title,
    body: notice.body ?? '',
    data: notice.data,
  });
}

/** A title in quotes for a notice, shortened so the notice title fits. */
export const quoted = (title: string) =>
  `“${title.length > 120 ? `${title.slice(0, 119)}…` : title}”`;
