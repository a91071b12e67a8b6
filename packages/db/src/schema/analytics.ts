import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgPolicy,
  pgTable,
  primaryKey,
  uuid,
} from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { prompts } from './prompts.js';
import { authenticatedRole, currentUser, isAdmin } from './shared.js';

/**
 * Prompt page views, one counter per prompt per UTC day (decision 0017).
 * Bumped by system code with one upsert per counted view (the API's
 * POST /api/prompts/:id/views), never through RLS; the prompts row itself is
 * left alone, so views never touch the catalog's hot rows or its search
 * outbox. seller_id is copied from the prompt, so the dashboard sums a
 * seller's views through one index and the read policy is a plain comparison.
 */
export const promptViewDays = pgTable(
  'prompt_view_days',
  {
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    /** The UTC day the views fall on. */
    day: date({ mode: 'string' }).notNull(),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    views: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.promptId, t.day] }),
    check('prompt_view_days_views_non_negative', sql`${t.views} >= 0`),
    index('prompt_view_days_seller_day_idx').on(t.sellerId, t.day),
    pgPolicy('sellers and admins read prompt views', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export type PromptViewDay = typeof promptViewDays.$inferSelect;
