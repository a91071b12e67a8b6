import { useTestDatabase } from '@promptnx/db/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { emailTemplates, OUTBOUND_EMAILS_CHANNEL, queueEmail, queueEmailWith } from './index.js';
import { clearOutboundEmails, findEmail } from './testing/index.js';

// biome-ignore lint/correctness/useHookAtTopLevel: a test helper named like a hook, not a React hook
const database = await useTestDatabase();
const { db, sql } = database;

const notifications: string[] = [];
const listener = await sql.listen(OUTBOUND_EMAILS_CHANNEL, (payload) => {
  notifications.push(payload);
});
afterAll(() => listener.unlisten());
beforeEach(async () => {
  await clearOutboundEmails(db);
  notifications.length = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const receipt = {
  receiptNumber: 'PNX-7',
  paidAt: '1 December 2026',
  currency: 'usd',
  total: 1299,
  items: [{ title: 'Neon city poster', seller: 'Ada', amount: 1299 }],
  libraryUrl: 'http://localhost:3000/library',
};

describe('queueEmail / queueEmailWith', () => {
  it('writes the rendered e-mail, queued, in the caller’s transaction', async () => {
    await sql.begin(async (tx) => {
      await queueEmail(tx, {
        userId: null,
        to: 'ada@example.test',
        template: 'order_receipt',
        data: receipt,
        dedupeKey: 'order:PNX-7:receipt',
      });
    });
    const rendered = emailTemplates.order_receipt(receipt);
    expect(await findEmail(db, 'order:PNX-7:receipt')).toMatchObject({
      toAddress: 'ada@example.test',
      template: 'order_receipt',
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      data: receipt,
      status: 'queued',
      attempts: 0,
    });
  });

  it('queues one e-mail per dedupe key however often it is called', async () => {
    const email = {
      userId: null,
      to: 'ada@example.test',
      template: 'order_receipt' as const,
      data: receipt,
      dedupeKey: 'order:PNX-7:receipt',
    };
    await queueEmail(sql, email);
    await queueEmail(sql, email);
    await db.transaction((tx) => queueEmailWith(tx, email));
    const [{ count } = { count: 0 }] = await sql<{ count: number }[]>`
      select count(*)::int as count from public.outbound_emails`;
    expect(count).toBe(1);
  });

  it('wakes the sender on commit, not for a duplicate, not on rollback', async () => {
    const email = {
      userId: null,
      to: 'ada@example.test',
      template: 'confirm_signup' as const,
      data: { url: 'http://localhost:3000/auth/confirm?token_hash=x&type=signup' },
      dedupeKey: 'auth:confirm:x',
    };
    await queueEmail(sql, email);
    await queueEmail(sql, email);
    await sql
      .begin(async (tx) => {
        await queueEmail(tx, { ...email, dedupeKey: 'auth:confirm:y' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await sleep(200);
    expect(notifications).toEqual(['']);
    expect(await findEmail(db, 'auth:confirm:y')).toBeUndefined();
  });
});
