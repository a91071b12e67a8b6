import { desc, sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgPolicy,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { categories } from './categories.js';
import { profiles } from './profiles.js';
import {
  anonRole,
  authenticatedRole,
  createdAt,
  currency,
  currencyCheck,
  currentUser,
  isAdmin,
  oneOf,
  tsvector,
  updatedAt,
} from './shared.js';

export const TARGET_MODELS = [
  'chatgpt',
  'claude',
  'gemini',
  'llama',
  'midjourney',
  'dall-e',
  'stable-diffusion',
  'flux',
  'other',
] as const;
export const PROMPT_STATUSES = [
  'draft',
  'pending_review',
  'published',
  'rejected',
  'archived',
  'hidden',
] as const;
/** Why a prompt is hidden: a moderator took it down, or its seller is suspended. */
export const PROMPT_HIDDEN_CAUSES = ['moderation', 'seller_suspended'] as const;

export const prompts = pgTable(
  'prompts',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text().notNull().default(''),
    targetModel: text({ enum: TARGET_MODELS }).notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    priceAmount: integer().notNull().default(0),
    currency: currency(),
    status: text({ enum: PROMPT_STATUSES }).notNull().default('draft'),
    rejectionReason: text(),
    /**
     * Set while status is 'hidden' (out of the catalog and search, buyers keep
     * access): by a moderator, or by a trigger while the seller is suspended.
     * Only moderation code moves a prompt out of 'hidden' (decision 0019).
     */
    hiddenCause: text({ enum: PROMPT_HIDDEN_CAUSES }),
    hiddenAt: timestamp({ withTimezone: true }),
    /** The version buyers get; set when a version is published. */
    currentVersionId: uuid(),
    publishedAt: timestamp({ withTimezone: true }),
    // Denormalised counters, kept in step by triggers.
    ratingAvg: numeric({ precision: 3, scale: 2, mode: 'number' }).notNull().default(0),
    ratingCount: integer().notNull().default(0),
    salesCount: integer().notNull().default(0),
    viewCount: integer().notNull().default(0),
    /** Recent sales and ratings over age; refreshed by the worker (refresh_trending_scores). */
    trendingScore: real().notNull().default(0),
    /** Title, tags and description, maintained by a trigger; never the template. */
    searchVector: tsvector(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('prompts_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check('prompts_title_length', sql`char_length(${t.title}) between 3 and 120`),
    check('prompts_description_length', sql`char_length(${t.description}) <= 5000`),
    check('prompts_tags_count', sql`cardinality(${t.tags}) <= 10`),
    check(
      'prompts_price_non_negative',
      sql`${t.priceAmount} >= 0 and ${t.priceAmount} <= 100000000`,
    ),
    check('prompts_currency_format', currencyCheck(t.currency)),
    check('prompts_target_model_valid', oneOf(t.targetModel, TARGET_MODELS)),
    check('prompts_status_valid', oneOf(t.status, PROMPT_STATUSES)),
    check(
      'prompts_hidden_cause_valid',
      sql`(${t.status} = 'hidden') = (${t.hiddenCause} is not null and ${t.hiddenCause} in ('moderation', 'seller_suspended'))`,
    ),
    check('prompts_rating_range', sql`${t.ratingAvg} between 0 and 5`),
    check(
      'prompts_counters_non_negative',
      sql`${t.ratingCount} >= 0 and ${t.salesCount} >= 0 and ${t.viewCount} >= 0`,
    ),
    check(
      'prompts_published_has_version',
      sql`${t.status} <> 'published' or (${t.currentVersionId} is not null and ${t.publishedAt} is not null)`,
    ),
    index('prompts_seller_id_idx').on(t.sellerId),
    index('prompts_category_id_idx').on(t.categoryId),
    // What the catalog asks, over published prompts only.
    index('prompts_published_newest_idx')
      .on(desc(t.publishedAt), t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_category_idx')
      .on(t.categoryId, desc(t.publishedAt), t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_model_idx')
      .on(t.targetModel, desc(t.publishedAt), t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_price_idx')
      .on(t.priceAmount, t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_rating_idx')
      .on(desc(t.ratingAvg), desc(t.ratingCount), t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_sales_idx')
      .on(desc(t.salesCount), t.id)
      .where(sql`${t.status} = 'published'`),
    index('prompts_published_trending_idx')
      .on(desc(t.trendingScore), t.id)
      .where(sql`${t.status} = 'published'`),
    // Search (phase 1, decision 0010) matches published prompts only. The
    // filters sit in the same GIN index (btree_gin), so a search for words
    // that a filter rules out reads no rows at all.
    index('prompts_published_search_idx')
      .using('gin', t.searchVector, t.categoryId, t.targetModel, t.sellerId, t.priceAmount)
      .where(sql`${t.status} = 'published'`),
    // Titles alone (the search vector's weight A): relevance shows title matches
    // first, and their lists are a fraction of the whole vector's.
    index('prompts_published_title_search_idx')
      .using(
        'gin',
        sql`to_tsvector('english', ${t.title})`,
        t.categoryId,
        t.targetModel,
        t.sellerId,
        t.priceAmount,
      )
      .where(sql`${t.status} = 'published'`),
    index('prompts_status_idx').on(t.status),
    pgPolicy('anyone reads published prompts', {
      for: 'select',
      to: anonRole,
      using: sql`${t.status} = 'published'`,
    }),
    pgPolicy('users read published prompts, their own, or all as admin', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.status} = 'published' or ${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
    // A purchase outlives the listing: buyers keep seeing what they bought after
    // it is archived. Permissive policies are OR-ed in no promised order, so
    // the status test keeps catalog reads from calling is_entitled per row.
    pgPolicy('users read the prompts they bought', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.status} <> 'published' and (select public.is_entitled(${t.id}))`,
    }),
    pgPolicy('sellers create their own draft prompts', {
      for: 'insert',
      to: authenticatedRole,
      // System-owned columns must be at their defaults: a request cannot publish,
      // rate or count its own prompt.
      withCheck: sql`${t.sellerId} = ${currentUser} and ${t.status} = 'draft' and (select public.is_seller()) and ${t.ratingAvg} = 0 and ${t.ratingCount} = 0 and ${t.salesCount} = 0 and ${t.viewCount} = 0 and ${t.trendingScore} = 0 and ${t.currentVersionId} is null and ${t.publishedAt} is null and ${t.rejectionReason} is null`,
    }),
    pgPolicy('sellers edit their own prompts', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser}`,
      withCheck: sql`${t.sellerId} = ${currentUser}`,
    }),
    pgPolicy('sellers delete their own drafts', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} and ${t.status} = 'draft'`,
    }),
  ],
).enableRLS();

/** draft (the seller edits it) → pending_review (locked, with the moderator) → published (immutable). */
export const VERSION_STATUSES = ['draft', 'pending_review', 'published'] as const;
export const VARIABLE_TYPES = ['text', 'long_text', 'number', 'choice'] as const;

export interface PromptVariable {
  name: string;
  type: (typeof VARIABLE_TYPES)[number];
  description: string;
  example: string;
  options?: string[];
}

/**
 * A version's public side: number, typed variables, tested models, changelog.
 * Immutable once published (a trigger refuses updates and deletes).
 */
export const promptVersions = pgTable(
  'prompt_versions',
  {
    id: uuid().primaryKey().defaultRandom(),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    version: integer().notNull(),
    variables: jsonb().$type<PromptVariable[]>().notNull().default([]),
    testedModels: text().array().notNull().default(sql`'{}'::text[]`),
    changelog: text().notNull().default(''),
    status: text({ enum: VERSION_STATUSES }).notNull().default('draft'),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('prompt_versions_prompt_version_key').on(t.promptId, t.version),
    check('prompt_versions_version_positive', sql`${t.version} >= 1`),
    check('prompt_versions_status_valid', oneOf(t.status, VERSION_STATUSES)),
    check('prompt_versions_changelog_length', sql`char_length(${t.changelog}) <= 5000`),
    check(
      'prompt_versions_published_at',
      sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`,
    ),
    pgPolicy('anyone reads published versions of published prompts', {
      for: 'select',
      to: [anonRole, authenticatedRole],
      using: sql`${t.status} = 'published' and exists (select 1 from public.prompts p where p.id = ${t.promptId} and p.status = 'published')`,
    }),
    pgPolicy('entitled buyers read published versions of prompts they bought', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.status} = 'published' and (select public.is_entitled(${t.promptId}))`,
    }),
    pgPolicy('sellers and admins read every version of their prompts', {
      for: 'select',
      to: authenticatedRole,
      using: sql`(select public.is_prompt_seller(${t.promptId})) or ${isAdmin}`,
    }),
    pgPolicy('sellers add draft versions to their prompts', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.status} = 'draft' and (select public.is_prompt_seller(${t.promptId}))`,
    }),
    pgPolicy('sellers edit their draft versions', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.status} = 'draft' and (select public.is_prompt_seller(${t.promptId}))`,
      withCheck: sql`${t.status} = 'draft' and (select public.is_prompt_seller(${t.promptId}))`,
    }),
    pgPolicy('sellers delete their draft versions', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.status} = 'draft' and (select public.is_prompt_seller(${t.promptId}))`,
    }),
  ],
).enableRLS();

const draftVersion = (t: { versionId: unknown }) =>
  sql`exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.status = 'draft')`;

/**
 * The product itself: a version's template text and usage instructions, in a
 * table of its own so RLS can refuse it to anyone but the seller, admins and
 * buyers holding an entitlement.
 */
export const promptTemplates = pgTable(
  'prompt_templates',
  {
    versionId: uuid()
      .primaryKey()
      .references(() => promptVersions.id, { onDelete: 'cascade' }),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    template: text().notNull(),
    instructions: text().notNull().default(''),
    modelParams: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('prompt_templates_template_length', sql`char_length(${t.template}) between 1 and 20000`),
    check('prompt_templates_instructions_length', sql`char_length(${t.instructions}) <= 10000`),
    index('prompt_templates_prompt_id_idx').on(t.promptId),
    index('prompt_templates_template_trgm_idx').using('gin', sql`${t.template} gin_trgm_ops`),
    pgPolicy('sellers, admins and entitled buyers read templates', {
      for: 'select',
      to: authenticatedRole,
      // Buyers get published versions only: a draft is the seller's work in progress.
      using: sql`(select public.is_prompt_seller(${t.promptId})) or ${isAdmin} or ((select public.is_entitled(${t.promptId})) and exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.status = 'published'))`,
    }),
    pgPolicy('sellers write templates of their draft versions', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`(select public.is_prompt_seller(${t.promptId})) and exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.prompt_id = ${t.promptId} and v.status = 'draft')`,
    }),
    // Only while the version is a draft: in review or published, the text is fixed.
    pgPolicy('sellers edit templates of their draft versions', {
      for: 'update',
      to: authenticatedRole,
      using: sql`(select public.is_prompt_seller(${t.promptId})) and ${draftVersion(t)}`,
      withCheck: sql`(select public.is_prompt_seller(${t.promptId})) and ${draftVersion(t)}`,
    }),
    pgPolicy('sellers delete templates of their draft versions', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`(select public.is_prompt_seller(${t.promptId})) and ${draftVersion(t)}`,
    }),
  ],
).enableRLS();

function assetInOwnFolder(t: {
  storagePath: unknown;
  thumbnailPath: unknown;
  versionId: unknown;
  promptId: unknown;
}) {
  return sql`starts_with(${t.storagePath}, (select auth.uid())::text || '/') and (${t.thumbnailPath} is null or starts_with(${t.thumbnailPath}, (select auth.uid())::text || '/')) and (${t.versionId} is null or exists (select 1 from public.prompt_versions v where v.id = ${t.versionId} and v.prompt_id = ${t.promptId}))`;
}

export const ASSET_KINDS = ['example', 'cover'] as const;
export const ASSET_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Example outputs: files in storage at {userId}/prompts/{yyyy}/{mm}/{uuid}.{ext}. */
export const promptAssets = pgTable(
  'prompt_assets',
  {
    id: uuid().primaryKey().defaultRandom(),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    versionId: uuid().references(() => promptVersions.id, { onDelete: 'set null' }),
    kind: text({ enum: ASSET_KINDS }).notNull().default('example'),
    storagePath: text().notNull(),
    thumbnailPath: text(),
    mimeType: text({ enum: ASSET_MIME_TYPES }).notNull(),
    sizeBytes: integer().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
    altText: text().notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    check('prompt_assets_kind_valid', oneOf(t.kind, ASSET_KINDS)),
    check('prompt_assets_mime_valid', oneOf(t.mimeType, ASSET_MIME_TYPES)),
    check('prompt_assets_size_positive', sql`${t.sizeBytes} > 0 and ${t.sizeBytes} <= 10485760`),
    check(
      'prompt_assets_dimensions',
      sql`${t.width} between 1 and 8192 and ${t.height} between 1 and 8192`,
    ),
    check('prompt_assets_position', sql`${t.position} >= 0`),
    index('prompt_assets_prompt_id_idx').on(t.promptId, t.position),
    index('prompt_assets_version_id_idx').on(t.versionId),
    pgPolicy('anyone reads assets of prompts they can see', {
      for: 'select',
      to: [anonRole, authenticatedRole],
      using: sql`exists (select 1 from public.prompts p where p.id = ${t.promptId})`,
    }),
    // Files must sit in the seller's own storage folder, and a version named
    // must belong to the same prompt.
    pgPolicy('sellers add assets to their prompts', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`(select public.is_prompt_seller(${t.promptId})) and ${assetInOwnFolder(t)}`,
    }),
    pgPolicy('sellers edit assets of their prompts', {
      for: 'update',
      to: authenticatedRole,
      using: sql`(select public.is_prompt_seller(${t.promptId}))`,
      withCheck: sql`(select public.is_prompt_seller(${t.promptId})) and ${assetInOwnFolder(t)}`,
    }),
    pgPolicy('sellers delete assets of their prompts', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`(select public.is_prompt_seller(${t.promptId}))`,
    }),
  ],
).enableRLS();

export const favorites = pgTable(
  'favorites',
  {
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.promptId] }),
    index('favorites_prompt_id_idx').on(t.promptId),
    pgPolicy('users and admins read favorites', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users add their own favorites', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.userId} = ${currentUser} and exists (select 1 from public.prompts p where p.id = ${t.promptId})`,
    }),
    pgPolicy('users remove their own favorites', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser}`,
    }),
  ],
).enableRLS();

export type Prompt = typeof prompts.$inferSelect;
export type PromptVersion = typeof promptVersions.$inferSelect;
export type PromptTemplate = typeof promptTemplates.$inferSelect;
export type PromptAsset = typeof promptAssets.$inferSelect;
