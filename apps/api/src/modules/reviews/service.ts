import {
  auditLogs,
  type Database,
  type JwtClaims,
  notifications,
  promptReports,
  reviewReports,
  reviews,
  sqlStateOfError,
  type Transaction,
  withUser,
} from '@promptnx/db';
import type {
  createPromptReportSchema,
  createReviewReportSchema,
  MyReview,
  OwnReview,
  Report,
  Review,
  ReviewList,
  ReviewSort,
  saveReviewSchema,
} from '@promptnx/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { consumeUsage, type UsageLimit } from '../../lib/usage-limits.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { decodeCursor, encodeCursor } from '../catalog/cursor.js';
import type { Storage } from '../storage/local-storage.js';
import {
  findEntitlement,
  findReview,
  findReviewOf,
  findVisiblePrompt,
  listPublishedReviews,
  type ReviewCursor,
  type ReviewRow,
  reviewSummary,
} from './queries.js';

type SaveReview = z.output<typeof saveReviewSchema>;
type ReviewReportInput = z.output<typeof createReviewReportSchema>;
type PromptReportInput = z.output<typeof createPromptReportSchema>;

/** Per-user allowances (usage_counters); a request over one is a 429. */
export interface ReviewLimits {
  /** Writing, editing and deleting reviews. */
  write: UsageLimit;
  reply: UsageLimit;
  /** Reports of reviews and prompts together. */
  report: UsageLimit;
}

export const DEFAULT_REVIEW_LIMITS: ReviewLimits = {
  write: { bucket: 'reviews.write', max: 10, windowSeconds: 3600 },
  reply: { bucket: 'reviews.reply', max: 30, windowSeconds: 3600 },
  report: { bucket: 'reports.write', max: 20, windowSeconds: 3600 },
};

/** Signed file URLs last a day and stay stable within it (as the catalog's). */
const FILE_URL_TTL = 24 * 3600;
const iso = (t: string | Date | null) => (t ? new Date(t).toISOString() : null);
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;

const badCursor = () =>
  new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
    { field: 'query.cursor', message: 'is not a cursor of this list and sort' },
  ]);

/** A cursor this list gave out for this sort, or a 400. */
function reviewCursor(text: string | undefined, sort: ReviewSort): ReviewCursor | undefined {
  const cursor = decodeCursor(text);
  if (!cursor) return undefined;
  if (!('k' in cursor) || cursor.s !== sort) throw badCursor();
  const [first, second] = cursor.k;
  const at = sort === 'newest' ? first : second;
  const rating = sort === 'newest' ? 1 : first;
  const keys = sort === 'newest' ? 1 : 2;
  if (
    cursor.k.length !== keys ||
    typeof at !== 'string' ||
    !TIMESTAMP.test(at) ||
    !Number.isInteger(rating) ||
    (rating as number) < 1 ||
    (rating as number) > 5
  ) {
    throw badCursor();
  }
  return { s: sort, k: cursor.k, id: cursor.id };
}

function toReport(
  type: 'review' | 'prompt',
  targetId: string,
  row: { id: string; reason: string; details: string; status: Report['status']; createdAt: Date },
): Report {
  return {
    id: row.id,
    target: { type, id: targetId },
    reason: row.reason,
    details: row.details,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Verified reviews, seller replies and reports (decision 0018). Reads and the
 * buyer's own writes run as the user (RLS and column grants are the second
 * wall); the reply, the deletion and their side effects (notification, audit
 * entry) run as system code after the checks, in one transaction each.
 * Publishing is the moderator's: setting status to 'published' makes the
 * database recount the prompt's rating and notify the seller (triggers).
 */
export function createReviewService(
  db: Database,
  storage: Storage,
  limits: ReviewLimits = DEFAULT_REVIEW_LIMITS,
) {
  const fileUrl = (path: string | null) => (path ? storage.signedUrl(path, FILE_URL_TTL) : null);

  function toReview(row: ReviewRow, viewerId: string | null): Review {
    return {
      id: row.id,
      promptId: row.prompt_id,
      rating: Number(row.rating),
      body: row.body,
      bodyHtml: renderMarkdown(row.body),
      author: {
        id: row.buyer_id,
        username: row.author_username,
        displayName: row.author_display_name,
        avatarUrl: fileUrl(row.author_avatar_path),
      },
      version: row.version === null ? null : Number(row.version),
      modelUsed: row.model_used as Review['modelUsed'],
      verifiedPurchase: row.verified,
      status: row.status,
      createdAt: iso(row.created_at)!,
      editedAt: iso(row.edited_at),
      reply:
        row.seller_reply !== null && row.seller_replied_at !== null
          ? {
              body: row.seller_reply,
              bodyHtml: renderMarkdown(row.seller_reply),
              repliedAt: iso(row.seller_replied_at)!,
            }
          : null,
      viewer: {
        isAuthor: viewerId !== null && viewerId === row.buyer_id,
        canReply:
          viewerId !== null &&
          viewerId === row.seller_id &&
          row.status === 'published' &&
          row.seller_reply === null,
        reported: row.reported,
      },
    };
  }

  const toOwnReview = (row: ReviewRow, viewerId: string): OwnReview => ({
    ...toReview(row, viewerId),
    moderationReason: row.moderation_reason,
    revisions: Number(row.revisions),
  });

  /** Why the account may not review this prompt, or null when it may. */
  async function refusal(
    tx: Transaction,
    account: Account,
    prompt: { id: string; seller_id: string },
  ) {
    if (prompt.seller_id === account.id) return 'seller' as const;
    const entitlement = await findEntitlement(tx, prompt.id, account.id);
    return entitlement ? null : ('not_owner' as const);
  }

  return {
    /** Published reviews of a prompt the asker can see, one page, with the rating summary. */
    async list(
      claims: JwtClaims,
      promptId: string,
      query: { sort: ReviewSort; cursor?: string | undefined; limit: number },
    ): Promise<ReviewList> {
      const after = reviewCursor(query.cursor, query.sort);
      const viewerId = claims.sub ?? null;
      return withUser(db, claims, async (tx) => {
        const prompt = await findVisiblePrompt(tx, promptId);
        if (!prompt) throw notFound(`prompt ${promptId}`);
        const { rows, next } = await listPublishedReviews(
          tx,
          promptId,
          query.sort,
          after,
          query.limit,
          viewerId,
        );
        return {
          items: rows.map((row) => toReview(row, viewerId)),
          nextCursor: next ? encodeCursor(next) : null,
          summary: await reviewSummary(tx, promptId),
        };
      });
    },

    /** The asker's own review of a prompt in any status, and whether they may write one. */
    async mine(account: Account, promptId: string): Promise<MyReview> {
      return withUser(db, accountClaims(account), async (tx) => {
        const prompt = await findVisiblePrompt(tx, promptId);
        if (!prompt) throw notFound(`prompt ${promptId}`);
        const reason = await refusal(tx, account, prompt);
        const row = await findReviewOf(tx, promptId, account.id);
        return {
          review: row ? toOwnReview(row, account.id) : null,
          canReview: reason === null,
          reason,
        };
      });
    },

    /**
     * Writes the buyer's review of a prompt, or edits the one they wrote: one
     * statement (insert … on conflict update), so two at once make one review.
     * A new review waits for the moderator; an edit goes back to pending and
     * keeps the old text (database triggers).
     */
    async save(
      account: Account,
      promptId: string,
      input: SaveReview,
    ): Promise<{ review: OwnReview; created: boolean }> {
      await consumeUsage(db, account.id, limits.write);
      return withUser(db, accountClaims(account), async (tx) => {
        const prompt = await findVisiblePrompt(tx, promptId);
        if (!prompt) throw notFound(`prompt ${promptId}`);
        if (prompt.seller_id === account.id) {
          throw new AppError('OWN_PROMPT', 'sellers cannot review their own prompts');
        }
        const entitlement = await findEntitlement(tx, promptId, account.id);
        if (!entitlement) {
          throw new AppError('NOT_ENTITLED', 'only buyers who own this prompt can review it');
        }
        const modelUsed = input.modelUsed ?? null;
        let inserted: boolean;
        try {
          const [row] = await tx.execute<{ inserted: boolean }>(sql`
            insert into public.reviews
              (prompt_id, buyer_id, version_id, order_item_id, rating, body, model_used)
            values (${promptId}, ${account.id},
                    ${entitlement.version_id ?? prompt.current_version_id},
                    ${entitlement.order_item_id}, ${input.rating}, ${input.body}, ${modelUsed})
            on conflict (prompt_id, buyer_id) do update
              set rating = excluded.rating, body = excluded.body, model_used = excluded.model_used
            returning (xmax = 0) as inserted`);
          inserted = row?.inserted ?? false;
        } catch (error) {
          // The RLS check refused it after ours passed: the entitlement went in between.
          if (sqlStateOfError(error) === '42501') {
            throw new AppError('NOT_ENTITLED', 'only buyers who own this prompt can review it');
          }
          throw error;
        }
        const row = await findReviewOf(tx, promptId, account.id);
        if (!row) throw new Error('the review just written is not readable by its author');
        return { review: toOwnReview(row, account.id), created: inserted };
      });
    },

    /** Deletes the asker's own review (and its history); the rating follows at once. */
    async remove(account: Account, reviewId: string): Promise<void> {
      await consumeUsage(db, account.id, limits.write);
      await db.transaction(async (tx) => {
        const [deleted] = await tx
          .delete(reviews)
          .where(and(eq(reviews.id, reviewId), eq(reviews.buyerId, account.id)))
          .returning();
        if (!deleted) throw notFound(`review ${reviewId}`);
        await tx.insert(auditLogs).values({
          actorId: account.id,
          action: 'review.deleted',
          entityType: 'review',
          entityId: reviewId,
          before: {
            promptId: deleted.promptId,
            rating: deleted.rating,
            body: deleted.body,
            status: deleted.status,
          },
          after: null,
        });
      });
    },

    /**
     * The seller's one reply to a published review of their prompt; the buyer
     * is notified. System code after the checks: request roles cannot write
     * replies (column grants), so a buyer cannot write one under their review.
     */
    async reply(account: Account, reviewId: string, body: string): Promise<Review> {
      await consumeUsage(db, account.id, limits.reply);
      // As the seller first: a review they cannot see does not exist for them.
      const visible = await withUser(db, accountClaims(account), (tx) =>
        findReview(tx, reviewId, account.id),
      );
      if (visible?.status !== 'published') throw notFound(`review ${reviewId}`);
      if (visible.seller_id !== account.id) {
        throw new AppError('FORBIDDEN', 'only the seller of the prompt can reply to its reviews');
      }
      await db.transaction(async (tx) => {
        // One conditional update: of two replies at once, one wins and one is a 409.
        const [updated] = await tx.execute<{ prompt_id: string; buyer_id: string }>(sql`
          update public.reviews r set seller_reply = ${body}, seller_replied_at = now()
          from public.prompts p
          where r.id = ${reviewId} and p.id = r.prompt_id and p.seller_id = ${account.id}
            and r.status = 'published' and r.seller_reply is null
          returning r.prompt_id, r.buyer_id`);
        if (!updated) {
          throw new AppError('ALREADY_REPLIED', 'you replied to this review already');
        }
        const [prompt] = await tx.execute<{ slug: string; title: string }>(sql`
          select slug, title from public.prompts where id = ${updated.prompt_id}`);
        await tx.insert(notifications).values({
          userId: updated.buyer_id,
          type: 'review_reply',
          title: `The seller replied to your review of “${prompt?.title ?? 'a prompt'}”`.slice(
            0,
            200,
          ),
          body: body.slice(0, 280),
          data: { promptId: updated.prompt_id, slug: prompt?.slug ?? null, reviewId },
        });
      });
      const row = await withUser(db, accountClaims(account), (tx) =>
        findReview(tx, reviewId, account.id),
      );
      return toReview(row!, account.id);
    },

    /** Reports a review the asker can see; a second report by them returns the first. */
    async reportReview(
      account: Account,
      reviewId: string,
      input: ReviewReportInput,
    ): Promise<{ report: Report; created: boolean }> {
      await consumeUsage(db, account.id, limits.report);
      return withUser(db, accountClaims(account), async (tx) => {
        const review = await findReview(tx, reviewId, account.id);
        if (!review) throw notFound(`review ${reviewId}`);
        if (review.buyer_id === account.id) {
          throw new AppError('FORBIDDEN', 'you cannot report your own review');
        }
        // Waits on the unique key for a concurrent report by the same user, then finds it.
        const [created] = await tx
          .insert(reviewReports)
          .values({
            reviewId,
            reporterId: account.id,
            reason: input.reason,
            details: input.details,
          })
          .onConflictDoNothing({ target: [reviewReports.reviewId, reviewReports.reporterId] })
          .returning();
        if (created) return { report: toReport('review', reviewId, created), created: true };
        const [existing] = await tx
          .select()
          .from(reviewReports)
          .where(
            and(eq(reviewReports.reviewId, reviewId), eq(reviewReports.reporterId, account.id)),
          );
        if (!existing) throw new Error('a conflicting report is not readable by its reporter');
        return { report: toReport('review', reviewId, existing), created: false };
      });
    },

    /** Reports a prompt the asker can see and does not sell; once per user. */
    async reportPrompt(
      account: Account,
      promptId: string,
      input: PromptReportInput,
    ): Promise<{ report: Report; created: boolean }> {
      await consumeUsage(db, account.id, limits.report);
      return withUser(db, accountClaims(account), async (tx) => {
        const prompt = await findVisiblePrompt(tx, promptId);
        if (!prompt) throw notFound(`prompt ${promptId}`);
        if (prompt.seller_id === account.id) {
          throw new AppError('OWN_PROMPT', 'you cannot report your own prompt');
        }
        const [created] = await tx
          .insert(promptReports)
          .values({
            promptId,
            reporterId: account.id,
            reason: input.reason,
            details: input.details,
          })
          .onConflictDoNothing({ target: [promptReports.promptId, promptReports.reporterId] })
          .returning();
        if (created) return { report: toReport('prompt', promptId, created), created: true };
        const [existing] = await tx
          .select()
          .from(promptReports)
          .where(
            and(eq(promptReports.promptId, promptId), eq(promptReports.reporterId, account.id)),
          );
        if (!existing) throw new Error('a conflicting report is not readable by its reporter');
        return { report: toReport('prompt', promptId, existing), created: false };
      });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
