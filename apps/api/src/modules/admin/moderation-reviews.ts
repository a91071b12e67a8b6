import { type Database, type DbOrTx, reviews } from '@promptnx/db';
import type {
  AdminReviewDetail,
  AdminReviewItem,
  AdminReviewList,
  adminReviewQueueQuerySchema,
  ReviewBulkAction,
} from '@promptnx/schema';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { auditOf } from './moderation-audit.js';
import {
  type Actor,
  audit,
  dateFilters,
  decodeQueueCursor,
  encodeQueueCursor,
  iso,
  likePattern,
  notify,
  quoted,
} from './moderation-common.js';
import { userHistories } from './moderation-history.js';
import {
  closeOpenReports,
  listReports,
  type ReportSummaryColumns,
  reportSummaryJoin,
  tellReporters,
  toReportSummary,
} from './moderation-reports.js';

type ReviewStatus = AdminReviewItem['status'];
type Query = z.infer<typeof adminReviewQueueQuerySchema>;

type ReviewRow = ReportSummaryColumns & {
  id: string;
  status: ReviewStatus;
  rating: number;
  body: string;
  model_used: string | null;
  moderation_reason: string | null;
  created_at: string;
  edited_at: string | null;
  queued_at: string;
  prompt_id: string;
  prompt_slug: string;
  prompt_title: string;
  prompt_status: string;
  buyer_id: string;
  buyer_display_name: string;
  buyer_username: string | null;
  buyer_status: 'active' | 'suspended';
  seller_id: string;
  seller_display_name: string;
  seller_username: string | null;
  seller_status: 'active' | 'suspended';
};

// When a review entered each queue, and which way the queue runs: the oldest
// work first in the queues, the newest first in the list of everything.
const queues = {
  pending: { at: sql`coalesce(r.edited_at, r.created_at)`, asc: true },
  reported: { at: sql`rep.first_open_at`, asc: true },
  all: { at: sql`r.created_at`, asc: false },
} as const;

function reviewSelect(where: SQL, queuedAt: SQL) {
  return sql`
    select r.id, r.status, r.rating, r.body, r.model_used, r.moderation_reason, r.created_at,
           r.edited_at, ${queuedAt} as queued_at,
           p.id as prompt_id, p.slug as prompt_slug, p.title as prompt_title, p.status as prompt_status,
           b.id as buyer_id, b.display_name as buyer_display_name, b.username as buyer_username,
           b.status as buyer_status,
           s.id as seller_id, s.display_name as seller_display_name, s.username as seller_username,
           s.status as seller_status,
           rep.open_count, rep.total_count, rep.open_reasons, rep.last_reported_at
    from public.reviews r
    join public.prompts p on p.id = r.prompt_id
    join public.profiles b on b.id = r.buyer_id
    join public.profiles s on s.id = p.seller_id
    ${reportSummaryJoin('review', 'r.id')}
    where ${where}`;
}

function toItem(row: ReviewRow): AdminReviewItem {
  return {
    id: row.id,
    status: row.status,
    rating: Number(row.rating),
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    modelUsed: row.model_used,
    moderationReason: row.moderation_reason,
    createdAt: iso(row.created_at),
    editedAt: iso(row.edited_at),
    queuedAt: iso(row.queued_at),
    prompt: {
      id: row.prompt_id,
      slug: row.prompt_slug,
      title: row.prompt_title,
      status: row.prompt_status,
    },
    buyer: {
      id: row.buyer_id,
      displayName: row.buyer_display_name,
      username: row.buyer_username,
      status: row.buyer_status,
    },
    seller: {
      id: row.seller_id,
      displayName: row.seller_display_name,
      username: row.seller_username,
      status: row.seller_status,
    },
    reports: toReportSummary(row),
  };
}

/** GET /api/admin/reviews: one page of a queue, with who wrote what about which prompt. */
export async function listReviewQueue(db: DbOrTx, query: Query): Promise<AdminReviewList> {
  const queue = queues[query.queue];
  const where: SQL[] = [];
  if (query.queue === 'pending') where.push(sql`r.status = 'pending'`);
  if (query.queue === 'reported') where.push(sql`rep.open_count > 0`);
  if (query.status) where.push(sql`r.status = ${query.status}`);
  if (query.reason) {
    where.push(sql`exists (select 1 from public.review_reports x
      where x.review_id = r.id and x.reason = ${query.reason}
        and (${query.queue} <> 'reported' or x.status = 'open'))`);
  }
  if (query.sellerId) where.push(sql`p.seller_id = ${query.sellerId}`);
  if (query.buyerId) where.push(sql`r.buyer_id = ${query.buyerId}`);
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(sql`(r.body ilike ${pattern} or p.title ilike ${pattern}
      or b.display_name ilike ${pattern} or b.username ilike ${pattern}
      or s.display_name ilike ${pattern} or s.username ilike ${pattern})`);
  }
  where.push(...dateFilters(queue.at, query.from, query.to));
  const cursor = decodeQueueCursor(`reviews:${query.queue}`, query.cursor);
  const after = cursor
    ? queue.asc
      ? sql`(x.queued_at, x.id) > (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
      : sql`(x.queued_at, x.id) < (${cursor.t}::timestamptz, ${cursor.id}::uuid)`
    : sql`true`;
  const order = queue.asc ? sql`x.queued_at, x.id` : sql`x.queued_at desc, x.id desc`;
  const rows = await db.execute<ReviewRow>(sql`
    select * from (${reviewSelect(where.length ? sql.join(where, sql` and `) : sql`true`, queue.at)}) x
    where ${after}
    order by ${order}
    limit ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ s: `reviews:${query.queue}`, t: last.queued_at, id: last.id })
        : null,
  };
}

/** GET /api/admin/reviews/:id: the review with its purchase, both people's records and the reports. */
export async function reviewDetail(db: DbOrTx, reviewId: string): Promise<AdminReviewDetail> {
  const [row] = await db.execute<
    ReviewRow & {
      seller_reply: string | null;
      order_id: string | null;
      order_item_id: string | null;
      order_status: string | null;
      item_status: string | null;
      price_amount: number | null;
      currency: string | null;
      paid_at: string | null;
      entitlement_source: string | null;
      entitlement_status: string | null;
      granted_at: string | null;
      version_bought: number | null;
      current_version: number | null;
    }
  >(sql`
    select x.*, r.seller_reply,
           i.order_id, i.id as order_item_id, o.status as order_status, i.status as item_status,
           i.price_amount, i.currency, o.paid_at,
           e.source as entitlement_source, e.status as entitlement_status, e.granted_at,
           (select v.version from public.prompt_versions v
             where v.id = coalesce(r.version_id, i.version_id)) as version_bought,
           (select v.version from public.prompt_versions v
             where v.id = (select current_version_id from public.prompts where id = r.prompt_id)) as current_version
    from (${reviewSelect(sql`r.id = ${reviewId}`, sql`r.created_at`)}) x
    join public.reviews r on r.id = x.id
    -- The order item the review names, else the buyer's latest paid purchase of the prompt.
    left join lateral (
      select oi.* from public.order_items oi join public.orders oo on oo.id = oi.order_id
      where oi.prompt_id = r.prompt_id and oo.buyer_id = r.buyer_id
      order by (oi.id = r.order_item_id) desc, (oi.status = 'paid') desc, oo.created_at desc
      limit 1
    ) i on true
    left join public.orders o on o.id = i.order_id
    left join public.entitlements e on e.user_id = r.buyer_id and e.prompt_id = r.prompt_id`);
  if (!row) throw notFound(`review ${reviewId}`);
  const [histories, reportList, revisions, auditTrail] = await Promise.all([
    userHistories(db, [row.buyer_id, row.seller_id]),
    listReports(db, 'review', reviewId),
    db.execute<{
      rating: number;
      body: string;
      status: string;
      written_at: string;
      created_at: string;
    }>(sql`
      select rating, body, status, written_at, created_at from public.review_revisions
      where review_id = ${reviewId} order by created_at desc limit 50`),
    auditOf(db, 'review', [reviewId]),
  ]);
  return {
    ...toItem(row),
    sellerReply: row.seller_reply,
    purchase: {
      orderId: row.order_id,
      orderItemId: row.order_item_id,
      orderStatus: row.order_status,
      itemStatus: row.item_status,
      price:
        row.price_amount === null
          ? null
          : { amount: Number(row.price_amount), currency: row.currency ?? 'usd' },
      paidAt: iso(row.paid_at),
      entitlement: row.entitlement_source
        ? {
            source: row.entitlement_source,
            status: row.entitlement_status ?? '',
            grantedAt: iso(row.granted_at!),
          }
        : null,
      versionBought: row.version_bought === null ? null : Number(row.version_bought),
      currentVersion: row.current_version === null ? null : Number(row.current_version),
    },
    buyerHistory: histories.get(row.buyer_id)!,
    sellerHistory: histories.get(row.seller_id)!,
    reportList,
    revisions: revisions.map((r) => ({
      rating: Number(r.rating),
      body: r.body,
      status: r.status,
      writtenAt: iso(r.written_at),
      replacedAt: iso(r.created_at),
    })),
    audit: auditTrail,
  };
}

type StatusAction = Exclude<ReviewBulkAction, 'dismiss_reports'>;

/** Which review may go where, by which decision. */
export const REVIEW_TRANSITIONS: Record<
  StatusAction,
  { from: readonly ReviewStatus[]; to: ReviewStatus; past: string; needsReason: boolean }
> = {
  approve: { from: ['pending'], to: 'published', past: 'approved', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', past: 'rejected', needsReason: true },
  hide: { from: ['published'], to: 'hidden', past: 'hidden', needsReason: true },
  restore: { from: ['hidden', 'rejected'], to: 'published', past: 'restored', needsReason: false },
};

const buyerNotice: Record<StatusAction, (title: string) => string> = {
  approve: (t) => `Your review of ${t} is published`,
  reject: (t) => `Your review of ${t} was not published`,
  hide: (t) => `Your review of ${t} was hidden`,
  restore: (t) => `Your review of ${t} is visible again`,
};

/**
 * One decision about one review, in one transaction: the row locked, the
 * transition checked (409 otherwise), the status written (the reviews
 * helper's trigger recomputes the prompt's rating from it), open reports
 * closed when the review goes, the audit row and the notices. Returns the
 * review's status after it.
 */
export async function decideReview(
  db: Database,
  actor: Actor,
  reviewId: string,
  action: ReviewBulkAction,
  reason: string | undefined,
): Promise<ReviewStatus> {
  return db.transaction(async (tx) => {
    const [review] = await tx.select().from(reviews).where(eq(reviews.id, reviewId)).for('update');
    if (!review) throw notFound(`review ${reviewId}`);
    const [prompt] = await tx.execute<{ slug: string; title: string }>(sql`
      select slug, title from public.prompts where id = ${review.promptId}`);
    const data = { reviewId, promptId: review.promptId, slug: prompt?.slug };

    if (action === 'dismiss_reports') {
      const closed = await closeOpenReports(tx, actor, 'review', reviewId, 'dismissed');
      if (closed.length === 0) throw new AppError('CONFLICT', 'this review has no open reports');
      await audit(tx, actor, {
        action: 'review.reports_dismissed',
        entityType: 'review',
        entityId: reviewId,
        before: { status: review.status, openReports: closed.length },
        after: { status: review.status, openReports: 0, dismissedReports: closed.map((r) => r.id) },
        reason,
      });
      await tellReporters(tx, 'review', closed, 'dismissed', data);
      return review.status;
    }

    const transition = REVIEW_TRANSITIONS[action];
    if (!transition.from.includes(review.status)) {
      throw new AppError(
        'CONFLICT',
        `a ${review.status} review cannot be ${transition.past} (only ${transition.from.join(' or ')} ones)`,
      );
    }
    if (transition.needsReason && !reason) {
      throw new AppError('VALIDATION_FAILED', `a reason is required to ${action} a review`, [
        { field: 'reason', message: `a reason is required to ${action}` },
      ]);
    }
    const moderationReason = transition.needsReason ? (reason ?? null) : null;
    await tx
      .update(reviews)
      .set({ status: transition.to, moderationReason })
      .where(eq(reviews.id, reviewId));
    const closed =
      action === 'hide' || action === 'reject'
        ? await closeOpenReports(tx, actor, 'review', reviewId, 'resolved')
        : [];
    await audit(tx, actor, {
      action: `review.${transition.past}`,
      entityType: 'review',
      entityId: reviewId,
      before: { status: review.status, moderationReason: review.moderationReason },
      after: {
        status: transition.to,
        moderationReason,
        ...(closed.length ? { resolvedReports: closed.map((r) => r.id) } : {}),
      },
      reason,
    });
    await notify(tx, {
      userId: review.buyerId,
      type: 'moderation',
      title: buyerNotice[action](quoted(prompt?.title ?? 'a prompt')),
      body: reason,
      data,
    });
    await tellReporters(tx, 'review', closed, 'resolved', data);
    return transition.to;
  });
}
