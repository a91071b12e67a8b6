import { randomUUID } from 'node:crypto';
import {
  anonClaims,
  NOTIFICATION_TYPES as DB_NOTIFICATION_TYPES,
  notificationPreferences,
  notifications,
  withUser,
} from '@promptnx/db';
import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { queueNotificationEmails } from '@promptnx/emails';
import { fulfilOrder } from '@promptnx/payments';
import {
  NOTIFICATION_TYPES,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
} from '@promptnx/schema';
import { and, eq, sql as q } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const app = await buildTestApp(database, authEnv);
const { db, sql } = database;

type Headers = { authorization: string };
let ada: TestUser;
let bob: TestUser;
let adaHeaders: Headers;

beforeAll(async () => {
  ada = await createUser(database.db);
  bob = await createSeller(database.db);
  adaHeaders = (await signIn(database, ada)).headers;
});

/** A notification as system code writes it, `secondsAgo` old. */
async function notify(
  user: TestUser,
  fields: {
    type?: (typeof NOTIFICATION_TYPES)[number];
    title?: string;
    data?: Record<string, unknown>;
    secondsAgo?: number;
    read?: boolean;
  } = {},
) {
  const [row] = await db
    .insert(notifications)
    .values({
      userId: user.id,
      type: fields.type ?? 'system',
      title: fields.title ?? `Notice ${randomUUID().slice(0, 8)}`,
      data: fields.data ?? {},
      readAt: fields.read ? new Date() : null,
      createdAt: q`now() - make_interval(secs => ${fields.secondsAgo ?? 0})`,
    })
    .returning();
  return row!;
}

const get = (url: string, headers?: Headers) => app.inject({ method: 'GET', url, headers });
const post = (url: string, headers?: Headers, payload?: Record<string, unknown>) =>
  app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });

async function fresh() {
  const user = await createUser(database.db);
  return { user, headers: (await signIn(database, user)).headers };
}

describe('the notification types', () => {
  it('are the same list in the schema package and the database', () => {
    expect([...NOTIFICATION_TYPES]).toEqual([...DB_NOTIFICATION_TYPES]);
  });
});

describe('GET /api/notifications', () => {
  it('lists only the signed-in user’s notifications, newest first, with where they lead', async () => {
    const { user, headers } = await fresh();
    const orderId = randomUUID();
    const old = await notify(user, { type: 'purchase', data: { orderId }, secondsAgo: 60 });
    const recent = await notify(user, { type: 'payout', data: { payoutId: randomUUID() } });
    const others = await notify(bob, { title: 'Bob’s own' });

    const res = await get('/api/notifications', headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const list = notificationListSchema.parse(res.json());
    expect(list.items.map((n) => n.id)).toEqual([recent.id, old.id]);
    expect(list.items.map((n) => n.id)).not.toContain(others.id);
    expect(list.items[1]).toMatchObject({
      type: 'purchase',
      data: { orderId },
      path: `/account/orders/${orderId}`,
      readAt: null,
    });
    expect(list.items[0]!.path).toBe('/sell/payouts');
    expect(list.nextCursor).toBeNull();
  });

  it('pages with a cursor, nothing missed or repeated among rows of one instant', async () => {
    const { user, headers } = await fresh();
    // Five in one statement: the same created_at, told apart by id.
    const rows = await db
      .insert(notifications)
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          userId: user.id,
          type: 'sale' as const,
          title: `Sale ${i}`,
        })),
      )
      .returning();
    await notify(user, { secondsAgo: 30 });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/notifications?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        headers,
      );
      expect(res.statusCode).toBe(200);
      const page = notificationListSchema.parse(res.json());
      seen.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    for (const row of rows) expect(seen).toContain(row.id);
  });

  it('filters unread ones', async () => {
    const { user, headers } = await fresh();
    const unread = await notify(user);
    await notify(user, { read: true });
    const list = notificationListSchema.parse(
      (await get('/api/notifications?unread=true', headers)).json(),
    );
    expect(list.items.map((n) => n.id)).toEqual([unread.id]);
  });

  it('refuses a bad query, naming the field, and anonymous callers', async () => {
    const bad = await get('/api/notifications?unread=maybe', adaHeaders);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.unread');
    const cursor = await get('/api/notifications?cursor=not-a-cursor', adaHeaders);
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].field).toBe('query.cursor');
    const extra = await get('/api/notifications?userId=someone', adaHeaders);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('query.userId');
    expect((await get('/api/notifications')).statusCode).toBe(401);
    expect((await get('/api/notifications/unread-count')).statusCode).toBe(401);
  });
});

describe('unread count and marking read', () => {
  it('counts unread, marks one read, then all', async () => {
    const { user, headers } = await fresh();
    const a = await notify(user);
    await notify(user);
    await notify(user);
    await notify(user, { read: true });
    await notify(bob);
    const count = async () => (await get('/api/notifications/unread-count', headers)).json().count;
    expect(await count()).toBe(3);

    const one = await post(`/api/notifications/${a.id}/read`, headers);
    expect(one.statusCode).toBe(200);
    const marked = notificationSchema.parse(one.json());
    expect(marked.readAt).not.toBeNull();
    expect(await count()).toBe(2);
    // Again: the first time stays.
    const again = notificationSchema.parse(
      (await post(`/api/notifications/${a.id}/read`, headers)).json(),
    );
    expect(again.readAt).toBe(marked.readAt);

    const all = await post('/api/notifications/read-all', headers);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toEqual({ updated: 2 });
    expect(await count()).toBe(0);
    // Bob's stays unread.
    const [bobs] = await sql<{ n: number }[]>`
      select count(*)::int as n from notifications where user_id = ${bob.id} and read_at is null`;
    expect(bobs!.n).toBeGreaterThan(0);
  });

  it('answers 404 for someone else’s notification and changes nothing', async () => {
    const bobs = await notify(bob);
    const res = await post(`/api/notifications/${bobs.id}/read`, adaHeaders);
    expect(res.statusCode).toBe(404);
    const [row] = await db.select().from(notifications).where(eq(notifications.id, bobs.id));
    expect(row!.readAt).toBeNull();
    expect((await post('/api/notifications/nope/read', adaHeaders)).json().errors[0].field).toBe(
      'params.id',
    );
  });
});

describe('row-level security on notifications', () => {
  it('shows a user only their own rows, and lets them change read_at only', async () => {
    const mine = await notify(ada);
    const theirs = await notify(bob);
    const claims = { role: 'authenticated' as const, sub: ada.id };
    const visible = await withUser(db, claims, (tx) =>
      tx.select({ id: notifications.id }).from(notifications),
    );
    expect(visible.map((r) => r.id)).toContain(mine.id);
    expect(visible.map((r) => r.id)).not.toContain(theirs.id);
    const forged = await withUser(db, claims, (tx) =>
      tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(eq(notifications.id, theirs.id))
        .returning(),
    );
    expect(forged).toEqual([]);
    await expect(
      withUser(db, claims, (tx) =>
        tx
          .update(notifications)
          .set({ emailStatus: 'skipped' })
          .where(eq(notifications.id, mine.id)),
      ),
    ).rejects.toThrow();
    const anon = await withUser(db, anonClaims, (tx) =>
      tx.select({ id: notifications.id }).from(notifications),
    );
    expect(anon).toEqual([]);
  });
});

describe('notification preferences', () => {
  it('has defaults: in-app always, e-mail on for what matters, receipts not optional', async () => {
    const { headers } = await fresh();
    const res = await get('/api/me/notification-preferences', headers);
    expect(res.statusCode).toBe(200);
    const { items } = notificationPreferencesSchema.parse(res.json());
    expect(items.map((i) => i.type)).toEqual([...NOTIFICATION_TYPES]);
    const by = Object.fromEntries(items.map((i) => [i.type, i]));
    for (const type of ['message', 'sale', 'payout', 'moderation'] as const) {
      expect(by[type]).toMatchObject({ inApp: true, email: true, emailConfigurable: true });
    }
    expect(by.review).toMatchObject({ email: false, emailDefault: false });
    expect(by.purchase).toMatchObject({ email: true, emailConfigurable: false });
  });

  it('turns e-mail off and on per type, keeping the others', async () => {
    const { user, headers } = await fresh();
    const put = (payload: object) =>
      app.inject({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        headers,
        payload: payload as Record<string, unknown>,
      });
    const first = await put({ email: { sale: false, review: true } });
    expect(first.statusCode).toBe(200);
    let by = Object.fromEntries(
      notificationPreferencesSchema.parse(first.json()).items.map((i) => [i.type, i.email]),
    );
    expect(by).toMatchObject({ sale: false, review: true, message: true, payout: true });
    by = Object.fromEntries(
      notificationPreferencesSchema
        .parse((await put({ email: { sale: true } })).json())
        .items.map((i) => [i.type, i.email]),
    );
    expect(by).toMatchObject({ sale: true, review: true });
    const rows = await db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, user.id));
    expect(rows.map((r) => [r.type, r.email]).sort()).toEqual([
      ['review', true],
      ['sale', true],
    ]);
  });

  it('refuses an unknown type, a receipt, or a non-boolean, naming the field, and writes nothing', async () => {
    const { user, headers } = await fresh();
    const put = (payload: object) =>
      app.inject({
        method: 'PUT',
        url: '/api/me/notification-preferences',
        headers,
        payload: payload as Record<string, unknown>,
      });
    for (const [payload, field] of [
      [{ email: { sale: false, newsletter: false } }, 'email.newsletter'],
      [{ email: { purchase: false } }, 'email.purchase'],
      [{ email: { sale: 'no' } }, 'email.sale'],
      [{ email: { sale: false }, push: true }, 'push'],
      [{}, 'email'],
    ] as const) {
      const res = await put(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      await db
        .select()
        .from(notificationPreferences)
        .where(eq(notificationPreferences.userId, user.id)),
    ).toEqual([]);
  });
});

describe('one-click unsubscribe', () => {
  /** A notification e-mail queued for `user`, and the token its link carries. */
  async function emailedToken(user: TestUser, type: 'sale' | 'moderation' = 'moderation') {
    await notify(user, { type, data: type === 'sale' ? { refundId: randomUUID() } : {} });
    await queueNotificationEmails(sql, {
      webUrl: 'http://web.test',
      apiUrl: 'http://api.test',
    });
    const [row] = await sql<{ token: string }[]>`
      select token from notification_unsubscribe_tokens where user_id = ${user.id} and type = ${type}`;
    return row!.token;
  }

  it('turns the type off with the RFC 8058 form post, no session, and only that type', async () => {
    const seller = await createSeller(database.db);
    const token = await emailedToken(seller);
    const res = await app.inject({
      method: 'POST',
      url: `/api/unsubscribe?token=${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'moderation', email: false });
    const rows = await db
      .select()
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, seller.id));
    expect(rows.map((r) => [r.type, r.email])).toEqual([['moderation', false]]);

    // Repeating it is harmless; the confirm page sees the state.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/unsubscribe?token=${token}`,
          headers: { 'content-type': 'multipart/form-data; boundary=x' },
          payload:
            '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
        })
      ).statusCode,
    ).toBe(200);
    expect((await get(`/api/unsubscribe?token=${token}`)).json()).toEqual({
      type: 'moderation',
      email: false,
    });

    // The next moderation notification is not e-mailed.
    const later = await notify(seller, { type: 'moderation' });
    await queueNotificationEmails(sql, { webUrl: 'http://web.test', apiUrl: 'http://api.test' });
    const [after] = await db.select().from(notifications).where(eq(notifications.id, later.id));
    expect(after!.emailStatus).toBe('skipped');
  });

  it('takes the token from a JSON body too (the storefront’s confirm page)', async () => {
    const user = await createUser(database.db);
    const token = await emailedToken(user, 'sale');
    expect((await get(`/api/unsubscribe?token=${token}`)).json()).toEqual({
      type: 'sale',
      email: true,
    });
    const res = await post('/api/unsubscribe', undefined, { token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'sale', email: false });
    const [row] = await db
      .select()
      .from(notificationPreferences)
      .where(
        and(eq(notificationPreferences.userId, user.id), eq(notificationPreferences.type, 'sale')),
      );
    expect(row!.email).toBe(false);
  });

  it('answers 404 for a token we never sent and 400 for a malformed or missing one', async () => {
    const unknown = 'A'.repeat(43);
    const notFound = await post(`/api/unsubscribe?token=${unknown}`);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().errors[0].field).toBe('token');
    expect((await get(`/api/unsubscribe?token=${unknown}`)).statusCode).toBe(404);
    const malformed = await post('/api/unsubscribe?token=short');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('query.token');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/unsubscribe',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('query.token');
    expect((await get('/api/unsubscribe')).json().errors[0].field).toBe('query.token');
  });
});

describe('notification e-mails with the real producers', () => {
  const urls = { webUrl: 'http://web.test', apiUrl: 'http://api.test' };
  const emailsTo = (userId: string) =>
    sql<{ template: string }[]>`
      select template from outbound_emails where user_id = ${userId} order by template`;

  /** A paid order of one prompt, fulfilled as the webhook does it. */
  async function sell(seller: TestUser, buyer: TestUser) {
    const category = await createCategory(database.db);
    const bought = await createPublishedPrompt(database.db, seller, {
      categoryId: category.id,
      priceAmount: 1500,
    });
    const orderId = randomUUID();
    await sql`insert into orders (id, buyer_id, subtotal_amount, platform_fee_amount, total_amount)
              values (${orderId}, ${buyer.id}, 1500, 300, 1500)`;
    await sql`insert into order_items (order_id, prompt_id, version_id, seller_id, price_amount,
                                       platform_fee_amount, seller_earnings_amount)
              values (${orderId}, ${bought.prompt.id}, ${bought.version.id}, ${seller.id}, 1500, 300, 1200)`;
    const done = await db.transaction((tx) =>
      fulfilOrder(
        tx,
        orderId,
        {
          paymentIntentId: `pi_test_${orderId.slice(0, 8)}`,
          checkoutSessionId: null,
          amountTotal: 1500,
          via: 'test',
        },
        { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
        { web: 'http://web.test' },
      ),
    );
    expect(done).toBe('fulfilled');
  }

  it('sends the receipt and the sale e-mail, and no notification e-mail on top', async () => {
    const seller = await createSeller(database.db);
    const buyer = await createUser(database.db);
    await sell(seller, buyer);
    await queueNotificationEmails(sql, urls);
    await queueNotificationEmails(sql, urls);
    expect(await emailsTo(buyer.id)).toEqual([{ template: 'order_receipt' }]);
    expect(await emailsTo(seller.id)).toEqual([{ template: 'sale_made' }]);
    const statuses = await db
      .select({ type: notifications.type, status: notifications.emailStatus })
      .from(notifications)
      .where(q`${notifications.userId} in (${seller.id}, ${buyer.id})`);
    expect(statuses.map((s) => `${s.type}:${s.status}`).sort()).toEqual([
      'purchase:skipped',
      'sale:skipped',
    ]);
  });

  it('sends no sale e-mail at all to a seller who turned sale e-mails off', async () => {
    const seller = await createSeller(database.db);
    const buyer = await createUser(database.db);
    const headers = (await signIn(database, seller)).headers;
    const off = await app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers,
      payload: { email: { sale: false } },
    });
    expect(off.statusCode).toBe(200);
    await sell(seller, buyer);
    await queueNotificationEmails(sql, urls);
    expect(await emailsTo(seller.id)).toEqual([]);
    expect(await emailsTo(buyer.id)).toEqual([{ template: 'order_receipt' }]);
    // The bell still counts the sale.
    expect((await get('/api/notifications/unread-count', headers)).json()).toEqual({ count: 1 });
  });
});
