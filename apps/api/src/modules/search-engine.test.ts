import type { Prompt } from '@promptnx/db';
import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  setPromptStatus,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  configureIndex,
  connectMeilisearch,
  createMeilisearchEngine,
  drainOutbox,
} from '@promptnx/search';
import { queuedPromptIds, startFakeMeilisearch } from '@promptnx/search/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../env.js';
import { buildTestApp } from '../test/build-test-app.js';

// The catalog with SEARCH_ENGINE=meilisearch: the real Meilisearch client
// against a local server that answers like Meilisearch. Phase 1 (which ids,
// in which order) comes from the index; phase 2 loads the cards under RLS, so
// what the index still holds after an unpublish never reaches a page.

const database = await useTestDatabase();
const { db, sql } = database;
const fake = await startFakeMeilisearch();
afterAll(() => fake.close());

const meilisearchEnv = {
  SEARCH_ENGINE: 'meilisearch',
  MEILISEARCH_HOST: fake.url,
  MEILISEARCH_API_KEY: fake.apiKey!,
  MEILISEARCH_INDEX: 'prompts',
};
const app = await buildTestApp(database, meilisearchEnv);
const postgresApp = await buildTestApp(database);
const connection = connectMeilisearch({
  host: fake.url,
  apiKey: fake.apiKey!,
  indexUid: 'prompts',
  taskTimeoutMs: 5000,
});
const SEARCH = '/indexes/prompts/search';
const SECRET = 'API-TEMPLATE-SECRET-d41e';

interface Page {
  items: { id: string; title: string }[];
  nextCursor: string | null;
}

let lanterns: Prompt[];
let categorySlug: string;

beforeAll(async () => {
  const seller = await createSeller(db);
  const category = await createCategory(db);
  categorySlug = category.slug;
  lanterns = [];
  for (const [i, title] of [
    'Paper lantern scenes',
    'Lantern festival poster',
    'Lantern logo',
  ].entries()) {
    const { prompt } = await createPublishedPrompt(db, seller, {
      title,
      categoryId: category.id,
      priceAmount: 100 * (i + 1),
      template: `${SECRET} ${i}`,
    });
    lanterns.push(prompt);
  }
  // What the worker does: configure the index and drain the outbox.
  await configureIndex(connection, 'prompts');
  await drainOutbox(sql, connection);
});
beforeEach(() => fake.clearRequests());

const list = async (target: typeof app, query: string) => {
  const res = await target.inject(`/api/prompts?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Page;
};

describe('GET /api/prompts?q= with SEARCH_ENGINE=meilisearch', () => {
  it('asks Meilisearch for one page of ids and answers with those cards in its order', async () => {
    const page = await list(app, 'q=lantern&sort=top-rated&limit=2');
    const [request] = fake.requestsTo('POST', SEARCH);
    const sent = JSON.parse(request!.body);
    expect(sent).toEqual({
      q: 'lantern',
      offset: 0,
      limit: 3,
      attributesToRetrieve: ['id'],
      sort: ['ratingAvg:desc', 'ratingCount:desc'],
      matchingStrategy: 'all',
    });
    const order = (
      await createMeilisearchEngine(connection).search({
        q: 'lantern',
        sort: 'top-rated',
        offset: 0,
        limit: 2,
      })
    ).ids;
    expect(page.items.map((i) => i.id)).toEqual(order);
    expect(page.nextCursor).not.toBeNull();

    const next = await list(app, `q=lantern&sort=top-rated&limit=2&cursor=${page.nextCursor}`);
    expect(next.items).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    expect(JSON.parse(fake.requestsTo('POST', SEARCH).at(-1)!.body)).toMatchObject({ offset: 2 });
  });

  it('passes the filters on as Meilisearch filter expressions', async () => {
    const page = await list(
      app,
      `q=lantern&category=${categorySlug}&model=claude&minPrice=150&maxPrice=250`,
    );
    expect(page.items.map((i) => i.title)).toEqual(['Lantern festival poster']);
    expect(JSON.parse(fake.requestsTo('POST', SEARCH)[0]!.body).filter).toEqual([
      `categorySlug = "${categorySlug}"`,
      'targetModel = "claude"',
      'priceAmount >= 150',
      'priceAmount <= 250',
    ]);
  });

  it('hides a prompt unpublished a moment ago, though the index still returns it', async () => {
    const archived = lanterns[1]!;
    await setPromptStatus(db, archived, 'archived');

    // The worker has not synced yet: the change waits in the outbox and the
    // index still answers with the archived prompt's id.
    expect(await queuedPromptIds(sql)).toContain(archived.id);
    const fromIndex = await createMeilisearchEngine(connection).search({
      q: 'lantern',
      sort: 'newest',
      offset: 0,
      limit: 10,
    });
    expect(fromIndex.ids).toContain(archived.id);
    fake.clearRequests();

    const page = await list(app, 'q=lantern&sort=newest');
    expect(fake.requestsTo('POST', SEARCH)).toHaveLength(1);
    expect(page.items.map((i) => i.id)).not.toContain(archived.id);
    expect(page.items).toHaveLength(2);
    const detail = await app.inject(`/api/prompts/${archived.id}`);
    expect(detail.statusCode).toBe(404);

    // Once the worker syncs, the index forgets it too.
    await drainOutbox(sql, connection);
    expect(fake.documents('prompts')!.map((d) => d.id)).not.toContain(archived.id);
  });

  it('never sent template text to Meilisearch', () => {
    expect(fake.everythingReceived()).not.toContain(SECRET);
  });
});

describe('search engine selection', () => {
  it('uses Postgres full-text search by default: nothing reaches Meilisearch', async () => {
    const page = await list(postgresApp, 'q=lantern');
    expect(page.items.length).toBeGreaterThan(0);
    expect(fake.requests).toEqual([]);
  });

  it('lists without a query from Postgres even with Meilisearch configured', async () => {
    const page = await list(app, `category=${categorySlug}`);
    expect(page.items.length).toBeGreaterThan(0);
    expect(fake.requests).toEqual([]);
  });

  it('refuses a half-configured Meilisearch at start-up, naming the variable', () => {
    const base = { DATABASE_URL: database.url };
    expect(() => loadEnv({ ...base, SEARCH_ENGINE: 'meilisearch' })).toThrow(EnvError);
    expect(() => loadEnv({ ...base, SEARCH_ENGINE: 'meilisearch' })).toThrow(
      'MEILISEARCH_HOST is required when SEARCH_ENGINE=meilisearch',
    );
    expect(() =>
      loadEnv({
        ...base,
        NODE_ENV: 'production',
        STORAGE_SIGNING_SECRET: 'x'.repeat(32),
        AUTH_JWT_SECRET: 'y'.repeat(32),
        SEARCH_ENGINE: 'meilisearch',
        MEILISEARCH_HOST: 'https://search.example.com',
        PAYMENTS_MODE: 'embedded',
      }),
    ).toThrow(
      'invalid API configuration: MEILISEARCH_API_KEY is required in production when SEARCH_ENGINE=meilisearch',
    );
    expect(() => loadEnv({ ...base, SEARCH_ENGINE: 'typesense' })).toThrow(/SEARCH_ENGINE/);
    expect(loadEnv({ ...base, ...meilisearchEnv })).toMatchObject({
      SEARCH_ENGINE: 'meilisearch',
      MEILISEARCH_INDEX: 'prompts',
    });
    expect(loadEnv(base)).toMatchObject({ SEARCH_ENGINE: 'postgres' });
  });
});
