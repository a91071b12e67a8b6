import type { OutboundEmail } from '@promptnx/db';
import { useTestDatabase } from '@promptnx/db/testing';
import { SCRUB_AFTER_SECONDS, SCRUB_NOTES } from '@promptnx/emails';
import {
  clearOutboundEmails,
  findEmail,
  queueSampleEmail,
  startFakeResend,
} from '@promptnx/emails/testing';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmailDelivery, startEmailDelivery } from './email-delivery.js';
import { EMAIL_SCRUB_QUEUE } from './jobs/index.js';
import { captureLogs } from './testing/capture-logs.js';
import { waitFor } from './testing/wait-for.js';
import { type RunningWorker, startWorker } from './worker.js';

const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeResend();
afterAll(() => fake.close());

const from = 'PromptNX <hello@promptnx.example>';
const resend = { apiKey: fake.apiKey, from, baseUrl: fake.url };

beforeEach(async () => {
  fake.reset();
  await clearOutboundEmails(db);
});

const statusOf = async (dedupeKey: string) => (await findEmail(db, dedupeKey))?.status;

describe('the worker with EMAIL_MODE=resend', () => {
  const { logger, lines } = captureLogs();
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('sends a queued e-mail at once (NOTIFY) and removes its secret link', async () => {
    // A long poll interval: only the insert's NOTIFY can be this quick.
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/5 * * * *',
      email: { mode: 'resend', resend, intervalMs: 60_000 },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    await waitFor('the e-mail to be sent', async () =>
      (await statusOf(confirm.dedupeKey)) === 'sent' ? true : undefined,
    );
    expect(fake.delivered).toMatchObject([
      { to: [confirm.toAddress], subject: confirm.subject, idempotencyKey: confirm.dedupeKey },
    ]);
    expect(fake.delivered[0]!.text).toContain(confirm.data.url as string);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    expect(await findEmail(db, confirm.dedupeKey)).toMatchObject({
      provider: 'resend',
      providerMessageId: fake.delivered[0]!.id,
      text: SCRUB_NOTES.delivered,
      data: {},
    });
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'e-mails sent', sent: 1, component: 'email-delivery' }),
    );
  });
});

describe('the worker with EMAIL_MODE=capture (the default)', () => {
  const { logger } = captureLogs();
  let worker: RunningWorker | undefined;
  afterAll(() => worker?.stop());

  it('sends nothing, keeps the e-mail readable, and scrubs links after 24 hours', async () => {
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/5 * * * *',
      pollingIntervalSeconds: 0.5,
    });
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    const receipt = await queueSampleEmail(db, 'order_receipt');
    await waitFor('the e-mails to be captured', async () =>
      (await statusOf(confirm.dedupeKey)) === 'captured' &&
      (await statusOf(receipt.dedupeKey)) === 'captured'
        ? true
        : undefined,
    );
    // What the dev mailbox shows: the e-mail as rendered, link included.
    expect(await findEmail(db, confirm.dedupeKey)).toMatchObject({
      provider: 'capture',
      text: confirm.text,
      html: confirm.html,
    });
    expect(fake.requests).toEqual([]);

    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: EMAIL_SCRUB_QUEUE, cron: '*/10 * * * *' }),
    );
    await sql`update public.outbound_emails
              set created_at = now() - make_interval(secs => ${SCRUB_AFTER_SECONDS + 60})`;
    const id = (await worker.boss.send(EMAIL_SCRUB_QUEUE, {}))!;
    const job = await waitFor('the scrub to complete', async () => {
      const found = await worker!.boss.getJobById(EMAIL_SCRUB_QUEUE, id);
      return found?.state === 'completed' || found?.state === 'failed' ? found : undefined;
    });
    expect(job).toMatchObject({ state: 'completed', output: { scrubbed: 1, expiredUnsent: 0 } });
    expect(await findEmail(db, confirm.dedupeKey)).toMatchObject({
      status: 'captured',
      text: SCRUB_NOTES.expired,
      data: {},
    });
    expect((await findEmail(db, receipt.dedupeKey))!.text).toBe(receipt.text);
  });
});

describe('startEmailDelivery', () => {
  let loops: RunningEmailDelivery[] = [];
  afterEach(async () => {
    await Promise.all(loops.map((l) => l.stop()));
    loops = [];
  });
  const start = async (
    logger = captureLogs().logger,
    delivery: { maxAttempts?: number; retryDelayMs?: number; limit?: number } = {},
  ) => {
    const loop = await startEmailDelivery({
      sql,
      logger,
      settings: { mode: 'resend', resend },
      intervalMs: 50,
      delivery,
    });
    loops.push(loop);
    return loop;
  };

  it('sends each e-mail once with several workers running, however often they run', async () => {
    await Promise.all([start(), start(), start()]);
    const queued: OutboundEmail[] = [];
    for (let i = 0; i < 15; i += 1) queued.push(await queueSampleEmail(db, 'sale_made'));
    await waitFor('every e-mail to be sent', async () => {
      const statuses = await Promise.all(queued.map((q) => statusOf(q.dedupeKey)));
      return statuses.every((s) => s === 'sent') ? true : undefined;
    });
    // Several more passes find nothing to send.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.delivered).toHaveLength(15);
    expect(fake.requests.map((r) => r.headers['idempotency-key']).sort()).toEqual(
      queued.map((q) => q.dedupeKey).sort(),
    );
  });

  it('works through a backlog larger than one pass', async () => {
    const queued: OutboundEmail[] = [];
    for (let i = 0; i < 7; i += 1) queued.push(await queueSampleEmail(db, 'order_receipt'));
    await start(undefined, { limit: 2 });
    await waitFor('the backlog to be sent', () => (fake.delivered.length === 7 ? true : undefined));
  });

  it('retries with backoff while Resend fails, logs each failure, and gives up', async () => {
    const { logger, lines } = captureLogs();
    fake.failAlways({ status: 503 });
    const receipt = await queueSampleEmail(db, 'order_receipt');
    await start(logger, { maxAttempts: 3, retryDelayMs: 100 });
    await waitFor('the e-mail to fail', async () =>
      (await statusOf(receipt.dedupeKey)) === 'failed' ? true : undefined,
    );
    expect(fake.requests).toHaveLength(3);
    const retries = lines.filter((l) => l.msg === 'e-mail not delivered; will retry');
    expect(retries.map((l) => l.attempts)).toEqual([1, 2]);
    expect(retries[0]).toMatchObject({
      level: 40,
      emailId: receipt.id,
      template: 'order_receipt',
      error: 'resend 503 internal_server_error: Service unavailable.',
    });
    expect(lines.find((l) => l.msg === 'e-mail not delivered; giving up')).toMatchObject({
      level: 50,
      attempts: 3,
    });
    // The address is not logged.
    expect(JSON.stringify(lines)).not.toContain(receipt.toAddress);
  });

  it('delivers once Resend is back', async () => {
    fake.failNext({ status: 500 }, { status: 429, retryAfter: 1 });
    const receipt = await queueSampleEmail(db, 'order_receipt');
    await start(undefined, { retryDelayMs: 100 });
    await waitFor(
      'the e-mail to be sent',
      async () => ((await statusOf(receipt.dedupeKey)) === 'sent' ? true : undefined),
      15_000,
    );
    expect(fake.requests.map((r) => r.status)).toEqual([500, 429, 200]);
    // The 429 cost no attempt.
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({ attempts: 2, error: null });
  });
});
