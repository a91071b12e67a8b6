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
import { profiles } from './profiles.js';
import { prompts, promptVersions } from './prompts.js';
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
 * per prompt. Status and the seller's reply are set by system code.
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
    versionId: uuid().references(() => promptVersions.id),
    modelUsed: text(),
    rating: smallint().notNull(),
    body: text().notNull().default(''),
    status: text({ enum: REVIEW_STATUSES }).notNull().default('pending'),
    moderationReason: text(),
    sellerReply: text(),
    sellerRepliedAt: timestamp({ withTimezone: true }),
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
    index('reviews_prompt_published_idx')
      .on(t.promptId, t.createdAt)
      .where(sql`${t.status} = 'published'`),
    index('reviews_buyer_id_idx').on(t.buyerId),
    index('reviews_status_idx').on(t.status, t.createdAt),
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
      withCheck: sql`${t.buyerId} = ${currentUser} and ${t.status} = 'pending' and ${t.moderationReason} is null and ${t.sellerReply} is null and ${t.sellerRepliedAt} is null and ${t.editedAt} is null and (${t.versionId} is null or exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.prompt_id = ${t.promptId})) and (select public.is_entitled(${t.promptId})) and not (select public.is_prompt_seller(${t.promptId}))`,
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

export const REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'fake', 'other'] as const;
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;

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
      withCheck: sql`${t.reporterId} = ${currentUser} and ${t.status} = 'open' and ${t.resolvedAt} is null and exists (select 1 from public.reviews r where r.id = ${t.reviewId})`,
    }),
  ],
).enableRLS();

export type Review = typeof reviews.$inferSelect;
export type ReviewReport = typeof reviewReports.$inferSelect;
