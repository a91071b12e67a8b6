import {
  createAdmin,
  createDraftPrompt,
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  chatMessageListSchema,
  chatMessageSchema,
  chatReadSchema,
  chatThreadListSchema,
  chatThreadSchema,
  chatUnreadSchema,
  problemSchema,
} from '@promptnx/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeUsage } from '../../lib/usage-limits.js';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';
import { DEFAULT_CHAT_LIMITS } from './service.js';

const database = await useTestDatabase();
const app = await buildTestApp(database, authEnv);
const { db, sql } = database;

type Headers = { authorization: string };
interface Person {
  user: TestUser;
  headers: Headers;
}

async function person(make: () => Promise<TestUser>): Promise<Person> {
  const user = await make();
  return { user, headers: (await signIn(database, user)).headers };
}
const buyerNamed = () => person(() => createUser(db));
const sellerNamed = () => person(() => createSeller(db));

let seller: Person;
let buyer: Person;
let outsider: Person;
let admin: Person;

beforeAll(async () => {
  seller = await sellerNamed();
  buyer = await buyerNamed();
  outsider = await buyerNamed();
  admin = await person(() => createAdmin(db));
});

const start = (who: Person, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/chat/threads', headers: who.headers, payload });
const send = (who: Person, threadId: string, body: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/chat/threads/${threadId}/messages`,
    headers: who.headers,
    payload: { body },
  });
const get = (who: Person | undefined, url: string) =>
  app.inject({ method: 'GET', url, ...(who ? { headers: who.headers } : {}) });
const markRead = (who: Person, threadId: string, messageId?: string) =>
  app.inject({
    method: 'POST',
    url: `/api/chat/threads/${threadId}/read`,
    headers: who.headers,
    payload: messageId ? { messageId } : {},
  });

/** A fresh thread between a new buyer and `with` (default: the shared seller). */
async function newThread(withSeller: Person = seller, from?: Person) {
  const asker = from ?? (await buyerNamed());
  const response = await start(asker, { sellerId: withSeller.user.id });
  expect(response.statusCode).toBe(201);
  return { buyer: asker, thread: chatThreadSchema.parse(response.json()) };
}

describe('starting a conversation', () => {
  it('about a prompt: the seller comes from the prompt; the same topic reuses the thread', async () => {
    const { prompt } = await createPublishedPrompt(db, seller.user);
    const first = await start(buyer, { promptId: prompt.id, message: 'Can it do haiku?' });
    expect(first.statusCode).toBe(201);
    const thread = chatThreadSchema.parse(first.json());
    expect(thread).toMatchObject({
      role: 'buyer',
      seller: { id: seller.user.id },
      buyer: { id: buyer.user.id },
      prompt: { id: prompt.id, title: prompt.title },
      subject: `About “${prompt.title}”`,
      canSend: true,
      blockedByMe: false,
    });
    expect(thread.lastMessage?.preview).toBe('Can it do haiku?');

    const again = await start(buyer, { promptId: prompt.id, sellerId: seller.user.id });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(thread.id);
    const [{ n }] = (await sql`
      select count(*)::int as n from chat_threads where buyer_id = ${buyer.user.id}
        and prompt_id = ${prompt.id}`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  it('about an order of the buyer’s: a custom work request starts here', async () => {
    const bought = await createPublishedPrompt(db, seller.user);
    const customer = await buyerNamed();
    const { order } = await createPaidOrder(db, customer.user, [bought]);
    const response = await start(customer, {
      orderId: order.id,
      message: 'Could you make a version for product descriptions? I would pay for it.',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      seller: { id: seller.user.id },
      order: { id: order.id, receiptNumber: `PNX-${order.id.slice(0, 8).toUpperCase()}` },
    });
    // Someone else's order is not a topic.
    const refused = await start(outsider, { orderId: order.id });
    expect(refused.statusCode).toBe(400);
    expect(problemSchema.parse(refused.json()).errors).toEqual([
      { field: 'orderId', message: 'is not one of your orders' },
    ]);
  });

  it('concurrent starts of one topic make one thread', async () => {
    const asker = await buyerNamed();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => start(asker, { sellerId: seller.user.id })),
    );
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(answers.filter((a) => a.statusCode === 201).length).toBeLessThanOrEqual(1);
    const rows = await sql`select id from chat_threads where buyer_id = ${asker.user.id}`;
    expect(rows).toHaveLength(1);
  });

  it('refuses bad topics with a 400 that names the field, writing nothing', async () => {
    const draft = await createDraftPrompt(db, seller.user);
    const otherSeller = await sellerNamed();
    const { prompt } = await createPublishedPrompt(db, otherSeller.user);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'sellerId'],
      [{ sellerId: buyer.user.id }, 'sellerId'],
      [{ sellerId: outsider.user.id }, 'sellerId'],
      [{ promptId: draft.prompt.id }, 'promptId'],
      [{ promptId: prompt.id, sellerId: seller.user.id }, 'sellerId'],
      [{ sellerId: seller.user.id, message: '' }, 'message'],
      [{ sellerId: seller.user.id, message: 'x'.repeat(4001) }, 'message'],
      [{ sellerId: seller.user.id, colour: 'red' }, 'colour'],
    ];
    const asker = await buyerNamed();
    for (const [payload, field] of cases) {
      const response = await start(asker, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemSchema.parse(response.json()).errors?.map((e) => e.field)).toContain(field);
    }
    // Writing to yourself.
    const self = await start(seller, { sellerId: seller.user.id });
    expect(self.statusCode).toBe(400);
    const rows = await sql`select 1 from chat_threads where buyer_id = ${asker.user.id}`;
    expect(rows).toHaveLength(0);
  });

  it('needs a signed-in user', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/chat/threads',
      payload: { sellerId: seller.user.id },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('only the two participants', () => {
  it('read and write a thread: 403 for anyone else, 404 for no thread', async () => {
    const { buyer: asker, thread } = await newThread();
    const sent = await send(asker, thread.id, 'Hello');
    expect(sent.statusCode).toBe(201);

    for (const url of [
      `/api/chat/threads/${thread.id}`,
      `/api/chat/threads/${thread.id}/messages`,
    ]) {
      const refused = await get(outsider, url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
      expect(JSON.stringify(refused.json())).not.toContain('Hello');
    }
    expect((await send(outsider, thread.id, 'Let me in')).statusCode).toBe(403);
    expect((await markRead(outsider, thread.id)).statusCode).toBe(403);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await get(outsider, `/api/chat/threads/${missing}`)).statusCode).toBe(404);
    expect((await get(undefined, `/api/chat/threads/${thread.id}`)).statusCode).toBe(401);

    const rows = await sql`select body from chat_messages where thread_id = ${thread.id}`;
    expect(rows.map((r) => r.body)).toEqual(['Hello']);
  });

  it('admins may read a thread for moderation, never write in it', async () => {
    const { buyer: asker, thread } = await newThread();
    await send(asker, thread.id, 'A question');
    const read = await get(admin, `/api/chat/threads/${thread.id}/messages`);
    expect(read.statusCode).toBe(200);
    expect(read.json().items.map((m: { body: string }) => m.body)).toEqual(['A question']);
    expect((await get(admin, `/api/chat/threads/${thread.id}`)).json()).toMatchObject({
      role: 'admin',
      canSend: false,
    });
    expect((await send(admin, thread.id, 'Moderator here')).statusCode).toBe(403);
  });
});

describe('messages', () => {
  it('are Markdown rendered to inert HTML; the raw body is kept as text', async () => {
    const { buyer: asker, thread } = await newThread();
    const body = [
      '**Hi!** <script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click](javascript:alert(3)) <a href="#" onclick="alert(4)">x</a>',
      '<iframe src="https://evil.test"></iframe>',
    ].join('\n\n');
    const response = await send(asker, thread.id, body);
    expect(response.statusCode).toBe(201);
    const message = chatMessageSchema.parse(response.json());
    expect(message.body).toBe(body);
    expect(message.bodyHtml).toContain('<strong>Hi!</strong>');
    for (const bad of ['<script', 'onerror', 'onclick', 'javascript:', '<iframe', '<img']) {
      expect(message.bodyHtml.toLowerCase()).not.toContain(bad);
    }
    const listed = chatMessageListSchema.parse(
      (await get(asker, `/api/chat/threads/${thread.id}/messages`)).json(),
    );
    expect(listed.items[0]!.bodyHtml).toBe(message.bodyHtml);
  });

  it('are 1–4000 characters (after trimming)', async () => {
    const { buyer: asker, thread } = await newThread();
    for (const body of ['', '   ', 'x'.repeat(4001), 42]) {
      const response = await send(asker, thread.id, body);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('body');
    }
    expect((await send(asker, thread.id, 'x'.repeat(4000))).statusCode).toBe(201);
    const rows =
      await sql`select char_length(body) as n from chat_messages where thread_id = ${thread.id}`;
    expect(rows.map((r) => r.n)).toEqual([4000]);
  });

  it('page newest first with a stable cursor, ties on time broken by id', async () => {
    const { buyer: asker, thread } = await newThread();
    // Five messages written at the very same instant, and two later ones.
    await sql`
      insert into chat_messages (thread_id, sender_id, body, created_at)
      select ${thread.id}, ${asker.user.id}, 'same ' || g, '2026-01-01T00:00:00.123456Z'
      from generate_series(1, 5) g`;
    await send(asker, thread.id, 'later 1');
    await send(asker, thread.id, 'later 2');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/chat/threads/${thread.id}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = chatMessageListSchema.parse((await get(asker, url)).json());
      seen.push(...page.items.map((m) => m.body));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen.slice(0, 2)).toEqual(['later 2', 'later 1']);
    expect(seen.slice(2).sort()).toEqual(['same 1', 'same 2', 'same 3', 'same 4', 'same 5']);
    expect(new Set(seen).size).toBe(7);
    expect(pages).toBe(4);

    const bad = await get(asker, `/api/chat/threads/${thread.id}/messages?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.cursor');
  });
});

describe('unread counts and read markers', () => {
  it('count the other side’s messages after my marker, which only moves forward', async () => {
    const answerer = await sellerNamed();
    const { buyer: asker, thread } = await newThread(answerer);
    await send(asker, thread.id, 'Question 1');
    await send(asker, thread.id, 'Question 2');
    const first = chatMessageSchema.parse((await send(answerer, thread.id, 'Answer 1')).json());
    await send(answerer, thread.id, 'Answer 2');

    const unread = async (who: Person) =>
      chatUnreadSchema.parse((await get(who, '/api/chat/unread')).json());
    expect(await unread(asker)).toEqual({ total: 2, threads: 1 });
    expect(await unread(answerer)).toEqual({ total: 2, threads: 1 });
    const listed = chatThreadListSchema.parse((await get(asker, '/api/chat/threads')).json());
    expect(listed.items.find((t) => t.id === thread.id)?.unreadCount).toBe(2);

    // Up to the first answer, then to the newest; then not back.
    const partly = chatReadSchema.parse((await markRead(asker, thread.id, first.id)).json());
    expect(partly).toMatchObject({ threadId: thread.id, unreadCount: 1, readAt: first.createdAt });
    const all = chatReadSchema.parse((await markRead(asker, thread.id)).json());
    expect(all.unreadCount).toBe(0);
    const back = chatReadSchema.parse((await markRead(asker, thread.id, first.id)).json());
    expect(back.readAt).toBe(all.readAt);
    expect(await unread(asker)).toEqual({ total: 0, threads: 0 });

    await send(answerer, thread.id, 'Answer 3');
    expect(await unread(asker)).toEqual({ total: 1, threads: 1 });
    // The buyer's marking never touched the seller's marker.
    const [row] = await sql`select seller_last_read_at from chat_threads where id = ${thread.id}`;
    expect(row!.seller_last_read_at).toBeNull();

    const wrong = await markRead(asker, thread.id, '00000000-0000-4000-8000-000000000000');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('messageId');
  });

  it('list my threads with the newest activity first; sellers see only threads with messages', async () => {
    const me = await sellerNamed();
    const a = await newThread(me);
    const b = await newThread(me);
    await send(a.buyer, a.thread.id, 'Hello from A');
    const mine = chatThreadListSchema.parse((await get(me, '/api/chat/threads')).json());
    expect(mine.items.map((t) => t.id)).toEqual([a.thread.id]);
    await send(b.buyer, b.thread.id, 'Hello from B');
    const again = chatThreadListSchema.parse((await get(me, '/api/chat/threads')).json());
    expect(again.items.map((t) => t.id)).toEqual([b.thread.id, a.thread.id]);
    expect(again.items[0]).toMatchObject({
      role: 'seller',
      unreadCount: 1,
      lastMessage: { preview: 'Hello from B', senderId: b.buyer.user.id },
    });
  });

  it('pages through many threads with a cursor', async () => {
    const me = await buyerNamed();
    const sellers = await Promise.all(Array.from({ length: 22 }, () => createSeller(db)));
    // More than the hourly allowance of new threads: written as system code.
    for (const s of sellers) {
      const [thread] = await sql`
        insert into chat_threads (buyer_id, seller_id) values (${me.user.id}, ${s.id}) returning id`;
      await sql`insert into chat_messages (thread_id, sender_id, body)
                values (${thread!.id}, ${s.id}, 'Hello')`;
    }
    const first = chatThreadListSchema.parse((await get(me, '/api/chat/threads')).json());
    expect(first.items).toHaveLength(20);
    const second = chatThreadListSchema.parse(
      (await get(me, `/api/chat/threads?cursor=${first.nextCursor}`)).json(),
    );
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((t) => t.seller.id);
    expect(new Set(ids)).toEqual(new Set(sellers.map((s) => s.id)));
  });
});

describe('notifications', () => {
  it('a burst of messages makes one unread "message" notification; reading the thread clears it', async () => {
    const answerer = await sellerNamed();
    const { buyer: asker, thread } = await newThread(answerer);
    await send(asker, thread.id, 'First question');
    await send(asker, thread.id, 'Second question');
    const bell = () => sql`
      select title, body, read_at, data ->> 'threadId' as thread_id from notifications
      where user_id = ${answerer.user.id} and type = 'message'`;
    const rows = await bell();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ body: 'First question', read_at: null, thread_id: thread.id });
    expect(rows[0]!.title).toMatch(/^New message from /);
    // The sender gets none for their own messages.
    const own = await sql`select 1 from notifications where user_id = ${asker.user.id}`;
    expect(own).toHaveLength(0);

    expect((await markRead(answerer, thread.id)).statusCode).toBe(200);
    expect((await bell())[0]!.read_at).not.toBeNull();
    // A new streak rings again.
    await send(asker, thread.id, 'Third question');
    expect((await bell()).filter((r) => r.read_at === null)).toHaveLength(1);
  });
});

describe('blocking', () => {
  it('stops both people writing and starting threads, with a clear code, until unblocked', async () => {
    const me = await sellerNamed();
    const { buyer: pest, thread } = await newThread(me);
    await send(pest, thread.id, 'Buy my stuff');

    const blocked = await app.inject({
      method: 'PUT',
      url: `/api/chat/blocks/${pest.user.id}`,
      headers: me.headers,
    });
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toMatchObject({ user: { id: pest.user.id } });
    // Twice is fine.
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: `/api/chat/blocks/${pest.user.id}`,
          headers: me.headers,
        })
      ).statusCode,
    ).toBe(200);

    for (const [who, text] of [
      [pest, 'Hello?'],
      [me, 'Actually…'],
    ] as const) {
      const refused = await send(who, thread.id, text);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('CHAT_BLOCKED');
    }
    const { prompt } = await createPublishedPrompt(db, me.user);
    const fresh = await start(pest, { promptId: prompt.id, message: 'New thread then' });
    expect(fresh.statusCode).toBe(403);
    expect(fresh.json().code).toBe('CHAT_BLOCKED');
    expect((await get(me, `/api/chat/threads/${thread.id}`)).json()).toMatchObject({
      blockedByMe: true,
      canSend: false,
    });
    expect((await get(pest, `/api/chat/threads/${thread.id}`)).json()).toMatchObject({
      blockedByMe: false,
      canSend: false,
    });
    const list = (await get(me, '/api/chat/blocks')).json();
    expect(list.items.map((b: { user: { id: string } }) => b.user.id)).toEqual([pest.user.id]);
    const rows = await sql`select body from chat_messages where thread_id = ${thread.id}`;
    expect(rows).toHaveLength(1);

    const unblocked = await app.inject({
      method: 'DELETE',
      url: `/api/chat/blocks/${pest.user.id}`,
      headers: me.headers,
    });
    expect(unblocked.statusCode).toBe(204);
    expect((await send(pest, thread.id, 'Sorry')).statusCode).toBe(201);
  });

  it('refuses blocking yourself or nobody', async () => {
    const self = await app.inject({
      method: 'PUT',
      url: `/api/chat/blocks/${buyer.user.id}`,
      headers: buyer.headers,
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0].field).toBe('userId');
    const nobody = await app.inject({
      method: 'PUT',
      url: '/api/chat/blocks/00000000-0000-4000-8000-000000000000',
      headers: buyer.headers,
    });
    expect(nobody.statusCode).toBe(404);
  });
});

/** Limits count in fixed windows: start well inside one, so the count is not split. */
async function awayFromWindowEdge(windowSeconds: number) {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < 15) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
}

describe('rate limits', () => {
  it('allow 30 messages a minute per user, then 429', async () => {
    const { buyer: chatty, thread } = await newThread();
    await awayFromWindowEdge(DEFAULT_CHAT_LIMITS.messages.windowSeconds);
    for (let i = 0; i < DEFAULT_CHAT_LIMITS.messages.max; i++) {
      expect((await send(chatty, thread.id, `Message ${i}`)).statusCode).toBe(201);
    }
    const refused = await send(chatty, thread.id, 'One too many');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('RATE_LIMITED');
    const rows = await sql`select 1 from chat_messages where thread_id = ${thread.id}`;
    expect(rows).toHaveLength(DEFAULT_CHAT_LIMITS.messages.max);
  });

  it('allow 10 new threads an hour per user; reusing a thread is free', async () => {
    await awayFromWindowEdge(DEFAULT_CHAT_LIMITS.threads.windowSeconds);
    const { buyer: starter } = await newThread();
    for (let i = 1; i < DEFAULT_CHAT_LIMITS.threads.max; i++) {
      await consumeUsage(db, starter.user.id, DEFAULT_CHAT_LIMITS.threads);
    }
    const another = await sellerNamed();
    const refused = await start(starter, { sellerId: another.user.id });
    expect(refused.statusCode).toBe(429);
    expect((await start(starter, { sellerId: seller.user.id })).statusCode).toBe(200);
    const rows = await sql`select 1 from chat_threads where buyer_id = ${starter.user.id}`;
    expect(rows).toHaveLength(1);
  });
});
