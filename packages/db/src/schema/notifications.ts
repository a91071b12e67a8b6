import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { authenticatedRole, createdAt, currentUser, isAdmin, oneOf } from './shared.js';

export const NOTIFICATION_TYPES = [
  'message',
  'sale',
  'purchase',
  'review',
  'review_reply',
  'payout',
  'moderation',
  'system',
] as const;

/** In-app notifications; written by system code, read and marked read by their user. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    type: text({ enum: NOTIFICATION_TYPES }).notNull(),
    title: text().notNull(),
    body: text().notNull().default(''),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('notifications_type_valid', oneOf(t.type, NOTIFICATION_TYPES)),
    check('notifications_title_length', sql`char_length(${t.title}) between 1 and 200`),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    pgPolicy('users and admins read notifications', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users mark their notifications read', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    pgPolicy('users delete their notifications', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser}`,
    }),
  ],
).enableRLS();

export type Notification = typeof notifications.$inferSelect;
