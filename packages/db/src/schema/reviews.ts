import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgPolicy,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { orderItems } from './orders.js';
import { profiles } from './profiles.js';
import { prompts, promptVersions, TARGET_MODELS } from './prompts.js';
import {
  anonRole,
  authenticatedRole,
  createdAt,
  currentUser,
  isAdmin,
  oneOf,
  updatedAt,
} from './shared.js';

export const REVIEW_STATUSES = ['pending', 'published', 'rejected', 'hidden'] as const;

/**
 * Verified reviews: only a buyer holding an entitlement may write one, once
 * per prompt (a second write edits it). Status, moderation reason and the
 * seller's reply are set by system code. Triggers (migration
 * 20261122*_reviews_rules): an edit of rating, body or model by the buyer
 * keeps the old text in review_revisions and sends the review back to
 * `pending`; the prompt's rating follows published reviews in the same
 * transaction; the seller is notified when a new or edited text is published.
 */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid().primaryKey().defaultRandom(),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    buyerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    /** The version the buyer got: the order item's, or the current one for a free or granted prompt. */
    versionId: uuid().references(() => promptVersions.id),
    /** The purchase the review comes from; null for a free or granted prompt. */
    orderItemId: uuid().references(() => orderItems.id, { onDelete: 'set null' }),
    /** The model the buyer ran it with (one of TARGET_MODELS). */
    modelUsed: text(),
    rating: smallint().notNull(),
    /** Markdown as the buyer wrote it; rendered through the sanitizer when read. */
    body: text().notNull().default(''),
    status: text({ enum: REVIEW_STATUSES }).notNull().default('pending'),
    moderationReason: text(),
    /** Markdown, once per review, by the prompt's seller. */
    sellerReply: text(),
    sellerRepliedAt: timestamp({ withTimezone: true }),
    /** Last time the buyer changed rating, body or model (a trigger sets it). */
    editedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('reviews_prompt_buyer_key').on(t.promptId, t.buyerId),
    check('reviews_rating_range', sql`${t.rating} between 1 and 5`),
    check('reviews_body_length', sql`char_length(${t.body}) <= 5000`),
    check('reviews_reply_length', sql`char_length(${t.sellerReply}) <= 5000`),
    check('reviews_status_valid', oneOf(t.status, REVIEW_STATUSES)),
    check('reviews_model_used_valid', oneOf(t.modelUsed, TARGET_MODELS)),
    check(
      'reviews_reply_has_time',
      sql`(${t.sellerReply} is null) = (${t.sellerRepliedAt} is null)`,
    ),
    index('reviews_prompt_published_idx')
      .on(t.promptId, t.createdAt)
      .where(sql`${t.status} = 'published'`),
    // The list sorted by rating (highest, lowest), newest first within a star.
    index('reviews_prompt_published_rating_idx')
      .on(t.promptId, t.rating, t.createdAt)
      .where(sql`${t.status} = 'published'`),
    index('reviews_buyer_id_idx').on(t.buyerId),
    index('reviews_status_idx').on(t.status, t.createdAt),
    index('reviews_order_item_id_idx').on(t.orderItemId),
    pgPolicy('anyone reads published reviews', {
      for: 'select',
      to: anonRole,
      using: sql`${t.status} = 'published'`,
    }),
    pgPolicy('users read published reviews, their own, and all as admin', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.status} = 'published' or ${t.buyerId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('entitled buyers review prompts they do not sell', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.buyerId} = ${currentUser} and ${t.status} = 'pending' and ${t.moderationReason} is null and ${t.sellerReply} is null and ${t.sellerRepliedAt} is null and ${t.editedAt} is null and (${t.versionId} is null or exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.prompt_id = ${t.promptId})) and (${t.orderItemId} is null or exists (select 1 from public.order_items i join public.orders o on o.id = i.order_id where i.id = ${t.orderItemId} and i.prompt_id = ${t.promptId} and o.buyer_id = ${currentUser})) and (select public.is_entitled(${t.promptId})) and not (select public.is_prompt_seller(${t.promptId}))`,
    }),
    pgPolicy('buyers edit their own reviews', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.buyerId} = ${currentUser}`,
      withCheck: sql`${t.buyerId} = ${currentUser}`,
    }),
    pgPolicy('buyers delete their own reviews', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.buyerId} = ${currentUser}`,
    }),
  ],
).enableRLS();

/**
 * What a review said before each edit, written by a trigger when the buyer
 * changes rating, body or model. Read by the buyer and admins; nobody writes
 * here directly.
 */
export const reviewRevisions = pgTable(
  'review_revisions',
  {
    id: uuid().primaryKey().defaultRandom(),
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    rating: smallint().notNull(),
    body: text().notNull(),
    modelUsed: text(),
    /** The review's status while it read like this. */
    status: text({ enum: REVIEW_STATUSES }).notNull(),
    /** When this text was written: the review's creation or its previous edit. */
    writtenAt: timestamp({ withTimezone: true }).notNull(),
    /** When the buyer replaced it. */
    createdAt: createdAt(),
  },
  (t) => [
    check('review_revisions_status_valid', oneOf(t.status, REVIEW_STATUSES)),
    index('review_revisions_review_id_idx').on(t.reviewId, t.createdAt),
    pgPolicy('buyers and admins read the history of reviews', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${isAdmin} or exists (select 1 from public.reviews r where r.id = ${t.reviewId} and r.buyer_id = ${currentUser})`,
    }),
  ],
).enableRLS();

export const REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'fake', 'other'] as const;
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;

/**
 * A user's report of a review. Repeated reports by one user count once (the
 * unique key); moderators close them (status, resolved_at, resolved_by).
 */
export const reviewReports = pgTable(
  'review_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    reviewId: uuid()
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    reporterId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    reason: text({ enum: REPORT_REASONS }).notNull(),
    details: text().notNull().default(''),
    status: text({ enum: REPORT_STATUSES }).notNull().default('open'),
    resolvedAt: timestamp({ withTimezone: true }),
    /** The moderator who closed it. */
    resolvedBy: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Repeated reports by one user count once.
    unique('review_reports_review_reporter_key').on(t.reviewId, t.reporterId),
    check('review_reports_reason_valid', oneOf(t.reason, REPORT_REASONS)),
    check('review_reports_status_valid', oneOf(t.status, REPORT_STATUSES)),
    check('review_reports_details_length', sql`char_length(${t.details}) <= 2000`),
    index('review_reports_reporter_id_idx').on(t.reporterId),
    index('review_reports_open_idx').on(t.reviewId).where(sql`${t.status} = 'open'`),
    pgPolicy('reporters and admins read reports', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.reporterId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users report reviews they can see', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.reporterId} = ${currentUser} and ${t.status} = 'open' and ${t.resolvedAt} is null and ${t.resolvedBy} is null and exists (select 1 from public.reviews r where r.id = ${t.reviewId} and r.buyer_id <> ${currentUser})`,
    }),
  ],
).enableRLS();

export const PROMPT_REPORT_REASONS = [
  'spam',
  'offensive',
  'misleading',
  'copyright',
  'illegal',
  'other',
] as const;

/** A user's report of a prompt; like review_reports, once per user per prompt. */
export const promptReports = pgTable(
  'prompt_reports',
  {
    id: uuid().primaryKey().defaultRandom(),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    reporterId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    reason: text({ enum: PROMPT_REPORT_REASONS }).notNull(),
    details: text().notNull().default(''),
    status: text({ enum: REPORT_STATUSES }).notNull().default('open'),
    resolvedAt: timestamp({ withTimezone: true }),
    /** The moderator who closed it. */
    resolvedBy: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('prompt_reports_prompt_reporter_key').on(t.promptId, t.reporterId),
    check('prompt_reports_reason_valid', oneOf(t.reason, PROMPT_REPORT_REASONS)),
    check('prompt_reports_status_valid', oneOf(t.status, REPORT_STATUSES)),
    check('prompt_reports_details_length', sql`char_length(${t.details}) <= 2000`),
    index('prompt_reports_reporter_id_idx').on(t.reporterId),
    index('prompt_reports_open_idx').on(t.promptId).where(sql`${t.status} = 'open'`),
    pgPolicy('reporters and admins read prompt reports', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.reporterId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users report prompts they can see and do not sell', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.reporterId} = ${currentUser} and ${t.status} = 'open' and ${t.resolvedAt} is null and ${t.resolvedBy} is null and exists (select 1 from public.prompts p where p.id = ${t.promptId} and p.seller_id <> ${currentUser})`,
    }),
  ],
).enableRLS();

export type Review = typeof reviews.$inferSelect;
export type ReviewRevision = typeof reviewRevisions.$inferSelect;
export type ReviewReport = typeof reviewReports.$inferSelect;
export type PromptReport = typeof promptReports.$inferSelect;
