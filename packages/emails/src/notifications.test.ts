import { randomUUID } from 'node:crypto';
import {
  chatMessages,
  chatThreads,
  type NotificationType,
  notificationPreferences,
  notifications,
  outboundEmails,
} from '@promptnx/db';
import { createSeller, createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { eq, like, sql as q } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deliverQueuedEmails,
  queueEmailWith,
  queueMessageDigests,
  queueNotificationEmails,
  resendTransport,
} from './index.js';
import { clearOutboundEmails, findEmail, startFakeResend } from './testing/index.js';

// biome-ignore lint/correctness/useHookAtTopLevel: a test helper named like a hook, not a React hook
const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeResend();
afterAll(() => fake.close());

const urls = { webUrl: 'https://shop.example', apiUrl: 'https://api.shop.example' };

beforeEach(async () => {
  fake.reset();
  await clearOutboundEmails(db);
  await db.delete(notifications);
  await db.delete(chatThreads);
});

async function notify(
  user: TestUser,
  type: NotificationType,
  fields: { title?: string; body?: string; data?: Record<string, unknown> } = {},
) {
  const [row] = await db
    .insert(notifications)
    .values({
      userId: user.id,
      type,
      title: fields.title ?? `A ${type} notification`,
      body: fields.body ?? '',
      data: fields.data ?? {},
    })
    .returning();
  return row!;
}

const statusOf = async (id: string) =>
  (await db.select().from(notifications).where(eq(notifications.id, id)))[0]!.emailStatus;
const notificationEmails = () =>
  db.select().from(outboundEmails).where(like(outboundEmails.dedupeKey, 'notification:%'));
const digestEmails = () =>
  db.select().from(outboundEmails).where(like(outboundEmails.dedupeKey, 'chat_digest:%'));
const tokenOf = async (userId: string, type: NotificationType) =>
  (
    await sql<{ token: string }[]>`
      select token from notification_unsubscribe_tokens where user_id = ${userId} and type = ${type}`
  )[0]?.token;

describe('queueNotificationEmails', () => {
  it('queues one e-mail per notification with a link, an unsubscribe link and List-Unsubscribe', async () => {
    const seller = await createSeller(db);
    const promptId = randomUUID();
    const note = await notify(seller, 'moderation', {
      title: '“Neon city” needs changes',
      body: 'Replace the example outputs.',
      data: { promptId, slug: 'neon-city' },
    });

    expect(await queueNotificationEmails(sql, urls)).toMatchObject({ queued: 1, failed: 0 });
    const email = await findEmail(db, `notification:${note.id}`);
    const token = await tokenOf(seller.id, 'moderation');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(email).toMatchObject({
      userId: seller.id,
      toAddress: seller.email,
      template: 'notification',
      subject: '“Neon city” needs changes',
      status: 'queued',
      headers: {
        'List-Unsubscribe': `<https://api.shop.example/api/unsubscribe?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    expect(email!.text).toContain('Replace the example outputs.');
    expect(email!.text).toContain(`See the details https://shop.example/sell/prompts/${promptId}`);
    expect(email!.text).toContain(`https://shop.example/unsubscribe?token=${token}`);
    expect(email!.html).toContain(`href="https://shop.example/unsubscribe?token=${token}"`);
    expect(email!.text).toContain('https://shop.example/account/notifications');
    expect(await statusOf(note.id)).toBe('queued');
  });

  it('sends nothing twice when runs repeat or overlap', async () => {
    const users = await Promise.all([createUser(db), createUser(db), createUser(db)]);
    const notes = [];
    for (const user of users) {
      notes.push(await notify(user, 'system'), await notify(user, 'payout'));
    }
    const runs = await Promise.all([
      queueNotificationEmails(sql, urls),
      queueNotificationEmails(sql, urls),
      queueNotificationEmails(sql, { ...urls, limit: 2 }),
    ]);
    await queueNotificationEmails(sql, urls);
    expect(runs.reduce((sum, r) => sum + r.queued, 0)).toBe(6);
    const emails = await notificationEmails();
    expect(emails.map((e) => e.dedupeKey).sort()).toEqual(
      notes.map((n) => `notification:${n.id}`).sort(),
    );
    // One token per user and type, shared by that type's e-mails.
    const [tokens] = await sql<{ n: number }[]>`
      select count(*)::int as n from notification_unsubscribe_tokens
      where user_id = any(${users.map((u) => u.id)}::uuid[])`;
    expect(tokens!.n).toBe(6);
  });

  it('follows the preferences: defaults, a type turned off, a type turned on', async () => {
    const user = await createUser(db);
    await db.insert(notificationPreferences).values([
      { userId: user.id, type: 'payout', email: false },
      { userId: user.id, type: 'review_reply', email: true },
    ]);
    const review = await notify(user, 'review'); // off by default
    const reply = await notify(user, 'review_reply'); // on by choice
    const payout = await notify(user, 'payout'); // off by choice
    const sale = await notify(user, 'sale', { data: { refundId: randomUUID() } }); // on by default

    expect(await queueNotificationEmails(sql, urls)).toMatchObject({ queued: 2, skipped: 2 });
    expect((await notificationEmails()).map((e) => e.dedupeKey).sort()).toEqual(
      [`notification:${reply.id}`, `notification:${sale.id}`].sort(),
    );
    expect(await statusOf(review.id)).toBe('skipped');
    expect(await statusOf(payout.id)).toBe('skipped');
  });

  it('leaves notifications to the e-mail that already tells the user', async () => {
    const buyer = await createUser(db);
    const seller = await createSeller(db);
    const orderItemId = randomUUID();
    // As order fulfilment writes them: the dedicated e-mail and the notification in one transaction.
    const sold = await db.transaction(async (tx) => {
      await queueEmailWith(tx, {
        userId: seller.id,
        to: seller.email,
        template: 'sale_made',
        data: {
          promptTitle: 'Neon city',
          currency: 'usd',
          price: 1000,
          earnings: 800,
          availableOn: '2026-12-01',
          dashboardUrl: 'https://shop.example/sell',
        },
        dedupeKey: `sale_made:${orderItemId}`,
      });
      const [row] = await tx
        .insert(notifications)
        .values({ userId: seller.id, type: 'sale', title: 'You sold it', data: { orderItemId } })
        .returning();
      return row!;
    });
    const purchase = await notify(buyer, 'purchase', { data: { orderId: randomUUID() } });
    const flagged = await notify(seller, 'payout', {
      data: { payoutId: randomUUID(), emailDedupeKey: 'payout_sent:abc' },
    });
    const message = await notify(buyer, 'message', { data: { threadId: randomUUID() } });
    const refunded = await notify(seller, 'sale', { data: { orderItemId, refundId: 'r1' } });

    expect(await queueNotificationEmails(sql, urls)).toMatchObject({ queued: 1, skipped: 4 });
    for (const n of [sold, purchase, flagged, message])
      expect(await statusOf(n.id)).toBe('skipped');
    expect((await notificationEmails()).map((e) => e.dedupeKey)).toEqual([
      `notification:${refunded.id}`,
    ]);
  });

  it('skips users without an address and notifications too old to mail', async () => {
    const user = await createUser(db);
    const gone = await createUser(db);
    await sql`update auth.users set deleted_at = now() where id = ${gone.id}`;
    const old = await notify(user, 'system');
    await db
      .update(notifications)
      .set({ createdAt: q`now() - interval '3 days'` })
      .where(eq(notifications.id, old.id));
    const toGone = await notify(gone, 'system');
    expect(await queueNotificationEmails(sql, urls)).toMatchObject({ queued: 0, skipped: 2 });
    expect(await statusOf(old.id)).toBe('skipped');
    expect(await statusOf(toGone.id)).toBe('skipped');
    expect(await notificationEmails()).toEqual([]);
  });

  it('escapes what users wrote and keeps the subject on one line', async () => {
    const user = await createUser(db);
    const note = await notify(user, 'moderation', {
      title: '<script>alert(1)</script>\r\nBcc: x@example.com',
      body: '</p><a href="https://evil.example">click</a>',
    });
    await queueNotificationEmails(sql, urls);
    const email = (await findEmail(db, `notification:${note.id}`))!;
    expect(email.subject).toBe('<script>alert(1)</script> Bcc: x@example.com');
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('href="https://evil.example"');
  });

  it('hands List-Unsubscribe to Resend with the e-mail', async () => {
    const user = await createUser(db);
    const note = await notify(user, 'system', { title: 'Your password changed' });
    await queueNotificationEmails(sql, urls);
    const transport = resendTransport({
      apiKey: fake.apiKey,
      from: 'PromptNX <hello@promptnx.example>',
      baseUrl: fake.url,
    });
    expect(await deliverQueuedEmails(sql, transport)).toMatchObject({ sent: 1 });
    const token = await tokenOf(user.id, 'system');
    expect(fake.delivered).toHaveLength(1);
    expect(fake.delivered[0]).toMatchObject({
      idempotencyKey: `notification:${note.id}`,
      subject: 'Your password changed',
      headers: {
        'List-Unsubscribe': `<https://api.shop.example/api/unsubscribe?token=${token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
  });
});

describe('dedicated e-mails follow the preferences too', () => {
  it('does not queue a sale e-mail for a seller who turned sale e-mails off', async () => {
    const seller = await createSeller(db);
    const other = await createSeller(db);
    await db
      .insert(notificationPreferences)
      .values({ userId: seller.id, type: 'sale', email: false });
    const sale = (userId: string, dedupeKey: string) =>
      queueEmailWith(db, {
        userId,
        to: 'seller@example.test',
        template: 'sale_made',
        data: {
          promptTitle: 'Neon city',
          currency: 'usd',
          price: 1000,
          earnings: 800,
          availableOn: '2026-12-01',
          dashboardUrl: 'https://shop.example/sell',
        },
        dedupeKey,
      });
    expect(await sale(seller.id, 'sale_made:off')).toBe(false);
    expect(await sale(other.id, 'sale_made:on')).toBe(true);
    expect(await findEmail(db, 'sale_made:off')).toBeUndefined();
    expect(await findEmail(db, 'sale_made:on')).toBeDefined();
  });
});

describe('queueMessageDigests', () => {
  const options = { ...urls, delaySeconds: 600 };

  async function thread(buyer: TestUser, seller: TestUser) {
    const [row] = await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id, subject: 'About my order' })
      .returning();
    return row!;
  }

  /** A message sent `minutesAgo` minutes ago, as the chat would write it. */
  async function say(threadId: string, from: TestUser, body: string, minutesAgo: number) {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    const [row] = await db
      .insert(chatMessages)
      .values({ threadId, senderId: from.id, body, createdAt: at })
      .returning();
    await db.update(chatThreads).set({ lastMessageAt: at }).where(eq(chatThreads.id, threadId));
    return row!;
  }

  async function read(threadId: string, who: 'buyer' | 'seller', minutesAgo = 0) {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    await db
      .update(chatThreads)
      .set(who === 'buyer' ? { buyerLastReadAt: at } : { sellerLastReadAt: at })
      .where(eq(chatThreads.id, threadId));
  }

  it('e-mails the unread messages of a thread once, after the delay', async () => {
    const buyer = await createUser(db);
    const seller = await createSeller(db);
    const t = await thread(buyer, seller);
    const first = await say(t.id, buyer, 'Does it work with Gemini?', 30);
    await say(t.id, buyer, 'And with Claude?', 20);

    expect(await queueMessageDigests(sql, options)).toMatchObject({ queued: 1 });
    const [email] = await digestEmails();
    expect(email).toMatchObject({
      userId: seller.id,
      toAddress: seller.email,
      template: 'message_digest',
      dedupeKey: `chat_digest:${t.id}:${seller.id}:${first.id}`,
    });
    expect(email!.text).toContain('You have 2 unread messages in the conversation About my order');
    expect(email!.text).toContain('Does it work with Gemini?');
    expect(email!.text).toContain('And with Claude?');
    expect(email!.text).toContain(`Reply https://shop.example/inbox/${t.id}`);
    expect(email!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');

    // Repeated and overlapping runs, and more messages in the same unread streak: nothing new.
    await Promise.all([queueMessageDigests(sql, options), queueMessageDigests(sql, options)]);
    await say(t.id, buyer, 'Hello?', 11);
    await queueMessageDigests(sql, options);
    expect(await digestEmails()).toHaveLength(1);

    // Read, then a new message: a new streak, a new e-mail once it is old enough.
    await read(t.id, 'seller', 5);
    const next = await say(t.id, buyer, 'Thanks!', 4);
    await queueMessageDigests(sql, options);
    expect(await digestEmails()).toHaveLength(1);
    await db
      .update(chatMessages)
      .set({ createdAt: new Date(Date.now() - 15 * 60_000) })
      .where(eq(chatMessages.id, next.id));
    await read(t.id, 'seller', 16);
    await queueMessageDigests(sql, options);
    expect((await digestEmails()).map((e) => e.dedupeKey)).toContain(
      `chat_digest:${t.id}:${seller.id}:${next.id}`,
    );
  });

  it('sends nothing for messages read in time, to the sender, or when message e-mails are off', async () => {
    const buyer = await createUser(db);
    const seller = await createSeller(db);
    const quiet = await createSeller(db);
    await db
      .insert(notificationPreferences)
      .values({ userId: quiet.id, type: 'message', email: false });
    const readInTime = await thread(buyer, seller);
    await say(readInTime.id, buyer, 'Hi', 30);
    await read(readInTime.id, 'seller');
    const off = await thread(buyer, quiet);
    await say(off.id, buyer, 'Hi', 30);
    // Younger than the delay: the seller may still read it in the app.
    const newcomer = await createUser(db);
    const fresh = await thread(newcomer, seller);
    await say(fresh.id, newcomer, 'Are you there?', 2);
    // The seller's own message (which the newcomer has read) is never e-mailed to the seller.
    await say(fresh.id, seller, 'Welcome!', 30);
    await read(fresh.id, 'buyer');

    expect(await queueMessageDigests(sql, options)).toMatchObject({ queued: 0 });
    expect(await digestEmails()).toEqual([]);
  });

  it('sends nothing between people when one has blocked the other, whoever blocked whom', async () => {
    for (const blocker of ['buyer', 'seller'] as const) {
      const buyer = await createUser(db);
      const seller = await createSeller(db);
      const t = await thread(buyer, seller);
      await say(t.id, buyer, 'Still there?', 30);
      const [a, b] = blocker === 'buyer' ? [buyer, seller] : [seller, buyer];
      await sql`insert into public.user_blocks (blocker_id, blocked_id) values (${a.id}, ${b.id})`;
      await queueMessageDigests(sql, options);
    }
    expect(await digestEmails()).toEqual([]);
  });
});
