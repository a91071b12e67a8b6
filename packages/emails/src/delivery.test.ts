import { useTestDatabase } from '@promptnx/db/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  captureQueuedEmails,
  deliverQueuedEmails,
  type EmailTransport,
  resendTransport,
  SCRUB_NOTES,
  scrubExpiredLinks,
} from './index.js';
import {
  clearOutboundEmails,
  findEmail,
  queueSampleEmail,
  startFakeResend,
} from './testing/index.js';

// biome-ignore lint/correctness/useHookAtTopLevel: a test helper named like a hook, not a React hook
const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeResend();
afterAll(() => fake.close());

const from = 'PromptNX <hello@promptnx.example>';
const resend = resendTransport({ apiKey: fake.apiKey, from, baseUrl: fake.url });

beforeEach(async () => {
  fake.reset();
  await clearOutboundEmails(db);
});

const keysSent = () => fake.requests.map((r) => r.headers['idempotency-key']);
const ageRows = (seconds: number, ids: string[]) =>
  sql`update public.outbound_emails set created_at = now() - make_interval(secs => ${seconds})
      where id = any(${ids}::uuid[])`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deliverQueuedEmails with Resend', () => {
  it('sends each queued e-mail and marks it sent with Resend’s message id', async () => {
    const receipt = await queueSampleEmail(db, 'order_receipt');
    const sale = await queueSampleEmail(db, 'sale_made');

    expect(await deliverQueuedEmails(sql, resend)).toEqual({
      sent: 2,
      retrying: 0,
      failed: 0,
      rateLimited: false,
      problems: [],
    });
    expect(fake.delivered.map((d) => d.idempotencyKey)).toEqual([
      receipt.dedupeKey,
      sale.dedupeKey,
    ]);
    const [delivered] = fake.delivered;
    expect(delivered).toMatchObject({
      from,
      to: [receipt.toAddress],
      subject: receipt.subject,
      html: receipt.html,
      text: receipt.text,
    });
    const row = await findEmail(db, receipt.dedupeKey);
    expect(row).toMatchObject({
      status: 'sent',
      provider: 'resend',
      providerMessageId: delivered!.id,
      attempts: 1,
      error: null,
      scrubbedAt: null,
      // Not a secret: a receipt keeps its body.
      text: receipt.text,
    });
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('sends nothing when it runs again', async () => {
    await queueSampleEmail(db, 'order_receipt');
    await deliverQueuedEmails(sql, resend);
    expect(await deliverQueuedEmails(sql, resend)).toMatchObject({ sent: 0 });
    expect(fake.requests).toHaveLength(1);
    expect(fake.delivered).toHaveLength(1);
  });

  it('sends each e-mail once when several workers deliver at the same time', async () => {
    const queued = [];
    for (let i = 0; i < 12; i += 1) queued.push(await queueSampleEmail(db, 'sale_made'));
    const results = await Promise.all([
      deliverQueuedEmails(sql, resend),
      deliverQueuedEmails(sql, resend),
      deliverQueuedEmails(sql, resend),
    ]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    expect(keysSent().sort()).toEqual(queued.map((q) => q.dedupeKey).sort());
    expect(fake.delivered).toHaveLength(12);
  });

  it('after a crash between sending and committing, resends with the same key: one e-mail', async () => {
    const receipt = await queueSampleEmail(db, 'order_receipt');
    // A worker that dies right after Resend accepted the e-mail, before its commit.
    const crashing: EmailTransport = {
      provider: 'resend',
      async send(message) {
        await resend.send(message);
        throw new Error('simulated crash after sending');
      },
    };
    await expect(deliverQueuedEmails(sql, crashing)).rejects.toThrow('simulated crash');

    // Nothing was committed: the row is queued as before, so it goes again.
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({
      status: 'queued',
      attempts: 0,
      providerMessageId: null,
    });
    expect(fake.delivered).toHaveLength(1);

    expect(await deliverQueuedEmails(sql, resend)).toMatchObject({ sent: 1 });
    expect(keysSent()).toEqual([receipt.dedupeKey, receipt.dedupeKey]);
    // Resend answered the repeat with the first message and sent nothing new.
    expect(fake.delivered).toHaveLength(1);
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({
      status: 'sent',
      providerMessageId: fake.delivered[0]!.id,
    });
  });

  it('backs off after each failure and ends failed after the last attempt', async () => {
    const receipt = await queueSampleEmail(db, 'order_receipt');
    fake.failAlways({ status: 500 });
    const options = { maxAttempts: 3, retryDelayMs: 200, maxRetryDelayMs: 300 };

    expect(await deliverQueuedEmails(sql, resend, options)).toMatchObject({ retrying: 1 });
    const first = await findEmail(db, receipt.dedupeKey);
    expect(first).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: 'resend 500 internal_server_error: An unexpected error occurred.',
    });
    // Not due yet: the next run leaves it alone.
    expect(await deliverQueuedEmails(sql, resend, options)).toMatchObject({ retrying: 0 });
    expect(fake.requests).toHaveLength(1);

    await sleep(250);
    expect(await deliverQueuedEmails(sql, resend, options)).toMatchObject({ retrying: 1 });
    const second = await findEmail(db, receipt.dedupeKey);
    expect(second!.attempts).toBe(2);
    // Twice the first delay (400 ms), capped at 300 ms.
    expect(second!.nextAttemptAt.getTime() - first!.nextAttemptAt.getTime()).toBeGreaterThan(250);

    await sleep(350);
    expect(await deliverQueuedEmails(sql, resend, options)).toMatchObject({ failed: 1 });
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({
      status: 'failed',
      attempts: 3,
      provider: 'resend',
      sentAt: null,
    });
    expect(fake.requests).toHaveLength(3);
    expect(fake.delivered).toEqual([]);
  });

  it('waits as long as a 429 asks, without counting an attempt, and stops the run', async () => {
    const first = await queueSampleEmail(db, 'order_receipt');
    await queueSampleEmail(db, 'sale_made');
    fake.failNext({ status: 429, retryAfter: 2 });

    expect(await deliverQueuedEmails(sql, resend)).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
      rateLimited: true,
      problems: [
        {
          id: first.id,
          template: 'order_receipt',
          attempts: 0,
          status: 'queued',
          error: expect.stringMatching(/^resend 429 rate_limit_exceeded: /),
        },
      ],
    });
    expect(fake.requests).toHaveLength(1);
    const row = await findEmail(db, first.dedupeKey);
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    expect(row!.error).toMatch(/^resend 429 rate_limit_exceeded/);
    const [{ wait } = { wait: 0 }] = await sql<{ wait: number }[]>`
      select extract(epoch from next_attempt_at - now())::float8 as wait
      from public.outbound_emails where id = ${first.id}`;
    expect(wait).toBeGreaterThan(1);
    expect(wait).toBeLessThanOrEqual(2);
  });

  it('fails an e-mail Resend refuses at once', async () => {
    const receipt = await queueSampleEmail(db, 'order_receipt');
    fake.failNext({ status: 422, name: 'validation_error', message: 'Invalid `to` field.' });
    expect(await deliverQueuedEmails(sql, resend)).toMatchObject({ failed: 1 });
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({
      status: 'failed',
      attempts: 1,
      error: 'resend 422 validation_error: Invalid `to` field.',
    });
  });
});

describe('the secret links of sign-up, recovery and address-change e-mails', () => {
  it('leave the database once Resend has the e-mail', async () => {
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    const change = await queueSampleEmail(db, 'email_change');
    const url = confirm.data.url as string;
    expect(confirm.text).toContain(url);

    await deliverQueuedEmails(sql, resend);
    // The reader got the link...
    expect(fake.delivered[0]!.text).toContain(url);
    expect(fake.delivered[0]!.html).toContain(url.replace('&', '&amp;'));
    // ...the stored copy did not keep it.
    const row = await findEmail(db, confirm.dedupeKey);
    expect(row).toMatchObject({
      status: 'sent',
      subject: confirm.subject,
      text: SCRUB_NOTES.delivered,
      data: {},
    });
    expect(row!.html).toContain(SCRUB_NOTES.delivered);
    expect(row!.html).not.toContain('token_hash');
    expect(row!.scrubbedAt).toBeInstanceOf(Date);
    // The new address is not a secret and stays.
    expect((await findEmail(db, change.dedupeKey))!.data).toEqual({
      email: change.data.email,
    });
  });

  it('leave with an e-mail that could not be delivered', async () => {
    const recovery = await queueSampleEmail(db, 'recovery');
    fake.failNext({ status: 422 });
    await deliverQueuedEmails(sql, resend);
    const row = await findEmail(db, recovery.dedupeKey);
    expect(row).toMatchObject({ status: 'failed', text: SCRUB_NOTES.undelivered, data: {} });
    expect(row!.html).not.toContain('token_hash');
  });

  it('stay readable in capture mode for 24 hours, then leave', async () => {
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    const recovery = await queueSampleEmail(db, 'recovery');
    const fresh = await queueSampleEmail(db, 'confirm_signup');
    const receipt = await queueSampleEmail(db, 'order_receipt');
    expect(await captureQueuedEmails(sql)).toBe(4);
    await ageRows(24 * 3600 + 60, [confirm.id, recovery.id, receipt.id]);

    expect(await scrubExpiredLinks(sql)).toEqual({ scrubbed: 2, expiredUnsent: 0 });
    for (const old of [confirm, recovery]) {
      const row = await findEmail(db, old.dedupeKey);
      expect(row).toMatchObject({ status: 'captured', text: SCRUB_NOTES.expired, data: {} });
      expect(row!.html).not.toContain('token_hash');
    }
    // Younger than 24 hours: the dev mailbox still shows the link.
    expect(await findEmail(db, fresh.dedupeKey)).toMatchObject({
      text: fresh.text,
      scrubbedAt: null,
    });
    // Receipts hold no secret.
    expect(await findEmail(db, receipt.dedupeKey)).toMatchObject({ text: receipt.text });
    // Each row once.
    expect(await scrubExpiredLinks(sql)).toEqual({ scrubbed: 0, expiredUnsent: 0 });
  });

  it('expire with an e-mail still queued after 24 hours, which is then never sent', async () => {
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    await ageRows(24 * 3600 + 60, [confirm.id]);
    expect(await scrubExpiredLinks(sql)).toEqual({ scrubbed: 1, expiredUnsent: 1 });
    expect(await findEmail(db, confirm.dedupeKey)).toMatchObject({
      status: 'failed',
      error: 'link expired before delivery',
      text: SCRUB_NOTES.expired,
    });
    expect(await deliverQueuedEmails(sql, resend)).toMatchObject({ sent: 0 });
    expect(fake.requests).toEqual([]);
  });
});

describe('captureQueuedEmails', () => {
  it('sends nothing and keeps the e-mail as the dev mailbox shows it', async () => {
    const confirm = await queueSampleEmail(db, 'confirm_signup');
    expect(await captureQueuedEmails(sql)).toBe(1);
    expect(await findEmail(db, confirm.dedupeKey)).toMatchObject({
      status: 'captured',
      provider: 'capture',
      text: confirm.text,
      html: confirm.html,
      data: confirm.data,
      scrubbedAt: null,
    });
    // Switching to Resend later does not mail what was captured.
    expect(await deliverQueuedEmails(sql, resend)).toMatchObject({ sent: 0 });
    expect(fake.requests).toEqual([]);
  });
});
