import { randomUUID } from 'node:crypto';
import { chatMessages, chatThreads, notificationPreferences, notifications } from '@promptnx/db';
import { createSeller, createUser, useTestDatabase } from '@promptnx/db/testing';
import { findEmail, startFakeResend } from '@promptnx/emails/testing';
import type PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/capture-logs.js';
import { waitFor } from '../testing/wait-for.js';
import { type RunningWorker, startWorker } from '../worker.js';
import { NOTIFICATION_EMAILS_QUEUE } from './index.js';
import { notificationEmailsJob } from './notification-emails.js';

const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeResend();
afterAll(() => fake.close());

const settings = { webUrl: 'http://web.test', apiUrl: 'http://api.test', messageDelaySeconds: 60 };
const { logger } = captureLogs();
const context = { db, sql, logger, boss: {} as PgBoss };
const fakeJob = { id: 'job-1', name: NOTIFICATION_EMAILS_QUEUE, data: {} } as PgBoss.Job<object>;

const emailsFor = (userId: string) =>
  sql<{ dedupe_key: string; template: string }[]>`
    select dedupe_key, template from outbound_emails where user_id = ${userId} order by dedupe_key`;

describe('notification-emails job', () => {
  it('e-mails each notification and each unread thread once, however often and however many run', async () => {
    const seller = await createSeller(db);
    const buyer = await createUser(db);
    const quiet = await createUser(db);
    await db
      .insert(notificationPreferences)
      .values({ userId: quiet.id, type: 'system', email: false });
    const [moderation] = await db
      .insert(notifications)
      .values({
        userId: seller.id,
        type: 'moderation',
        title: '“Neon city” is published',
        data: { promptId: randomUUID(), slug: 'neon-city' },
      })
      .returning();
    await db.insert(notifications).values({ userId: quiet.id, type: 'system', title: 'Hello' });
    const [thread] = await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id, lastMessageAt: new Date() })
      .returning();
    const [message] = await db
      .insert(chatMessages)
      .values({
        threadId: thread!.id,
        senderId: buyer.id,
        body: 'Is there a square version?',
        createdAt: new Date(Date.now() - 5 * 60_000),
      })
      .returning();

    const job = notificationEmailsJob(settings);
    expect(job).toMatchObject({ name: NOTIFICATION_EMAILS_QUEUE, cron: '* * * * *' });
    // Three runs at once, then a retry of the same job.
    const outputs = await Promise.all([
      job.handler(fakeJob, context),
      job.handler(fakeJob, context),
      job.handler(fakeJob, context),
    ]);
    await job.handler(fakeJob, context);
    expect(
      outputs.reduce(
        (sum: number, o) => sum + (o as { notifications: { queued: number } }).notifications.queued,
        0,
      ),
    ).toBe(1);

    expect(await emailsFor(seller.id)).toEqual([
      {
        dedupe_key: `chat_digest:${thread!.id}:${seller.id}:${message!.id}`,
        template: 'message_digest',
      },
      { dedupe_key: `notification:${moderation!.id}`, template: 'notification' },
    ]);
    expect(await emailsFor(quiet.id)).toEqual([]);
    expect(await emailsFor(buyer.id)).toEqual([]);
  });

  it('runs in the worker, and Resend gets the e-mail with List-Unsubscribe', async () => {
    const user = await createUser(db);
    const [note] = await db
      .insert(notifications)
      .values({ userId: user.id, type: 'payout', title: 'Your payout is on its way' })
      .returning();
    let worker: RunningWorker | undefined;
    try {
      worker = await startWorker({
        databaseUrl: database.url,
        logger,
        heartbeatCron: '*/5 * * * *',
        pollingIntervalSeconds: 0.5,
        notificationEmails: settings,
        email: {
          mode: 'resend',
          resend: {
            apiKey: fake.apiKey,
            from: 'PromptNX <hello@promptnx.example>',
            baseUrl: fake.url,
          },
          intervalMs: 200,
        },
      });
      await worker.boss.send(NOTIFICATION_EMAILS_QUEUE, {});
      await waitFor('the notification e-mail to be sent', async () =>
        (await findEmail(db, `notification:${note!.id}`))?.status === 'sent' ? true : undefined,
      );
    } finally {
      await worker?.stop();
    }
    const [token] = await sql<{ token: string }[]>`
      select token from notification_unsubscribe_tokens where user_id = ${user.id} and type = 'payout'`;
    const delivered = fake.delivered.find((d) => d.idempotencyKey === `notification:${note!.id}`);
    expect(delivered).toMatchObject({
      to: [user.email],
      subject: 'Your payout is on its way',
      headers: {
        'List-Unsubscribe': `<http://api.test/api/unsubscribe?token=${token!.token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    expect(delivered!.text).toContain(`http://web.test/unsubscribe?token=${token!.token}`);
    expect(delivered!.text).toContain('See your payouts http://web.test/sell/payouts');
  });
});
