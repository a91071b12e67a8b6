import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import {
  authenticatedRole,
  createdAt,
  currentUser,
  isAdmin,
  oneOf,
  updatedAt,
  xactId,
} from './shared.js';

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
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * What became of the e-mail for a notification (decision 0021). pending: the
 * worker has not looked yet. queued: an e-mail is in outbound_emails (dedupe
 * key `notification:<id>`). skipped: none goes out (the user turned the type
 * off, another e-mail covers it, the user has no address, or it was too old
 * when the worker saw it). failed: it could not be built; the worker logged why.
 */
export const NOTIFICATION_EMAIL_STATUSES = ['pending', 'queued', 'skipped', 'failed'] as const;

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
    /** Set by the worker's notification-emails job; request roles cannot change it. */
    emailStatus: text({ enum: NOTIFICATION_EMAIL_STATUSES }).notNull().default('pending'),
    createdAt: createdAt(),
    /** The writing transaction: the notification's place in the realtime stream (decision 0020). */
    xactId: xactId(),
  },
  (t) => [
    check('notifications_type_valid', oneOf(t.type, NOTIFICATION_TYPES)),
    check('notifications_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('notifications_email_status_valid', oneOf(t.emailStatus, NOTIFICATION_EMAIL_STATUSES)),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
    index('notifications_user_xact_idx').on(t.userId, t.xactId),
    index('notifications_email_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.emailStatus} = 'pending'`),
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

/**
 * A user's e-mail choice per notification type; no row means the default
 * (NOTIFICATION_EMAIL_DEFAULTS). In-app notifications are always on.
 */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    type: text({ enum: NOTIFICATION_TYPES }).notNull(),
    email: boolean().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.type] }),
    check('notification_preferences_type_valid', oneOf(t.type, NOTIFICATION_TYPES)),
    pgPolicy('users and admins read notification preferences', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users set their notification preferences', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    pgPolicy('users change their notification preferences', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser}`,
      withCheck: sql`${t.userId} = ${currentUser}`,
    }),
    pgPolicy('users reset their notification preferences', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser}`,
    }),
  ],
).enableRLS();

/**
 * The secret in a notification e-mail's one-click unsubscribe link: one per
 * user and type, random, made the first time such an e-mail is queued. It can
 * only turn that one type's e-mail off. System code only (no policies).
 */
export const notificationUnsubscribeTokens = pgTable(
  'notification_unsubscribe_tokens',
  {
    token: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    type: text({ enum: NOTIFICATION_TYPES }).notNull(),
    createdAt: createdAt(),
    /** The last time it was used (a repeat is harmless: the type stays off). */
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('notification_unsubscribe_tokens_user_type_key').on(t.userId, t.type),
    check('notification_unsubscribe_tokens_type_valid', oneOf(t.type, NOTIFICATION_TYPES)),
    check('notification_unsubscribe_tokens_format', sql`${t.token} ~ '^[A-Za-z0-9_-]{32,64}$'`),
  ],
).enableRLS();

export type Notification = typeof notifications.$inferSelect;
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
export type NotificationUnsubscribeToken = typeof notificationUnsubscribeTokens.$inferSelect;
