import { z } from 'zod';
import { ratingSchema, sellerCardSchema, targetModelSchema } from './catalog.js';

// Verified reviews, seller replies and reports (decision 0018). Bodies are
// Markdown; the API also sends them as `bodyHtml`, rendered through a
// sanitizer (no raw HTML, no scripts, no javascript: links): pages put
// `bodyHtml` in the page and never `body`.

export const REVIEW_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;
export const REVIEW_SORTS = ['newest', 'highest', 'lowest'] as const;
export const REVIEW_REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'fake', 'other'] as const;
export const PROMPT_REPORT_REASONS = [
  'spam',
  'offensive',
  'misleading',
  'copyright',
  'illegal',
  'other',
] as const;
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;

export const REVIEW_BODY_MIN = 10;
export const REVIEW_BODY_MAX = 5000;
export const REPLY_BODY_MIN = 2;
export const REPLY_BODY_MAX = 3000;
export const REPORT_DETAILS_MAX = 2000;

/** GET /api/prompts/:id/reviews query. */
export const reviewListQuerySchema = z.object({
  sort: z.enum(REVIEW_SORTS).default('newest'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** POST /api/prompts/:id/reviews: writes the buyer's review, or edits it. */
export const saveReviewSchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  body: z.string().trim().min(REVIEW_BODY_MIN).max(REVIEW_BODY_MAX),
  /** The model the buyer ran the prompt with. */
  modelUsed: targetModelSchema.nullable().optional(),
});

/** POST /api/reviews/:id/reply: the seller's one answer. */
export const replySchema = z.strictObject({
  body: z.string().trim().min(REPLY_BODY_MIN).max(REPLY_BODY_MAX),
});

/** POST /api/reviews/:id/reports. */
export const createReviewReportSchema = z.strictObject({
  reason: z.enum(REVIEW_REPORT_REASONS),
  details: z.string().trim().max(REPORT_DETAILS_MAX).default(''),
});

/** POST /api/prompts/:id/reports. */
export const createPromptReportSchema = z.strictObject({
  reason: z.enum(PROMPT_REPORT_REASONS),
  details: z.string().trim().max(REPORT_DETAILS_MAX).default(''),
});

export const reviewReplySchema = z.object({
  body: z.string(),
  /** The reply rendered through the sanitizer: the only form a page may insert as HTML. */
  bodyHtml: z.string(),
  repliedAt: z.string(),
});

export const reviewSchema = z.object({
  id: z.uuid(),
  promptId: z.uuid(),
  rating: z.number().int().min(1).max(5),
  /** Markdown as written: show it as text (e.g. in a form), never as HTML. */
  body: z.string(),
  /** The body rendered through the sanitizer. */
  bodyHtml: z.string(),
  author: sellerCardSchema,
  /** The version the buyer got (null when unknown). */
  version: z.number().int().positive().nullable(),
  modelUsed: targetModelSchema.nullable(),
  /** Bought through checkout (not a free or granted prompt). */
  verifiedPurchase: z.boolean(),
  status: z.enum(REVIEW_STATUSES),
  createdAt: z.string(),
  /** Last time the buyer changed it; null if never. */
  editedAt: z.string().nullable(),
  reply: reviewReplySchema.nullable(),
  /** What the asker may do with it (all false for an anonymous asker). */
  viewer: z.object({
    isAuthor: z.boolean(),
    /** The asker sells the prompt and has not replied yet. */
    canReply: z.boolean(),
    /** The asker reported it already. */
    reported: z.boolean(),
  }),
});

/** The buyer's own review, whatever its status, with what the moderator said. */
export const ownReviewSchema = reviewSchema.extend({
  moderationReason: z.string().nullable(),
  /** How many earlier texts are kept (one per edit). */
  revisions: z.number().int().nonnegative(),
});

export const reviewSummarySchema = ratingSchema.extend({
  /** Published reviews per star, index 0 = one star. */
  distribution: z.array(z.number().int().nonnegative()).length(5),
});

export const reviewListSchema = z.object({
  items: z.array(reviewSchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  summary: reviewSummarySchema,
});

/** GET /api/prompts/:id/reviews/mine. */
export const myReviewSchema = z.object({
  review: ownReviewSchema.nullable(),
  /** Whether the asker may write (or edit) a review of this prompt. */
  canReview: z.boolean(),
  /** Why not: they do not own it, or they sell it. */
  reason: z.enum(['not_owner', 'seller']).nullable(),
});

export const reportSchema = z.object({
  id: z.uuid(),
  target: z.object({ type: z.enum(['review', 'prompt']), id: z.uuid() }),
  reason: z.string(),
  details: z.string(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
});

export type ReviewSort = (typeof REVIEW_SORTS)[number];
/** What a caller passes to list reviews (the query string, typed). */
export interface ReviewListQuery {
  sort?: ReviewSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}
export type SaveReview = z.input<typeof saveReviewSchema>;
export type Reply = z.infer<typeof replySchema>;
export type CreateReviewReport = z.input<typeof createReviewReportSchema>;
export type CreatePromptReport = z.input<typeof createPromptReportSchema>;
export type Review = z.infer<typeof reviewSchema>;
export type OwnReview = z.infer<typeof ownReviewSchema>;
export type ReviewSummary = z.infer<typeof reviewSummarySchema>;
export type ReviewList = z.infer<typeof reviewListSchema>;
export type MyReview = z.infer<typeof myReviewSchema>;
export type Report = z.infer<typeof reportSchema>;
