import { auditLogs, notifications, reviewReports, reviews } from '../schema/index.js';
import type { AccountPlan } from './accounts.js';
import { type InsertTarget, into, type RowOf } from './bulk.js';
import type { CommercePlan, Purchase } from './commerce.js';
import { at, DAY, HOUR, readAtFor, type SeedContext, type SeedIds } from './context.js';
import { MODEL_INFO } from './phrases-catalog.js';
import { MODERATION_NOTES, REPORT_DETAILS, SELLER_REPLIES } from './phrases-people.js';
import { ROW, rngFor } from './random.js';
import { reviewBody } from './text.js';

export interface ReviewRows {
  /** Sorted by prompt: see insertGroupedByPrompt. */
  reviews: InsertTarget;
  reports: InsertTarget;
  notifications: InsertTarget;
  auditLogs: InsertTarget;
}

/** Reviews with seller replies, a few reports, and the admin decisions about them. */
export function buildReviewRows(
  ctx: SeedContext,
  ids: SeedIds,
  plan: CommercePlan,
  accounts: AccountPlan,
): ReviewRows {
  const now = ctx.now.getTime();
  const reviewRows: RowOf<typeof reviews>[] = [];
  const reportRows: RowOf<typeof reviewReports>[] = [];
  const notificationRows: RowOf<typeof notifications>[] = [];
  const auditRows: RowOf<typeof auditLogs>[] = [];
  const admin = accounts.admin.id;
  const reviewed: { id: string; purchase: Purchase }[] = [];

  const sorted = plan.purchases
    .filter((p) => p.review !== null)
    .sort((a, b) => (a.prompt.id < b.prompt.id ? -1 : a.prompt.id > b.prompt.id ? 1 : 0));
  for (const purchase of sorted) {
    const review = purchase.review!;
    const p = purchase.prompt;
    const rng = rngFor(ctx.seed, 'review-text', p.index, purchase.buyer);
    const id = ids.next(ROW.review);
    const buyer = accounts.buyers[purchase.buyer]!;
    const seller = accounts.sellers[p.seller]!;
    const moderated = review.status === 'hidden' || review.status === 'rejected';
    const reason = moderated ? rng.pick(MODERATION_NOTES) : null;
    const reply = review.replyAt === null ? null : rng.pick(SELLER_REPLIES);
    reviewRows.push({
      id,
      prompt_id: p.id,
      buyer_id: buyer.id,
      version_id: purchase.version.id,
      order_item_id: purchase.free ? null : purchase.itemId,
      // One of the catalog's models (a check constraint), as the review form offers them.
      model_used: p.model,
      rating: review.rating,
      body: reviewBody(rng, review.rating, MODEL_INFO[p.model].label),
      status: review.status,
      moderation_reason: reason,
      seller_reply: reply,
      seller_replied_at: review.replyAt === null ? null : at(review.replyAt),
      created_at: at(review.at),
      updated_at: at(Math.max(review.at, review.replyAt ?? 0)),
    });
    reviewed.push({ id, purchase });

    if (review.status === 'published') {
      notificationRows.push({
        id: ids.next(ROW.notification),
        user_id: seller.id,
        type: 'review',
        title: `New ${review.rating}-star review on ${p.title}`.slice(0, 200),
        body: `${buyer.displayName} left a review.`,
        data: { reviewId: id, promptId: p.id },
        read_at: readAtFor(rng, review.at, now),
        created_at: at(review.at),
      });
    }
    if (review.replyAt !== null) {
      notificationRows.push({
        id: ids.next(ROW.notification),
        user_id: buyer.id,
        type: 'review_reply',
        title: `${seller.displayName} replied to your review`.slice(0, 200),
        body: p.title,
        data: { reviewId: id, promptId: p.id },
        read_at: readAtFor(rng, review.replyAt, now),
        created_at: at(review.replyAt),
      });
    }
    if (moderated) {
      const decidedAt = Math.min(now - HOUR, review.at + rng.int(HOUR, 2 * DAY));
      auditRows.push({
        actor_id: admin,
        action: review.status === 'hidden' ? 'review.hide' : 'review.reject',
        entity_type: 'review',
        entity_id: id,
        before: { status: 'pending' },
        after: { status: review.status },
        reason,
        created_at: at(decidedAt),
      });
    }
  }

  // A few reports by other buyers, mostly on harsh reviews; some already handled.
  const rng = rngFor(ctx.seed, 'reports');
  const reportable = reviewed.filter((r) => r.purchase.review!.status === 'published');
  const harsh = reportable.filter((r) => r.purchase.review!.rating <= 2);
  const wanted = Math.max(2, Math.round(reportable.length * 0.01));
  const candidates = [...rng.sample(harsh, wanted), ...rng.sample(reportable, wanted)];
  const reported = new Set<string>();
  for (const candidate of candidates) {
    if (reported.size >= wanted || accounts.buyers.length < 2) break;
    if (reported.has(candidate.id)) continue;
    reported.add(candidate.id);
    let reporter = rng.int(0, accounts.buyers.length - 1);
    if (reporter === candidate.purchase.buyer) reporter = (reporter + 1) % accounts.buyers.length;
    const createdAt = Math.min(now - HOUR, candidate.purchase.review!.at + rng.int(HOUR, 10 * DAY));
    const status = rng.weighted([
      ['open', 6],
      ['dismissed', 2],
      ['resolved', 1],
    ] as const);
    const resolvedAt = status === 'open' ? null : Math.min(now, createdAt + rng.int(HOUR, 2 * DAY));
    reportRows.push({
      id: ids.next(ROW.report),
      review_id: candidate.id,
      reporter_id: accounts.buyers[reporter]!.id,
      reason: rng.pick(['spam', 'offensive', 'off_topic', 'fake', 'other'] as const),
      details: rng.pick(REPORT_DETAILS),
      status,
      resolved_at: resolvedAt === null ? null : at(resolvedAt),
      created_at: at(createdAt),
    });
    if (resolvedAt !== null) {
      auditRows.push({
        actor_id: admin,
        action: status === 'dismissed' ? 'review_report.dismiss' : 'review_report.resolve',
        entity_type: 'review_report',
        entity_id: reportRows[reportRows.length - 1]!.id!,
        before: { status: 'open' },
        after: { status },
        reason:
          status === 'dismissed'
            ? 'The review follows the guidelines.'
            : 'Review edited by its author.',
        created_at: at(resolvedAt),
      });
    }
  }

  return {
    reviews: into(reviews, reviewRows),
    reports: into(reviewReports, reportRows),
    notifications: into(notifications, notificationRows),
    auditLogs: into(auditLogs, auditRows),
  };
}
