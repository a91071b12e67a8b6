import { randomUUID } from 'node:crypto';
import { type DbOrTx, type OutboundEmail, outboundEmails } from '@promptnx/db';
import { eq } from 'drizzle-orm';
import { queueEmailWith } from '../queue.js';
import { type EmailTemplate, emailDefinitions } from '../templates.js';

/**
 * Queues one e-mail of `template` with its sample data (a fresh secret link
 * for the auth ones) to a fresh address; returns the row.
 */
export async function queueSampleEmail(
  db: DbOrTx,
  template: EmailTemplate = 'order_receipt',
  overrides: { to?: string; dedupeKey?: string; data?: Record<string, unknown> } = {},
): Promise<OutboundEmail> {
  const token = randomUUID();
  const sample = { ...emailDefinitions[template].sample } as Record<string, unknown>;
  if (typeof sample.url === 'string') {
    sample.url = `${sample.url.split('?')[0]}?token_hash=${token}&type=${template}`;
  }
  const dedupeKey = overrides.dedupeKey ?? `test:${template}:${token}`;
  await queueEmailWith(db, {
    userId: null,
    to: overrides.to ?? `someone-${token.slice(0, 8)}@example.test`,
    template,
    data: { ...sample, ...overrides.data } as never,
    dedupeKey,
  });
  const row = await findEmail(db, dedupeKey);
  if (!row) throw new Error(`queueSampleEmail: no row for ${dedupeKey}`);
  return row;
}

/** One outbound_emails row by dedupe key. */
export async function findEmail(db: DbOrTx, dedupeKey: string): Promise<OutboundEmail | undefined> {
  const [row] = await db
    .select()
    .from(outboundEmails)
    .where(eq(outboundEmails.dedupeKey, dedupeKey));
  return row;
}

/** Empties the outbox between tests. */
export async function clearOutboundEmails(db: DbOrTx): Promise<void> {
  await db.delete(outboundEmails);
}
