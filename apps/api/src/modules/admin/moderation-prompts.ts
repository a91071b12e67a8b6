import { type Database, type DbOrTx, prompts } from '@promptnx/db';
import type {
  AdminPromptDetail,
  AdminPromptFlag,
  AdminPromptQueue,
  AdminPromptQueueItem,
  adminPromptQueueQuerySchema,
  EditorPrompt,
} from '@promptnx/schema';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.js';
import { auditOf } from './moderation-audit.js';
import {
  type Actor,
  audit,
  dateFilters,
  decodeQueueCursor,
  encodeQueueCursor,
  iso,
  json,
  likePattern,
  notify,
  quoted,
} from './moderation-common.js';
import { userHistory } from './moderation-history.js';
import {
  closeOpenReports,
  listReports,
  type ReportSummaryColumns,
  reportSummaryJoin,
  tellReporters,
  toReportSummary,
} from './moderation-reports.js';

type Query = z.infer<typeof adminPromptQueueQuerySchema>;

type PromptRow = ReportSummaryColumns & {
  id: string;
  slug: string;
  title: string;
  status: AdminPromptQueueItem['status'];
  hidden_cause: AdminPromptQueueItem['hiddenCause'];
  price_amount: number;
  currency: string;
  seller_id: string;
  seller_display_name: string;
  seller_username: string | null;
  seller_status: 'active' | 'suspended';
  pending_versions: number[] | null;
  submitted_at: string | null;
  queued_at: string;
  flags: unknown;
};

const queues = {
  pending: { at: sql`pv.submitted_at`, asc: true },
  reported: { at: sql`rep.first_open_at`, asc: true },
  hidden: { at: sql`p.hidden_at`, asc: false },
  all: { at: sql`p.created_at`, asc: false },
} as const;

/**
 * GET /api/admin/prompts: prompts waiting for review (their pending versions
 * and near-duplicate flags), reported ones, hidden ones, or all; filtered,
 * a page at a time. Never template text.
 */
export async function listPromptQueue(db: DbOrTx, query: Query): Promise<AdminPromptQueue> {
  const queue = queues[query.queue];
  const where: SQL[] = [];
  if (query.queue === 'pending') where.push(sql`pv.submitted_at is not null`);
  if (query.queue === 'reported') where.push(sql`rep.open_count > 0`);
  if (query.queue === 'hidden') where.push(sql`p.status = 'hidden'`);
  if (query.status) where.push(sql`p.status = ${query.status}`);
  if (query.reason) {
    where.push(sql`exists (select 1 from public.prompt_reports x
      where x.prompt_id = p.id and x.reason = ${query.reason}
        and (${query.queue} <> 'reported' or x.status = 'open'))`);
  }
  if (query.sellerId) where.push(sql`p.seller_id = ${query.sellerId}`);
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(sql`(p.title ilike ${pattern} or p.slug ilike ${pattern}
      or s.display_name ilike ${pattern} or s.username ilike ${pattern})`);
  }
  where.push(...dateFilters(queue.at, query.from, query.to));
  const cursor = decodeQueueCursor(`prompts:${query.queue}`, query.cursor);
  const after = cursor
    ? queue.asc
      ? sql`(x.queued_at, x.id) > (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
      : sql`(x.queued_at, x.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
    : sql`true`;
  const order = queue.asc ? sql`x.queued_at, x.id` : sql`x.queued_at desc, x.id desc`;
  const rows = await db.execute<PromptRow>(sql`
    select * from (
      select p.id, p.slug, p.title, p.status, p.hidden_cause, p.price_amount, p.currency,
             s.id as seller_id, s.display_name as seller_display_name, s.username as seller_username,
             s.status as seller_status, pv.pending_versions, pv.submitted_at,
             ${queue.at} as queued_at,
             rep.open_count, rep.total_count, rep.open_reasons, rep.last_reported_at,
             coalesce((
               select json_agg(json_build_object(
                 'versionId', f.version_id, 'similarPromptId', f.similar_prompt_id, 'slug', o.slug,
                 'title', o.title, 'similarity', f.similarity, 'createdAt', f.created_at)
                 order by f.similarity desc)
               from public.moderation_flags f join public.prompts o on o.id = f.similar_prompt_id
               where f.prompt_id = p.id and f.resolved_at is null
             ), '[]'::json) as flags
      from public.prompts p
      join public.profiles s on s.id = p.seller_id
      left join lateral (
        select array_agg(v.version order by v.version) as pending_versions,
               max(v.updated_at) as submitted_at
        from public.prompt_versions v where v.prompt_id = p.id and v.status = 'pending_review'
      ) pv on true
      ${reportSummaryJoin('prompt', 'p.id')}
      where ${where.length ? sql.join(where, sql` and `) : sql`true`}
    ) x
    where ${after}
    order by ${order}
    limit ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      status: row.status,
      hiddenCause: row.hidden_cause,
      price: { amount: Number(row.price_amount), currency: row.currency },
      seller: {
        id: row.seller_id,
        displayName: row.seller_display_name,
        username: row.seller_username,
        status: row.seller_status,
      },
      pendingVersions: (row.pending_versions ?? []).map(Number),
      flags: json<
        {
          versionId: string;
          similarPromptId: string;
          slug: string;
          title: string;
          similarity: number;
          createdAt: string;
        }[]
      >(row.flags).map((f) => ({
        kind: 'near_duplicate' as const,
        versionId: f.versionId,
        similarPrompt: { id: f.similarPromptId, slug: f.slug, title: f.title },
        similarity: Number(f.similarity),
        createdAt: iso(f.createdAt),
      })),
      reports: toReportSummary(row),
      submittedAt: iso(row.submitted_at),
      queuedAt: iso(row.queued_at),
    })),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ s: `prompts:${query.queue}`, t: last.queued_at, id: last.id })
        : null,
  };
}

/** Near-duplicate flags of a prompt with the prompt each resembles and its current template. */
async function flagsOf(db: DbOrTx, promptId: string): Promise<AdminPromptFlag[]> {
  const rows = await db.execute<{
    id: string;
    version_id: string;
    version: number;
    similarity: number;
    created_at: string;
    resolved_at: string | null;
    similar_id: string;
    similar_slug: string;
    similar_title: string;
    similar_status: string;
    similar_seller_id: string;
    similar_seller_name: string;
    similar_template: string | null;
  }>(sql`
    select f.id, f.version_id, v.version, f.similarity, f.created_at, f.resolved_at,
           o.id as similar_id, o.slug as similar_slug, o.title as similar_title,
           o.status as similar_status, os.id as similar_seller_id,
           os.display_name as similar_seller_name,
           (select t.template from public.prompt_templates t
             where t.version_id = o.current_version_id) as similar_template
    from public.moderation_flags f
    join public.prompt_versions v on v.id = f.version_id
    join public.prompts o on o.id = f.similar_prompt_id
    join public.profiles os on os.id = o.seller_id
    where f.prompt_id = ${promptId}
    order by (f.resolved_at is null) desc, f.similarity desc, f.id
    limit 50`);
  return rows.map((r) => ({
    id: r.id,
    kind: 'near_duplicate',
    versionId: r.version_id,
    version: Number(r.version),
    similarity: Number(r.similarity),
    createdAt: iso(r.created_at),
    resolvedAt: iso(r.resolved_at),
    similarPrompt: {
      id: r.similar_id,
      slug: r.similar_slug,
      title: r.similar_title,
      status: r.similar_status,
      seller: { id: r.similar_seller_id, displayName: r.similar_seller_name },
      template: r.similar_template,
    },
  }));
}

/**
 * GET /api/admin/prompts/:id: every version with its template (admins are
 * entitled to every prompt), the seller and their record, the flags with
 * the prompts they point at, the reports and the decisions so far.
 */
export async function promptDetail(
  db: DbOrTx,
  promptId: string,
  readAsSystem: (promptId: string) => Promise<EditorPrompt>,
): Promise<AdminPromptDetail> {
  const [row] = await db.execute<
    ReportSummaryColumns & {
      seller_id: string;
      hidden_cause: AdminPromptDetail['hiddenCause'];
      hidden_at: string | null;
      seller_display_name: string;
      seller_username: string | null;
      seller_status: 'active' | 'suspended';
    }
  >(sql`
    select p.seller_id, p.hidden_cause, p.hidden_at, s.display_name as seller_display_name,
           s.username as seller_username, s.status as seller_status,
           rep.open_count, rep.total_count, rep.open_reasons, rep.last_reported_at
    from public.prompts p join public.profiles s on s.id = p.seller_id
    ${reportSummaryJoin('prompt', 'p.id')}
    where p.id = ${promptId}`);
  if (!row) throw notFound(`prompt ${promptId}`);
  const [prompt, history, flags, reportList, auditTrail] = await Promise.all([
    readAsSystem(promptId),
    userHistory(db, row.seller_id),
    flagsOf(db, promptId),
    listReports(db, 'prompt', promptId),
    auditOf(db, 'prompt', [promptId]),
  ]);
  return {
    prompt,
    hiddenCause: row.hidden_cause,
    hiddenAt: iso(row.hidden_at),
    seller: {
      id: row.seller_id,
      displayName: row.seller_display_name,
      username: row.seller_username,
      status: row.seller_status,
    },
    sellerHistory: history!,
    flags,
    reports: toReportSummary(row),
    reportList,
    audit: auditTrail,
  };
}

async function lockPrompt(tx: DbOrTx, promptId: string) {
  const [prompt] = await tx.select().from(prompts).where(eq(prompts.id, promptId)).for('update');
  if (!prompt) throw notFound(`prompt ${promptId}`);
  return prompt;
}

/**
 * Takes a published prompt out of the catalog and search at once (status
 * 'hidden': every catalog read and the search index select published ones;
 * the status change queues it for Meilisearch). Buyers keep it in their
 * library. Also takes over a prompt hidden by its seller's suspension, so it
 * stays hidden after reinstatement. Open reports are resolved.
 */
export async function hidePrompt(db: Database, actor: Actor, promptId: string, reason: string) {
  return db.transaction(async (tx) => {
    const prompt = await lockPrompt(tx, promptId);
    const hiddenBySuspension =
      prompt.status === 'hidden' && prompt.hiddenCause === 'seller_suspended';
    if (prompt.status !== 'published' && !hiddenBySuspension) {
      throw new AppError(
        'CONFLICT',
        prompt.status === 'hidden'
          ? 'this prompt is hidden already'
          : `a ${prompt.status.replace('_', ' ')} prompt is not in the catalog; only published ones can be hidden`,
      );
    }
    await tx
      .update(prompts)
      .set({ status: 'hidden', hiddenCause: 'moderation', hiddenAt: sql`now()` })
      .where(eq(prompts.id, promptId));
    const closed = await closeOpenReports(tx, actor, 'prompt', promptId, 'resolved');
    await audit(tx, actor, {
      action: 'prompt.hidden',
      entityType: 'prompt',
      entityId: promptId,
      before: { status: prompt.status, hiddenCause: prompt.hiddenCause },
      after: {
        status: 'hidden',
        hiddenCause: 'moderation',
        ...(closed.length ? { resolvedReports: closed.map((r) => r.id) } : {}),
      },
      reason,
    });
    const data = { promptId, slug: prompt.slug };
    await notify(tx, {
      userId: prompt.sellerId,
      type: 'moderation',
      title: `${quoted(prompt.title)} is hidden from the catalog`,
      body: reason,
      data,
    });
    await tellReporters(tx, 'prompt', closed, 'resolved', data);
    return 'hidden' as const;
  });
}

/** Puts a prompt a moderator hid back in the catalog (not while its seller is suspended). */
export async function restorePrompt(
  db: Database,
  actor: Actor,
  promptId: string,
  reason: string | undefined,
) {
  return db.transaction(async (tx) => {
    // The seller's profile first, then the prompt: the order a suspension takes them in
    // (its trigger moves the prompts), so the two never wait on each other in a circle.
    const [seller] = await tx.execute<{ status: string }>(sql`
      select s.status from public.profiles s
      where s.id = (select seller_id from public.prompts where id = ${promptId})
      for share`);
    const prompt = await lockPrompt(tx, promptId);
    if (prompt.status !== 'hidden') {
      throw new AppError('CONFLICT', `a ${prompt.status.replace('_', ' ')} prompt is not hidden`);
    }
    if (prompt.hiddenCause === 'seller_suspended' || seller?.status === 'suspended') {
      throw new AppError(
        'CONFLICT',
        'the seller is suspended: their prompts come back when the seller is reinstated',
      );
    }
    await tx.update(prompts).set({ status: 'published' }).where(eq(prompts.id, promptId));
    await audit(tx, actor, {
      action: 'prompt.restored',
      entityType: 'prompt',
      entityId: promptId,
      before: { status: 'hidden', hiddenCause: prompt.hiddenCause },
      after: { status: 'published', hiddenCause: null },
      reason,
    });
    await notify(tx, {
      userId: prompt.sellerId,
      type: 'moderation',
      title: `${quoted(prompt.title)} is back in the catalog`,
      body: reason,
      data: { promptId, slug: prompt.slug },
    });
    return 'published' as const;
  });
}

/** Keeps a reported prompt: its open reports are dismissed. */
export async function dismissPromptReports(
  db: Database,
  actor: Actor,
  promptId: string,
  reason: string | undefined,
) {
  return db.transaction(async (tx) => {
    const prompt = await lockPrompt(tx, promptId);
    const closed = await closeOpenReports(tx, actor, 'prompt', promptId, 'dismissed');
    if (closed.length === 0) throw new AppError('CONFLICT', 'this prompt has no open reports');
    await audit(tx, actor, {
      action: 'prompt.reports_dismissed',
      entityType: 'prompt',
      entityId: promptId,
      before: { status: prompt.status, openReports: closed.length },
      after: { status: prompt.status, openReports: 0, dismissedReports: closed.map((r) => r.id) },
      reason,
    });
    await tellReporters(tx, 'prompt', closed, 'dismissed', { promptId, slug: prompt.slug });
    return prompt.status;
  });
}
