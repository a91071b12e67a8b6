import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { authenticatedRole, createdAt, isAdmin, oneOf } from './shared.js';

export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const;

/**
 * Every e-mail PromptNX sends: written by system code in the same transaction
 * as what caused it, delivered by the e-mail adapter (Resend in production);
 * in embedded mode this table is the dev mailbox. The dedupe key makes a
 * retried job send nothing twice.
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
    dedupeKey: text().notNull().unique(),
    status: text({ enum: EMAIL_STATUSES }).notNull().default('queued'),
    provider: text(),
    providerMessageId: text(),
    error: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check('outbound_emails_status_valid', oneOf(t.status, EMAIL_STATUSES)),
    check('outbound_emails_to_format', sql`${t.toAddress} ~ '^[^@\\s]+@[^@\\s]+$'`),
    index('outbound_emails_user_idx').on(t.userId, t.createdAt),
    index('outbound_emails_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
    index('outbound_emails_created_at_idx').on(t.createdAt),
    pgPolicy('admins read outbound e-mail', {
      for: 'select',
      to: authenticatedRole,
      using: isAdmin,
    }),
  ],
).enableRLS();

export type OutboundEmail = typeof outboundEmails.$inferSelect;
