import {
  type DbOrTx,
  NOTIFICATION_EMAIL_DEFAULTS,
  type NotificationType,
  outboundEmails,
} from '@promptnx/db';
import { sql as drizzleSql } from 'drizzle-orm';
import type { Sql } from './sql.js';
import { type EmailData, type EmailTemplate, renderTemplate } from './templates.js';

export interface QueueEmail<T extends EmailTemplate> {
  userId: string | null;
  to: string;
  template: T;
  data: EmailData<T>;
  /**
   * Same key, same e-mail: a retry queues nothing new. Also Resend's
   * idempotency key, so at most 256 characters.
   */
  dedupeKey: string;
  /** Extra headers for the provider (List-Unsubscribe and its -Post); none by default. */
  headers?: Record<string, string>;
}

/**
 * Dedicated e-mails that tell a user about something their notification
 * preferences cover: not queued when the user turned that type's e-mail off
 * (decision 0021). Receipts, refunds and sign-in e-mails are not listed: they
 * always go.
 */
export const TEMPLATE_NOTIFICATION_TYPES: Readonly<Record<string, NotificationType>> = {
  sale_made: 'sale',
  payout_sent: 'payout',
  payout_failed: 'payout',
};

function preferenceTypeOf(email: QueueEmail<EmailTemplate>): NotificationType | null {
  if (!email.userId) return null;
  return TEMPLATE_NOTIFICATION_TYPES[email.template] ?? null;
}

/**
 * Queues an e-mail in the caller's transaction, rendered now (the row is the
 * message). In embedded mode the dev mailbox lists it; with EMAIL_MODE=resend
 * the worker hands it to Resend once the transaction has committed. Answers
 * false when nothing was queued: the user turned this kind of e-mail off, or
 * the dedupe key was queued before.
 */
export async function queueEmail<T extends EmailTemplate>(
  sql: Sql,
  email: QueueEmail<T>,
): Promise<boolean> {
  const type = preferenceTypeOf(email);
  if (type) {
    const [choice] = await sql<{ email: boolean }[]>`
      select email from public.notification_preferences
      where user_id = ${email.userId} and type = ${type}`;
    if (!(choice?.email ?? NOTIFICATION_EMAIL_DEFAULTS[type])) return false;
  }
  const message = renderTemplate(email.template, email.data);
  const rows = await sql`
    insert into public.outbound_emails (user_id, to_address, template, subject, text, html, data, headers, dedupe_key)
    values (${email.userId}, ${email.to}, ${email.template}, ${message.subject}, ${message.text},
            ${message.html}, ${JSON.stringify(email.data)}::jsonb,
            ${JSON.stringify(email.headers ?? {})}::jsonb, ${email.dedupeKey})
    on conflict (dedupe_key) do nothing
    returning id`;
  return rows.length === 1;
}

/** The same, through Drizzle (a `db` or a transaction): for services that write with Drizzle. */
export async function queueEmailWith<T extends EmailTemplate>(
  db: DbOrTx,
  email: QueueEmail<T>,
): Promise<boolean> {
  const type = preferenceTypeOf(email);
  if (type) {
    const [choice] = await db.execute<{ email: boolean }>(drizzleSql`
      select email from public.notification_preferences
      where user_id = ${email.userId} and type = ${type}`);
    if (!(choice?.email ?? NOTIFICATION_EMAIL_DEFAULTS[type])) return false;
  }
  const message = renderTemplate(email.template, email.data);
  const rows = await db
    .insert(outboundEmails)
    .values({
      userId: email.userId,
      toAddress: email.to,
      template: email.template,
      subject: message.subject,
      text: message.text,
      html: message.html,
      data: email.data as Record<string, unknown>,
      headers: email.headers ?? {},
      dedupeKey: email.dedupeKey,
    })
    .onConflictDoNothing({ target: outboundEmails.dedupeKey })
    .returning({ id: outboundEmails.id });
  return rows.length === 1;
}
