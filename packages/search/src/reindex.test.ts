import { prompts } from '@promptnx/db';
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
import { configureIndex, INDEX_SETTINGS } from './meilisearch/settings.js';
import { type ReindexProgress, reindex } from './reindex.js';
import { syncOutbox } from './sync.js';
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
const SECRET = 'REINDEX-TEMPLATE-SECRET-41b2';

beforeEach(async () => {
  fake.reset();
  // Each test starts with nothing searchable (published versions cannot be deleted).
  await sql`update public.prompts set status = 'archived' where status = 'published'`;
  await clearOutbox(sql);
});

const ids = (uid = 'prompts') => (fake.documents(uid) ?? []).map((d) => d.id as string).sort();

describe('reindex', () => {
  it('builds the index from nothing: every published prompt, settings applied, no template text', async () => {
    const seller = await createSeller(db);
    const published = [];
    for (let i = 0; i < 5; i += 1) {
      published.push(
        (await createPublishedPrompt(db, seller, { template: `${SECRET} ${i}` })).prompt.id,
      );
    }
    await createDraftPrompt(db, seller, { template: SECRET });
    const progress: ReindexProgress[] = [];

    const result = await reindex(sql, connection, {
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });

    expect(result).toEqual({ indexUid: 'prompts', indexed: 5, outboxCleared: 5 });
    expect(ids()).toEqual(published.sort());
    expect(fake.indexUids()).toEqual(['prompts']);
    expect(fake.settings('prompts')!.sortableAttributes).toEqual(INDEX_SETTINGS.sortableAttributes);
    expect(fake.requestsTo('POST', '/indexes/prompts_tmp/documents')).toHaveLength(3);
    expect(fake.requestsTo('POST', '/swap-indexes')).toHaveLength(1);
    expect(fake.everythingReceived()).not.toContain(SECRET);
    expect(await queuedPromptIds(sql)).toEqual([]);

    expect(progress[0]).toEqual({ phase: 'preparing', total: 0, indexed: 0 });
    expect(progress.filter((p) => p.phase === 'indexing').map((p) => p.indexed)).toEqual([
      0, 2, 4, 5,
    ]);
    expect(progress.at(-1)).toEqual({ phase: 'done', total: 5, indexed: 5 });
  });

  it('replaces a stale index: prompts gone since are dropped, changes are picked up', async () => {
    const seller = await createSeller(db);
    const kept = await createPublishedPrompt(db, seller, { title: 'Old title' });
    const gone = await createPublishedPrompt(db, seller);
    await configureIndex(connection, 'prompts');
    await syncOutbox(sql, connection);
    expect(ids()).toHaveLength(2);

    // Changes the worker never synced (the outbox lost them, say).
    await db.update(prompts).set({ title: 'New title' }).where(eq(prompts.id, kept.prompt.id));
    await setPromptStatus(db, gone.prompt, 'archived');
    await clearOutbox(sql);

    await reindex(sql, connection);
    expect(ids()).toEqual([kept.prompt.id]);
    expect(fake.documents('prompts')![0]).toMatchObject({ title: 'New title' });
    expect(fake.indexUids()).toEqual(['prompts']);
  });

  it('leaves the live index and the outbox as they were when Meilisearch fails', async () => {
    const seller = await createSeller(db);
    const first = await createPublishedPrompt(db, seller);
    await configureIndex(connection, 'prompts');
    await syncOutbox(sql, connection);
    const second = await createPublishedPrompt(db, seller);

    fake.failNextTask({ type: 'indexSwap' });
    await expect(reindex(sql, connection)).rejects.toThrow(SearchTaskError);
    expect(ids()).toEqual([first.prompt.id]);
    expect(await queuedPromptIds(sql)).toEqual([second.prompt.id]);

    // Run again: a leftover temporary index is replaced, not added to.
    await reindex(sql, connection);
    expect(ids()).toEqual([first.prompt.id, second.prompt.id].sort());
    expect(fake.indexUids()).toEqual(['prompts']);
  });

  it('holds the sync lock, so a drain waits for the swap', async () => {
    const seller = await createSeller(db);
    await createPublishedPrompt(db, seller);
    const release = fake.holdTasks();
    const running = reindex(sql, connection);
    const deadline = Date.now() + 5000;
    while (fake.requestsTo('DELETE', '/indexes/prompts_tmp').length === 0) {
      if (Date.now() > deadline) throw new Error('reindex never started');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await syncOutbox(sql, connection)).toMatchObject({ busy: true });
    release();
    expect(await running).toMatchObject({ indexed: 1 });
  });
});
