import type { Database, DbOrTx } from '@promptnx/db';
import type { AdminReport } from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { type Actor, audit, iso, notify } from './moderation-common.js';

export type ReportKind = 'review' | 'prompt';
export type ReportDecision = 'resolve' | 'dismiss';

// Reports live in two tables of one shape (reviews helper: review_reports,
// prompt_reports); the kind picks the table and the column of the target.
const tables = {
  review: { table: sql.raw('public.review_reports'), target: sql.raw('review_id') },
  prompt: { table: sql.raw('public.prompt_reports'), target: sql.raw('prompt_id') },
} as const;

type ReportRow = {
  id: string;
  target_id: string;
  reason: string;
  details: string;
  status: AdminReport['status'];
  reporter_id: string;
  reporter_display_name: string;
  reporter_username: string | null;
  reporter_status: 'active' | 'suspended';
  created_at: string;
  resolved_at: string | null;
};

function toReport(kind: ReportKind, row: ReportRow): AdminReport {
  return {
    id: row.id,
    kind,
    targetId: row.target_id,
    reason: row.reason,
    details: row.details,
    status: row.status,
    reporter: {
      id: row.reporter_id,
      displayName: row.reporter_display_name,
      username: row.reporter_username,
      status: row.reporter_status,
    },
    createdAt: iso(row.created_at),
    resolvedAt: iso(row.resolved_at),
  };
}

/** Every report of a review or a prompt, open ones first, then newest first. */
export async function listReports(
  db: DbOrTx,
  kind: ReportKind,
  targetId: string,
): Promise<AdminReport[]> {
  const { table, target } = tables[kind];
  const rows = await db.execute<ReportRow>(sql`
    select r.id, r.${target} as target_id, r.reason, r.details, r.status, r.created_at, r.resolved_at,
           u.id as reporter_id, u.display_name as reporter_display_name,
           u.username as reporter_username, u.status as reporter_status
    from ${table} r join public.profiles u on u.id = r.reporter_id
    where r.${target} = ${targetId}
    order by (r.status = 'open') desc, r.created_at desc, r.id
    limit 200`);
  return rows.map((row) => toReport(kind, row));
}

/**
 * Closes the open reports of a review or prompt (hiding it resolves them,
 * keeping it dismisses them), in the caller's transaction. Returns what was
 * closed, for the audit row and the reporters' notices.
 */
export async function closeOpenReports(
  tx: DbOrTx,
  actor: Actor,
  kind: ReportKind,
  targetId: string,
  status: 'resolved' | 'dismissed',
) {
  const { table, target } = tables[kind];
  return tx.execute<{ id: string; reporter_id: string }>(sql`
    update ${table}
    set status = ${status}, resolved_at = now(), resolved_by = ${actor.id}
    where ${target} = ${targetId} and status = 'open'
    returning id, reporter_id`);
}

const noticeOf = (kind: ReportKind, status: 'resolved' | 'dismissed') =>
  status === 'resolved'
    ? `Thanks: we acted on the ${kind} you reported`
    : `We looked at the ${kind} you reported and left it up`;

/** One notice per reporter whose report was just closed. */
export async function tellReporters(
  tx: DbOrTx,
  kind: ReportKind,
  closed: { id: string; reporter_id: string }[],
  status: 'resolved' | 'dismissed',
  data: Record<string, unknown>,
) {
  for (const report of closed) {
    await notify(tx, {
      userId: report.reporter_id,
      type: 'moderation',
      title: noticeOf(kind, status),
      data: { ...data, reportId: report.id },
    });
  }
}

/** POST /api/admin/{review,prompt}-reports/:id/{resolve,dismiss}: one report, one decision. */
export async function decideReport(
  db: Database,
  actor: Actor,
  kind: ReportKind,
  reportId: string,
  decision: ReportDecision,
  reason: string | undefined,
): Promise<AdminReport> {
  const { table, target } = tables[kind];
  const status = decision === 'resolve' ? 'resolved' : 'dismissed';
  await db.transaction(async (tx) => {
    const [report] = await tx.execute<{
      id: string;
      target_id: string;
      reporter_id: string;
      status: string;
      reason: string;
    }>(sql`
      select id, ${target} as target_id, reporter_id, status, reason from ${table}
      where id = ${reportId} for update`);
    if (!report) throw notFound(`${kind} report ${reportId}`);
    if (report.status !== 'open') {
      throw new AppError('CONFLICT', `this report is ${report.status} already`);
    }
    await tx.execute(sql`
      update ${table} set status = ${status}, resolved_at = now(), resolved_by = ${actor.id}
      where id = ${reportId}`);
    await audit(tx, actor, {
      action: `${kind}_report.${status}`,
      entityType: `${kind}_report`,
      entityId: reportId,
      before: { status: 'open', [`${kind}Id`]: report.target_id, reason: report.reason },
      after: { status, [`${kind}Id`]: report.target_id },
      reason,
    });
    const data =
      kind === 'review' ? { reviewId: report.target_id } : { promptId: report.target_id };
    await tellReporters(tx, kind, [report], status, data);
  });
  const [row] = await db.execute<ReportRow>(sql`
    select r.id, r.${target} as target_id, r.reason, r.details, r.status, r.created_at, r.resolved_at,
           u.id as reporter_id, u.display_name as reporter_display_name,
           u.username as reporter_username, u.status as reporter_status
    from ${table} r join public.profiles u on u.id = r.reporter_id
    where r.id = ${reportId}`);
  return toReport(kind, row!);
}

/** SQL of a lateral join summarising the reports of `alias.id` (open, total, reasons, latest). */
export function reportSummaryJoin(kind: ReportKind, targetIdColumn: string) {
  const { table, target } = tables[kind];
  return sql`
    left join lateral (
      select count(*) filter (where rr.status = 'open')::int as open_count,
             count(*)::int as total_count,
             coalesce(array_agg(distinct rr.reason) filter (where rr.status = 'open'), '{}') as open_reasons,
             min(rr.created_at) filter (where rr.status = 'open') as first_open_at,
             max(rr.created_at) as last_reported_at
      from ${table} rr where rr.${target} = ${sql.raw(targetIdColumn)}
    ) rep on true`;
}

export type ReportSummaryColumns = {
  open_count: number;
  total_count: number;
  open_reasons: string[] | string;
  last_reported_at: string | null;
};

/** A text[] from raw SQL arrives parsed, or as `{a,b}` on some paths. */
function textArray(value: string[] | string): string[] {
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((v) => v.replace(/^"|"$/g, '')) : [];
}

export function toReportSummary(row: ReportSummaryColumns) {
  return {
    open: Number(row.open_count ?? 0),
    total: Number(row.total_count ?? 0),
    reasons: textArray(row.open_reasons ?? []).sort(),
    lastReportedAt: iso(row.last_reported_at),
  };
}
