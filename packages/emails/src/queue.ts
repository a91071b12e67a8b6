import { type DbOrTx, outboundEmails } from '@promptnx/db';
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
}

/**
 * Queues an e-mail in the caller's transaction, rendered now (the row is the
 * message). In embedded mode the dev mailbox lists it; with EMAIL_MODE=resend
 * the worker hands it to Resend once the transaction has committed.
 */
export async function queueEmail<T extends EmailTemplate>(sql: Sql, email: QueueEmail<T>) {
  const message = renderTemplate(email.template, email.data);
  await sql`
    insert into public.outbound_emails (user_id, to_address, template, subject, text, html, data, dedupe_key)
    values (${email.userId}, ${email.to}, ${email.template}, ${message.subject}, ${message.text},
            ${message.html}, ${JSON.stringify(email.data)}::jsonb, ${email.dedupeKey})
    on conflict (dedupe_key) do nothing`;
}

/** The same, through Drizzle (a `db` or a transaction): for services that write with Drizzle. */
export async function queueEmailWith<T extends EmailTemplate>(db: DbOrTx, email: QueueEmail<T>) {
  const message = renderTemplate(email.template, email.data);
  await db
    .insert(outboundEmails)
    .values({
      userId: email.userId,
      toAddress: email.to,
      template: email.template,
      subject: message.subject,
      text: message.text,
      html: message.html,
      data: email.data as Record<string, unknown>,
      dedupeKey: email.dedupeKey,
    })
    .onConflictDoNothing({ target: outboundEmails.dedupeKey });
}
