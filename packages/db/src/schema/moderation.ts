import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { prompts, promptVersions } from './prompts.js';
import { authenticatedRole, createdAt, isAdmin, oneOf } from './shared.js';

export const MODERATION_FLAG_KINDS = ['near_duplicate'] as const;

/**
 * What the moderator should look at when a version is submitted, found by
 * system code: for now a template nearly the same as another seller's
 * published one (pg_trgm similarity). Admins read them; nobody else.
 */
export const moderationFlags = pgTable(
  'moderation_flags',
  {
    id: uuid().primaryKey().defaultRandom(),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    versionId: uuid()
      .notNull()
      .references(() => promptVersions.id, { onDelete: 'cascade' }),
    kind: text({ enum: MODERATION_FLAG_KINDS }).notNull(),
    similarPromptId: uuid().references(() => prompts.id, { onDelete: 'cascade' }),
    similarity: real(),
    createdAt: createdAt(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('moderation_flags_kind_valid', oneOf(t.kind, MODERATION_FLAG_KINDS)),
    check(
      'moderation_flags_similarity_range',
      sql`${t.similarity} is null or ${t.similarity} between 0 and 1`,
    ),
    index('moderation_flags_prompt_id_idx').on(t.promptId, t.createdAt),
    index('moderation_flags_version_id_idx').on(t.versionId),
    index('moderation_flags_similar_prompt_id_idx').on(t.similarPromptId),
    pgPolicy('admins read moderation flags', {
      for: 'select',
      to: authenticatedRole,
      using: isAdmin,
    }),
  ],
).enableRLS();

export type ModerationFlag = typeof moderationFlags.$inferSelect;
