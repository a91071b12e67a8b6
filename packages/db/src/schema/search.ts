import { bigint, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Prompts whose search document must be rebuilt: one row per change, written
 * by triggers on prompts, profiles and categories in the same transaction as
 * the change (whoever makes it), drained by the worker's search sync when the
 * engine is Meilisearch. Append-only, no unique key: a prompt that changes
 * again while a batch is in flight gets a new row, which the sync leaves for
 * its next batch. No foreign key, so a deleted prompt still reaches the sync
 * (to be removed from the index). Only system code touches it: RLS is on with
 * no policies, and the request roles hold no privileges on it.
 */
export const searchOutbox = pgTable('search_outbox', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  promptId: uuid().notNull(),
  enqueuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}).enableRLS();

export type SearchOutboxRow = typeof searchOutbox.$inferSelect;
