import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { chatMessages, chatThreads, prompts, promptVersions, reviews } from './schema/index.js';
import {
  createCategory,
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
} from './testing/factories.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

// The API writes through Drizzle as the request's role; Drizzle names every
// column in an insert, so these prove such inserts work and still cannot set
// what only system code may.
const database = await useTestDatabase();
const { db } = database;
const seller = await createSeller(db);
const category = await createCategory(db);
const claims = (user: { id: string }) => ({ role: 'authenticated' as const, sub: user.id });

describe('Drizzle inserts as a request role', () => {
  it('a seller creates a draft prompt and version; forged timestamps are replaced', async () => {
    const longAgo = new Date('2001-01-01T00:00:00Z');
    const prompt = await withUser(db, claims(seller), async (tx) => {
      const [row] = await tx
        .insert(prompts)
        .values({
          sellerId: seller.id,
          categoryId: category.id,
          slug: `drizzle-draft-${Date.now()}`,
          title: 'A draft through Drizzle',
          targetModel: 'claude',
          priceAmount: 500,
          createdAt: longAgo,
        })
        .returning({ id: prompts.id, createdAt: prompts.createdAt, status: prompts.status });
      await tx.insert(promptVersions).values({ promptId: row!.id, version: 1, changelog: 'first' });
      return row!;
    });
    expect(prompt.status).toBe('draft');
    expect(prompt.createdAt.getTime()).toBeGreaterThan(longAgo.getTime());
  });

  it('refuses a prompt inserted as published or with counters', async () => {
    for (const forged of [{ status: 'published' as const }, { salesCount: 99 }, { ratingAvg: 5 }]) {
      const state = await sqlStateOf(
        withUser(db, claims(seller), (tx) =>
          tx.insert(prompts).values({
            sellerId: seller.id,
            categoryId: category.id,
            slug: `forged-${Math.random().toString(36).slice(2)}`,
            title: 'Forged',
            targetModel: 'claude',
            ...forged,
          }),
        ),
      );
      expect(state, JSON.stringify(forged)).toBe('42501');
    }
  });

  it('an entitled buyer reviews through Drizzle but cannot publish or reply to it', async () => {
    const published = await createPublishedPrompt(db, seller, { categoryId: category.id });
    const prompt = published.prompt;
    const buyer = await createUser(db);
    await createPaidOrder(db, buyer, [published]);
    const forged = await sqlStateOf(
      withUser(db, claims(buyer), (tx) =>
        tx
          .insert(reviews)
          .values({ promptId: prompt.id, buyerId: buyer.id, rating: 5, status: 'published' }),
      ),
    );
    expect(forged).toBe('42501');
    await withUser(db, claims(buyer), (tx) =>
      tx
        .insert(reviews)
        .values({ promptId: prompt.id, buyerId: buyer.id, rating: 4, body: 'Works well' }),
    );
    const [row] = await db.select().from(reviews).where(eq(reviews.buyerId, buyer.id));
    expect(row?.status).toBe('pending');
  });

  it('chat messages get the server time whatever the request sends', async () => {
    const buyer = await createUser(db);
    const thread = await withUser(db, claims(buyer), async (tx) => {
      const [t] = await tx
        .insert(chatThreads)
        .values({ buyerId: buyer.id, sellerId: seller.id, subject: 'Custom work?' })
        .returning({ id: chatThreads.id });
      await tx.insert(chatMessages).values({
        threadId: t!.id,
        senderId: buyer.id,
        body: 'Hello',
        createdAt: new Date('1999-01-01T00:00:00Z'),
      });
      return t!;
    });
    const [message] = await db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.threadId, thread.id));
    expect(Date.now() - message!.createdAt.getTime()).toBeLessThan(60_000);
  });
});
