import { prompts } from '@promptnx/db';
import {
  createPublishedPrompt,
  createSeller,
  setPromptStatus,
  useTestDatabase,
} from '@promptnx/db/testing';
import { configureIndex, connectMeilisearch } from '@promptnx/search';
import { clearOutbox, queuedPromptIds, startFakeMeilisearch } from '@promptnx/search/testing';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PURGE_AFTER_SECONDS, SEARCH_OUTBOX_PURGE_QUEUE } from './jobs/index.js';
import { type RunningSearchSync, startSearchSync } from './search-sync.js';
import { captureLogs } from './testing/capture-logs.js';
import { waitFor } from './testing/wait-for.js';
import { type RunningWorker, startWorker } from './worker.js';

const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeMeilisearch();
afterAll(() => fake.close());

const INDEX = 'prompts';
const DOCUMENTS = `/indexes/${INDEX}/documents`;
const meilisearch = { host: fake.url, apiKey: fake.apiKey!, indexUid: INDEX, taskTimeoutMs: 5000 };

const indexedIds = () => (fake.documents(INDEX) ?? []).map((d) => d.id as string).sort();
const sentIds = () =>
  fake
    .requestsTo('POST', DOCUMENTS)
    .flatMap((r) => (JSON.parse(r.body) as { id: string }[]).map((d) => d.id));

beforeEach(async () => {
  fake.reset();
  await clearOutbox(sql);
});

describe('the worker with SEARCH_ENGINE=meilisearch', () => {
  const { logger, lines } = captureLogs();
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  it('configures the index and follows published, edited and unpublished prompts', async () => {
    // A long poll interval: only the NOTIFY from the outbox trigger can be this quick.
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/5 * * * *',
      search: { engine: 'meilisearch', meilisearch, intervalMs: 60_000 },
    });
    await waitFor('the index to be configured', () =>
      fake.settings(INDEX)?.sortableAttributes.includes('publishedAt') ? true : undefined,
    );

    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller, { title: 'Neon city poster' });
    await waitFor('the prompt in the index', () =>
      indexedIds().includes(prompt.id) ? true : undefined,
    );

    await db.update(prompts).set({ title: 'Neon harbour poster' }).where(eq(prompts.id, prompt.id));
    await waitFor('the new title', () =>
      fake.documents(INDEX)?.[0]?.title === 'Neon harbour poster' ? true : undefined,
    );

    await setPromptStatus(db, prompt, 'archived');
    await waitFor('the prompt to leave the index', () =>
      indexedIds().length === 0 ? true : undefined,
    );
    await waitFor('the outbox to empty', async () =>
      (await queuedPromptIds(sql)).length === 0 ? true : undefined,
    );
    expect(
      lines.some((l) => l.msg === 'search index synced' && l.component === 'search-sync'),
    ).toBe(true);
  });
});

describe('startSearchSync', () => {
  let syncs: RunningSearchSync[] = [];
  afterEach(async () => {
    await Promise.all(syncs.map((s) => s.stop()));
    syncs = [];
  });
  const start = async (logger = captureLogs().logger, intervalMs = 100) => {
    const sync = await startSearchSync({
      sql,
      connection: connectMeilisearch(meilisearch),
      logger,
      intervalMs,
      batchSize: 5,
      maxBackoffMs: 400,
    });
    syncs.push(sync);
    return sync;
  };

  it('retries after a failed task and sends the same prompt again', async () => {
    const { logger, lines } = captureLogs();
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    fake.failNextTask({ type: 'documentAdditionOrUpdate' });

    await start(logger);
    await waitFor('the retry to index the prompt', () =>
      indexedIds().includes(prompt.id) ? true : undefined,
    );
    expect(sentIds()).toEqual([prompt.id, prompt.id]);
    expect(
      lines.find((l) => l.msg === 'search sync failed; the outbox keeps the changes'),
    ).toMatchObject({
      level: 50,
      failures: 1,
    });
    expect(lines.some((l) => l.msg === 'search sync recovered')).toBe(true);
    expect(await queuedPromptIds(sql)).toEqual([]);
  });

  it('keeps the changes queued until Meilisearch has applied them', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    await configureIndex(connectMeilisearch(meilisearch), INDEX);
    const release = fake.holdTasks();
    try {
      await start();
      await waitFor('a batch to be sent', () => (sentIds().length > 0 ? true : undefined));
      // Still waiting on Meilisearch: nothing is lost from the outbox.
      expect(await queuedPromptIds(sql)).toEqual([prompt.id]);
    } finally {
      release();
    }
    await waitFor('the outbox to empty', async () =>
      (await queuedPromptIds(sql)).length === 0 ? true : undefined,
    );
    expect(indexedIds()).toEqual([prompt.id]);
  });

  it('runs in several workers at once without sending a change twice or losing one', async () => {
    await Promise.all([start(), start(), start()]);
    const seller = await createSeller(db);
    const created: string[] = [];
    for (let i = 0; i < 15; i += 1) {
      created.push((await createPublishedPrompt(db, seller)).prompt.id);
    }
    // Each prompt was queued once, so each is sent once.
    await waitFor('every prompt in the index', () =>
      indexedIds().length === created.length ? true : undefined,
    );
    await waitFor('the outbox to empty', async () =>
      (await queuedPromptIds(sql)).length === 0 ? true : undefined,
    );
    expect(indexedIds()).toEqual([...created].sort());
    expect(sentIds().sort()).toEqual([...created].sort());
  });
});

describe('the search outbox with SEARCH_ENGINE=postgres', () => {
  const { logger } = captureLogs();
  let worker: RunningWorker | undefined;
  afterAll(() => worker?.stop());

  it('syncs nothing and purges old rows on schedule', async () => {
    worker = await startWorker({
      databaseUrl: database.url,
      logger,
      heartbeatCron: '*/5 * * * *',
      pollingIntervalSeconds: 0.5,
    });
    const seller = await createSeller(db);
    const old = await createPublishedPrompt(db, seller);
    await sql`update public.search_outbox set enqueued_at = now() - make_interval(secs => ${PURGE_AFTER_SECONDS + 60})`;
    const fresh = await createPublishedPrompt(db, seller);

    const schedules = await worker.boss.getSchedules();
    expect(schedules).toContainEqual(
      expect.objectContaining({ name: SEARCH_OUTBOX_PURGE_QUEUE, cron: '*/10 * * * *' }),
    );
    const id = (await worker.boss.send(SEARCH_OUTBOX_PURGE_QUEUE, {}))!;
    const job = await waitFor('the purge to complete', async () => {
      const found = await worker!.boss.getJobById(SEARCH_OUTBOX_PURGE_QUEUE, id);
      return found?.state === 'completed' || found?.state === 'failed' ? found : undefined;
    });
    expect(job).toMatchObject({ state: 'completed', output: { purged: 1 } });
    expect(await queuedPromptIds(sql)).toEqual([fresh.prompt.id]);
    expect(old.prompt.id).not.toBe(fresh.prompt.id);
    expect(fake.requests).toEqual([]);
  });
});
