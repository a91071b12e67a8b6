import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, chatThreads, notifications, userBlocks } from './schema/index.js';
import {
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
} from './testing/factories.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

// The database side of chat and realtime (decision 0020): one thread per
// topic, blocks both ways, the NOTIFY payloads and the transaction positions.

const database = await useTestDatabase();
const { db } = database;
const NO_PRIVILEGE = '42501';
const UNIQUE_VIOLATION = '23505';
const CHANNEL = 'promptnx_realtime';

let seller: TestUser;
let buyer: TestUser;
let listener: postgres.Sql;
const heard: Record<string, unknown>[] = [];

beforeAll(async () => {
  seller = await createSeller(db);
  buyer = await createUser(db);
  listener = postgres(database.url, { max: 1, onnotice: () => {} });
  await listener.listen(CHANNEL, (payload) => heard.push(JSON.parse(payload)));
});
afterAll(() => listener.end({ timeout: 5 }));

async function heardWithin(predicate: (event: Record<string, unknown>) => boolean) {
  for (let i = 0; i < 200; i++) {
    const found = heard.find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no such NOTIFY arrived');
}

const startThread = (who: TestUser, sellerId: string, promptId: string | null = null) =>
  withUser(db, who.claims, (tx) =>
    tx.execute(sql`insert into chat_threads (buyer_id, seller_id, prompt_id)
      values (${who.id}, ${sellerId}, ${promptId}) returning id`),
  );

const send = (who: TestUser, threadId: string, body = 'Hello') =>
  withUser(db, who.claims, (tx) =>
    tx.execute<{
      id: string;
      xact_id: string;
    }>(sql`insert into chat_messages (thread_id, sender_id, body)
      values (${threadId}, ${who.id}, ${body}) returning id, xact_id::text`),
  );

describe('chat threads', () => {
  it('are one per buyer, seller and topic, a missing prompt or order included', async () => {
    const prompt = await createPublishedPrompt(db, seller);
    const [general] = await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id })
      .returning();
    expect(general).toBeDefined();
    expect(
      await sqlStateOf(db.insert(chatThreads).values({ buyerId: buyer.id, sellerId: seller.id })),
    ).toBe(UNIQUE_VIOLATION);
    // About a prompt: another topic, another thread.
    await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id, promptId: prompt.prompt.id });
    expect(
      await sqlStateOf(
        db
          .insert(chatThreads)
          .values({ buyerId: buyer.id, sellerId: seller.id, promptId: prompt.prompt.id }),
      ),
    ).toBe(UNIQUE_VIOLATION);
  });
});

describe('messages', () => {
  it('move the thread’s last_message_at and are announced with ids and positions only', async () => {
    const other = await createSeller(db);
    const [row] = await startThread(buyer, other.id);
    const threadId = (row as { id: string }).id;
    const [message] = await send(buyer, threadId, 'A secret body that must not travel in NOTIFY');
    const [thread] = await db.select().from(chatThreads).where(eq(chatThreads.id, threadId));
    const [stored] = await db.select().from(chatMessages).where(eq(chatMessages.id, message!.id));
    expect(thread!.lastMessageAt?.getTime()).toBe(stored!.createdAt.getTime());
    expect(stored!.xactId).toBe(message!.xact_id);

    const event = await heardWithin((e) => e.id === message!.id);
    expect(event).toEqual({
      k: 'message',
      id: message!.id,
      th: threadId,
      u: [buyer.id, other.id],
      t: message!.xact_id,
      x: expect.stringMatching(/^\d+$/),
    });
    // Every transaction before `x` had finished when the message was written.
    expect(BigInt(event.x as string)).toBeLessThanOrEqual(BigInt(message!.xact_id));
    expect(JSON.stringify(heard)).not.toContain('secret body');
  });

  it('carry the writing transaction’s id, whatever the insert says', async () => {
    const other = await createSeller(db);
    const [row] = await startThread(buyer, other.id);
    const threadId = (row as { id: string }).id;
    const [forged] = await withUser(db, buyer.claims, (tx) =>
      tx.execute<{ xact_id: string; current: string }>(sql`
        insert into chat_messages (thread_id, sender_id, body, xact_id)
        values (${threadId}, ${buyer.id}, 'Hi', '1'::xid8)
        returning xact_id::text, pg_current_xact_id()::text as current`),
    );
    expect(forged!.xact_id).toBe(forged!.current);
    expect(forged!.xact_id).not.toBe('1');
  });
});

describe('read markers', () => {
  it('are announced to both participants when they move', async () => {
    const other = await createSeller(db);
    const [row] = await startThread(buyer, other.id);
    const threadId = (row as { id: string }).id;
    await withUser(db, other.claims, (tx) =>
      tx.execute(sql`update chat_threads set seller_last_read_at = now() where id = ${threadId}`),
    );
    const event = await heardWithin((e) => e.k === 'read' && e.th === threadId);
    expect(event).toMatchObject({ k: 'read', th: threadId, r: other.id, u: [buyer.id, other.id] });
    expect(Number.isNaN(Date.parse(event.at as string))).toBe(false);
  });
});

describe('notifications', () => {
  it('are announced to their user with their position, without their text', async () => {
    const [row] = await db
      .insert(notifications)
      .values({ userId: buyer.id, type: 'system', title: 'Private title', body: 'Private body' })
      .returning();
    const event = await heardWithin((e) => e.id === row!.id);
    expect(event).toEqual({
      k: 'notification',
      id: row!.id,
      u: [buyer.id],
      t: row!.xactId,
      x: expect.stringMatching(/^\d+$/),
    });
    expect(JSON.stringify(event)).not.toContain('Private');
  });
});

describe('blocks', () => {
  it('stop new threads and messages both ways until the blocker unblocks', async () => {
    const other = await createSeller(db);
    const [row] = await startThread(buyer, other.id);
    const threadId = (row as { id: string }).id;
    const prompt = await createPublishedPrompt(db, other);

    await withUser(db, other.claims, (tx) =>
      tx.insert(userBlocks).values({ blockerId: other.id, blockedId: buyer.id }),
    );
    expect(await sqlStateOf(send(buyer, threadId))).toBe(NO_PRIVILEGE);
    expect(await sqlStateOf(send(other, threadId))).toBe(NO_PRIVILEGE);
    expect(await sqlStateOf(startThread(buyer, other.id, prompt.prompt.id))).toBe(NO_PRIVILEGE);

    // The blocked user cannot see, remove or forge blocks.
    const seen = await withUser(db, buyer.claims, (tx) =>
      tx.execute(sql`select 1 from user_blocks where blocked_id = ${buyer.id}`),
    );
    expect(seen).toHaveLength(0);
    const removed = await withUser(db, buyer.claims, (tx) =>
      tx.execute(sql`delete from user_blocks where blocker_id = ${other.id} returning 1`),
    );
    expect(removed).toHaveLength(0);
    expect(
      await sqlStateOf(
        withUser(db, buyer.claims, (tx) =>
          tx.insert(userBlocks).values({ blockerId: other.id, blockedId: seller.id }),
        ),
      ),
    ).toBe(NO_PRIVILEGE);

    await withUser(db, other.claims, (tx) =>
      tx.execute(sql`delete from user_blocks where blocker_id = ${other.id}`),
    );
    expect(await sqlStateOf(send(buyer, threadId))).toBeUndefined();
  });
});

describe('realtime tickets', () => {
  it('are out of reach of request roles', async () => {
    const state = await sqlStateOf(
      withUser(db, buyer.claims, (tx) => tx.execute(sql`select * from realtime_tickets`)),
    );
    expect(state).toBe(NO_PRIVILEGE);
  });
});
