import type { DbClient } from '@promptnx/db';
import type { TransactionSql } from 'postgres';
import { type EmailTemplate, emailTemplates } from './templates.js';

/** A pool or a transaction: postgres.js runs tagged queries on either. */
type Sql = DbClient['sql'] | TransactionSql;

export interface QueueEmail<T extends EmailTemplate> {
  userId: string | null;
  to: string;
  template: T;
  data: Parameters<(typeof emailTemplates)[T]>[0];
  /** Same key, same e-mail: a retry queues nothing new. */
  dedupeKey: string;
}

/**
 * Queues an e-mail in the caller's transaction. In embedded mode the row is
 * the message, listed by the dev mailbox; in production the worker hands it
 * to the e-mail provider.
 */
export async function queueEmail<T extends EmailTemplate>(sql: Sql, email: QueueEmail<T>) {
  const render = emailTemplates[email.template] as (data: QueueEmail<T>['data']) => {
    subject: string;
    text: string;
    html: string;
  };
  const message = render(email.data);
  await sql`
    insert into public.outbound_emails (user_id, to_address, template, subject, text, html, data, dedupe_key)
    values (${email.userId}, ${email.to}, ${email.template}, ${message.subject}, ${message.text},
            ${message.html}, ${JSON.stringify(email.data)}::jsonb, ${email.dedupeKey})
    on conflict (dedupe_key) do nothing`;
}
