import { profiles, prompts } from '@promptnx/db';
import {
  createDraftPrompt,
  createPublishedPrompt,
  createSeller,
  setPromptStatus,
  useTestDatabase,
} from '@promptnx/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connectMeilisearch, SearchTaskError } from './meilisearch/connection.js';
import { configureIndex } from './meilisearch/settings.js';
import { drainOutbox, purgeOutbox, syncOutbox } from './sync.js';
import { clearOutbox, queuedPromptIds, startFakeMeilisearch } from './testing/index.js';

const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeMeilisearch();
afterAll(() => fake.close());
const connection = connectMeilisearch({
  host: fake.url,
  apiKey: fake.apiKey!,
  indexUid: 'prompts',
  taskTimeoutMs: 5000,
});

const SECRET = 'TEMPLATE-SECRET-7f3a9c';
const DOCUMENTS = '/indexes/prompts/documents';

beforeEach(async () => {
  fake.reset();
  await clearOutbox(sql);
  await configureIndex(connection, 'prompts');
  fake.clearRequests();
});

const indexed = () => (fake.documents('prompts') ?? []).map((d) => d.id as string).sort();
const sentDocuments = () =>
  fake
    .requestsTo('POST', DOCUMENTS)
    .flatMap((r) => JSON.parse(r.body) as { id: string; title: string }[]);

async function until(what: string, probe: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('syncOutbox', () => {
  it("sends published prompts' public fields, never template text, and empties the outbox", async () => {
    const seller = await createSeller(db);
    await db
      .update(profiles)
      .set({ displayName: 'Ada Lovelace' })
      .where(eq(profiles.id, seller.id));
    const one = await createPublishedPrompt(db, seller, {
      title: 'Retro poster maker',
      description: 'Posters in a 1970s style.',
      tags: ['poster', 'retro'],
      template: `Draw ${SECRET} as a poster`,
      priceAmount: 499,
    });
    const two = await createPublishedPrompt(db, seller, { template: `${SECRET} again` });
    await createDraftPrompt(db, seller, { template: `${SECRET} in a draft` });

    expect(await syncOutbox(sql, connection)).toEqual({
      busy: false,
      taken: 2,
      upserted: 2,
      deleted: 0,
    });
    expect(indexed()).toEqual([one.prompt.id, two.prompt.id].sort());
    expect(await queuedPromptIds(sql)).toEqual([]);

    const doc = fake.documents('prompts')!.find((d) => d.id === one.prompt.id);
    expect(doc).toEqual({
      id: one.prompt.id,
      title: 'Retro poster maker',
      description: 'Posters in a 1970s style.',
      tags: ['poster', 'retro'],
      categorySlug: expect.stringMatching(/^category-/),
      categoryName: 'Test category',
      targetModel: 'claude',
      priceAmount: 499,
      currency: 'usd',
      sellerId: seller.id,
      sellerDisplayName: 'Ada Lovelace',
      publishedAt: one.prompt.publishedAt!.getTime(),
      ratingAvg: 0,
      ratingCount: 0,
      salesCount: 0,
      trendingScore: 0,
    });
    expect(fake.everythingReceived()).not.toContain(SECRET);
  });

  it('removes prompts that were unpublished or whose seller was suspended', async () => {
    const seller = await createSeller(db);
    const archived = await createPublishedPrompt(db, seller);
    const other = await createSeller(db);
    const suspended = await createPublishedPrompt(db, other);
    await syncOutbox(sql, connection);
    expect(indexed()).toHaveLength(2);

    await setPromptStatus(db, archived.prompt, 'archived');
    await db.update(profiles).set({ status: 'suspended' }).where(eq(profiles.id, other.id));
    expect(await syncOutbox(sql, connection)).toMatchObject({ taken: 2, upserted: 0, deleted: 2 });
    expect(indexed()).toEqual([]);
    const [deletion] = fake.requestsTo('POST', `${DOCUMENTS}/delete-batch`);
    expect((JSON.parse(deletion!.body) as string[]).sort()).toEqual(
      [archived.prompt.id, suspended.prompt.id].sort(),
    );
  });

  it('keeps the rows when Meilisearch fails the task, and sends them again on the retry', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);

    fake.failNextTask({ type: 'documentAdditionOrUpdate' });
    await expect(syncOutbox(sql, connection)).rejects.toThrow(SearchTaskError);
    expect(await queuedPromptIds(sql)).toEqual([prompt.id]);
    expect(indexed()).toEqual([]);

    expect(await syncOutbox(sql, connection)).toMatchObject({ taken: 1, upserted: 1 });
    expect(indexed()).toEqual([prompt.id]);
    expect(fake.requestsTo('POST', DOCUMENTS)).toHaveLength(2);
    expect(await queuedPromptIds(sql)).toEqual([]);
  });

  it('keeps the rows when Meilisearch cannot be reached', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    const unreachable = connectMeilisearch({
      host: 'http://127.0.0.1:9',
      apiKey: 'x',
      requestTimeoutMs: 2000,
    });
    await expect(syncOutbox(sql, unreachable)).rejects.toThrow();
    expect(await queuedPromptIds(sql)).toEqual([prompt.id]);
  });

  it('leaves a change made while its batch is in flight queued, and sends it next time', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller, { title: 'First title' });

    const release = fake.holdTasks();
    const inFlight = syncOutbox(sql, connection);
    await until('the batch to reach Meilisearch', () => sentDocuments().length === 1);
    await db.update(prompts).set({ title: 'Second title' }).where(eq(prompts.id, prompt.id));
    release();
    expect(await inFlight).toMatchObject({ taken: 1, upserted: 1 });

    expect(await queuedPromptIds(sql)).toEqual([prompt.id]);
    await syncOutbox(sql, connection);
    expect(fake.documents('prompts')![0]).toMatchObject({ title: 'Second title' });
    expect(await queuedPromptIds(sql)).toEqual([]);
  });

  it('lets one drain run at a time: a second one returns at once without sending', async () => {
    const seller = await createSeller(db);
    await createPublishedPrompt(db, seller);

    const release = fake.holdTasks();
    const first = syncOutbox(sql, connection);
    await until('the first batch to reach Meilisearch', () => sentDocuments().length === 1);
    expect(await syncOutbox(sql, connection)).toEqual({
      busy: true,
      taken: 0,
      upserted: 0,
      deleted: 0,
    });
    release();
    expect(await first).toMatchObject({ taken: 1 });
    expect(sentDocuments()).toHaveLength(1);
  });

  it('drains in batches; concurrent drains neither send a prompt twice nor lose one', async () => {
    const seller = await createSeller(db);
    const created = [];
    for (let i = 0; i < 12; i += 1)
      created.push((await createPublishedPrompt(db, seller)).prompt.id);

    const results = await Promise.all(
      [1, 2, 3, 4].map(() => drainOutbox(sql, connection, { batchSize: 5 })),
    );
    // Drains that found the lock taken come back; one more drain finishes the rest.
    const last = await drainOutbox(sql, connection, { batchSize: 5 });
    const taken = [...results, last].reduce((n, r) => n + r.taken, 0);
    expect(taken).toBe(12);
    expect(indexed()).toEqual([...created].sort());
    expect(sentDocuments()).toHaveLength(12);
    expect(new Set(sentDocuments().map((d) => d.id)).size).toBe(12);
    expect(await queuedPromptIds(sql)).toEqual([]);
  });

  it('sends a prompt queued several times once per batch', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    for (const title of ['One', 'Two', 'Three']) {
      await db
        .update(prompts)
        .set({ title: `Title ${title}` })
        .where(eq(prompts.id, prompt.id));
    }
    expect(await queuedPromptIds(sql)).toHaveLength(4);
    expect(await syncOutbox(sql, connection)).toMatchObject({ taken: 4, upserted: 1 });
    expect(sentDocuments()).toEqual([expect.objectContaining({ title: 'Title Three' })]);
  });
});

describe('purgeOutbox', () => {
  it('deletes rows older than the given age only', async () => {
    const seller = await createSeller(db);
    const old = await createPublishedPrompt(db, seller);
    await sql`update public.search_outbox set enqueued_at = now() - interval '2 hours'`;
    const fresh = await createPublishedPrompt(db, seller);
    expect(await purgeOutbox(sql, 3600)).toBe(1);
    expect(await queuedPromptIds(sql)).toEqual([fresh.prompt.id]);
    expect(old.prompt.id).not.toBe(fresh.prompt.id);
  });
});
