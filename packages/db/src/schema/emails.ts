import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { authenticatedRole, createdAt, isAdmin, oneOf } from './shared.js';

/**
 * queued: waiting for the worker. sent: handed to Resend. captured: kept here
 * only (EMAIL_MODE=capture), so switching to Resend later never mails old
 * rows. failed: given up (too many attempts, refused, or its link expired).
 */
export const EMAIL_STATUSES = ['queued', 'sent', 'captured', 'failed'] as const;

/** Templates whose body holds a secret link: scrubbed after delivery (decision 0014). */
export const SECRET_LINK_TEMPLATES = ['confirm_signup', 'recovery', 'email_change'] as const;

/**
 * Every e-mail PromptNX sends: written by system code in the same transaction
 * as what caused it, delivered by the worker (Resend in production); in
 * embedded mode this table is the dev mailbox. The dedupe key makes a retried
 * job queue nothing twice, and is Resend's idempotency key, so a retried
 * delivery sends nothing twice.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    toAddress: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Extra headers for the provider, e.g. List-Unsubscribe (decision 0021). */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    dedupeKey: text().notNull().unique(),
    status: text({ enum: EMAIL_STATUSES }).notNull().default('queued'),
    provider: text(),
    providerMessageId: text(),
    error: text(),
    /** Delivery attempts so far; a failed one moves nextAttemptAt back (backoff). */
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the secret link was removed from text, html and data. */
    scrubbedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('outbound_emails_status_valid', oneOf(t.status, EMAIL_STATUSES)),
    check('outbound_emails_to_format', sql`${t.toAddress} ~ '^[^@\\s]+@[^@\\s]+$'`),
    check('outbound_emails_attempts_valid', sql`${t.attempts} >= 0`),
    index('outbound_emails_user_idx').on(t.userId, t.createdAt),
    index('outbound_emails_queued_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'queued'`),
    index('outbound_emails_unscrubbed_idx')
      .on(t.createdAt)
      .where(sql`${t.scrubbedAt} is null and ${oneOf(t.template, SECRET_LINK_TEMPLATES)}`),
    index('outbound_emails_created_at_idx').on(t.createdAt),
    pgPolicy('admins read outbound e-mail', {
      for: 'select',
      to: authenticatedRole,
      using: isAdmin,
    }),
  ],
).enableRLS();

export type OutboundEmail = typeof outboundEmails.$inferSelect;
