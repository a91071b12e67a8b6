import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { authenticatedRole, currentUser, isAdmin } from './shared.js';

/** Who did what to which row, with before and after; append-only (a trigger refuses changes). */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    actorId: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    reason: text(),
    ip: inet(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('audit_logs_action_format', sql`${t.action} ~ '^[a-z_]+(\\.[a-z_]+)*$'`),
    index('audit_logs_entity_idx').on(t.entityType, t.entityId, t.createdAt),
    index('audit_logs_actor_idx').on(t.actorId, t.createdAt),
    index('audit_logs_created_at_idx').on(t.createdAt),
    pgPolicy('admins read the audit log', {
      for: 'select',
      to: authenticatedRole,
      using: isAdmin,
    }),
  ],
).enableRLS();

/** Per-user counters in fixed windows, for quotas and rate limits; bumped atomically. */
export const usageCounters = pgTable(
  'usage_counters',
  {
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    bucket: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.bucket, t.windowStart] }),
    check('usage_counters_count_non_negative', sql`${t.count} >= 0`),
    index('usage_counters_window_idx').on(t.windowStart),
    pgPolicy('users and admins read usage counters', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export type AuditLog = typeof auditLogs.$inferSelect;
export type UsageCounter = typeof usageCounters.$inferSelect;
