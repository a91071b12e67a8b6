import { anonClaims, type Prompt } from '@promptnx/db';
import {
  createCategory,
  createDraftPrompt,
  createPublishedPrompt,
  createSeller,
  setPromptStatus,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { promptListSchema } from '@promptnx/schema';
import type { SearchEngine } from '@promptnx/search';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, bearer, signTestToken } from '../../test/tokens.js';
import type { Storage } from '../storage/local-storage.js';
import { createPostgresSearchEngine } from './postgres-search.js';
import { createCatalogService } from './service.js';

// Search is two phases (decision 0010): the engine finds one page of ids over
// published prompts as system code, then the cards load as the request's role
// under RLS. These tests use invented words, so each query's matches are known.

const database = await useTestDatabase();
const { db } = database;
const app = await buildTestApp(database, authEnv);
const storage = { signedUrl: (key: string) => `test://${key}` } as unknown as Storage;

const TEMPLATE_SECRET = 'TEMPLATE-ONLY-quokkaquill-7f3a';
let seller: TestUser;
let otherCategory: string;
/** 30 published prompts with "lanternfish" in their titles, in creation order. */
const lanterns: Prompt[] = [];
const hidden: Record<string, Prompt> = {};

async function search(query: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ url: `/api/prompts${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.body).not.toContain(TEMPLATE_SECRET);
  return promptListSchema.parse(res.json());
}

/** Every page of a search, following nextCursor. */
async function allPages(query: string) {
  const items = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await search(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return items;
}

const titles = (page: { items: { title: string }[] }) => page.items.map((i) => i.title);

beforeAll(async () => {
  seller = await createSeller(db);
  const category = await createCategory(db);
  otherCategory = (await createCategory(db)).slug;
  const other = await db.execute<{ id: string }>(
    sql`select id from categories where slug = ${otherCategory}`,
  );
  for (let i = 0; i < 30; i++) {
    const { prompt } = await createPublishedPrompt(db, seller, {
      title: `Lanternfish helper ${i}`,
      description: `Number ${i} of the deep-sea series.`,
      categoryId: i % 3 === 0 ? other[0]!.id : category.id,
      priceAmount: i % 4 === 0 ? 0 : 500 + i * 10,
      template: `${TEMPLATE_SECRET} lanternfish ${i}`,
    });
    // Distinct sort keys, set as the system would (owner, outside RLS).
    await db.execute(sql`
      update prompts set sales_count = ${(i * 7) % 30}, rating_avg = ${((i * 3) % 50) / 10},
        rating_count = ${i}, trending_score = ${(i * 11) % 30},
        target_model = ${i % 2 === 0 ? 'chatgpt' : 'claude'},
        published_at = now() - make_interval(hours => ${i})
      where id = ${prompt.id}`);
    lanterns.push(prompt);
  }
  await createPublishedPrompt(db, seller, {
    title: 'Quillfeather outline writer',
    description: 'Plans chapters.',
    categoryId: category.id,
  });
  await createPublishedPrompt(db, seller, {
    title: 'Chapter planner',
    tags: ['zephyrine'],
    categoryId: category.id,
  });
  await createPublishedPrompt(db, seller, {
    title: 'Scene sketcher',
    description: 'Sketches every scene in marbleglow detail.',
    categoryId: category.id,
  });
  await createPublishedPrompt(db, seller, {
    title: 'Ordinary helper',
    description: 'Mentions glimmerwick once, in the description only.',
    categoryId: category.id,
  });
  await createPublishedPrompt(db, seller, {
    title: 'Glimmerwick stories',
    categoryId: category.id,
  });
  // The same word in prompts nobody but their seller (or buyers) may see.
  for (const status of ['draft', 'pending_review', 'rejected', 'archived'] as const) {
    const { prompt } = await createDraftPrompt(db, seller, {
      title: `Obsidianhush ${status}`,
      categoryId: category.id,
    });
    hidden[status] = status === 'draft' ? prompt : await setPromptStatus(db, prompt, status);
  }
  const { prompt: shown } = await createPublishedPrompt(db, seller, {
    title: 'Obsidianhush published',
    categoryId: category.id,
  });
  hidden.published = shown;
});

describe('search (phase 1 as system code, phase 2 under RLS)', () => {
  it('finds by title, tag and description, title matches first', async () => {
    expect(titles(await search('?q=quillfeather'))).toEqual(['Quillfeather outline writer']);
    expect(titles(await search('?q=zephyrine'))).toEqual(['Chapter planner']);
    expect(titles(await search('?q=marbleglow'))).toEqual(['Scene sketcher']);
    expect(titles(await search('?q=glimmerwick'))).toEqual([
      'Glimmerwick stories',
      'Ordinary helper',
    ]);
  });

  it('finds a title despite a typo, and nothing for nonsense', async () => {
    for (const typo of ['quilfeather', 'qiullfeather', 'quillfaether', 'Quillfeathers']) {
      expect(titles(await search(`?q=${typo}`)), typo).toEqual(['Quillfeather outline writer']);
    }
    expect(titles(await search('?q=lantrenfish&limit=60'))).toHaveLength(30);
    expect((await search('?q=zzqxjv')).items).toEqual([]);
  });

  it('combines the words with filters and every sort', async () => {
    const free = await search('?q=lanternfish&free=true&limit=60');
    expect(free.items.length).toBe(8);
    expect(free.items.every((i) => i.price.amount === 0)).toBe(true);
    const inCategory = await search(`?q=lanternfish&category=${otherCategory}&limit=60`);
    expect(inCategory.items.length).toBe(10);
    expect(inCategory.items.every((i) => i.category.slug === otherCategory)).toBe(true);
    const priced = await search('?q=lanternfish&minPrice=600&maxPrice=700&model=claude&limit=60');
    expect(priced.items.length).toBeGreaterThan(0);
    expect(
      priced.items.every(
        (i) => i.price.amount >= 600 && i.price.amount <= 700 && i.targetModel === 'claude',
      ),
    ).toBe(true);
    const seller_ = await search(`?q=lanternfish&seller=${seller.id}&limit=60`);
    expect(seller_.items.length).toBe(30);

    const bestSelling = await search('?q=lanternfish&sort=best-selling&limit=60');
    const sales = bestSelling.items.map((i) => i.salesCount);
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
    const topRated = await search('?q=lanternfish&sort=top-rated&limit=60');
    const ratings = topRated.items.map((i) => i.rating.average);
    expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
    const newest = await search(`?q=lanternfish&sort=newest&category=${otherCategory}`);
    const times = newest.items.map((i) => Date.parse(i.publishedAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(newest.items.length).toBe(10);
  });

  it('pages a search with its cursor, without repeats or gaps, in every sort', async () => {
    const expected = new Set(lanterns.map((p) => p.id));
    for (const sort of ['', '&sort=newest', '&sort=top-rated', '&sort=trending']) {
      const items = await allPages(`?q=lanternfish&limit=7${sort}`);
      expect(items.map((i) => i.id).sort(), sort).toEqual([...expected].sort());
    }
    const first = await search('?q=lanternfish&limit=7');
    expect(first.nextCursor).not.toBeNull();
    const last = await search('?q=lanternfish&limit=30');
    expect(last.nextCursor).toBeNull();
  });

  it('never shows drafts, pending, rejected or archived prompts, not even to their seller', async () => {
    const owner = bearer(await signTestToken({ sub: seller.id, email: seller.email }));
    for (const headers of [{}, owner]) {
      for (const q of ['obsidianhush', 'obsidianhus', 'obsidianhush draft']) {
        const page = await search(`?q=${encodeURIComponent(q)}&limit=60`, headers);
        const ids = page.items.map((i) => i.id);
        for (const status of ['draft', 'pending_review', 'rejected', 'archived']) {
          expect(ids, `${q} ${status}`).not.toContain(hidden[status]!.id);
        }
      }
      const found = await search('?q=obsidianhush', headers);
      expect(found.items.map((i) => i.id)).toEqual([hidden.published!.id]);
    }
  });

  it('drops what RLS no longer shows between the two phases', async () => {
    const { prompt: victim } = await createPublishedPrompt(db, seller, {
      title: 'Fleetingfern one',
    });
    const { prompt: stays } = await createPublishedPrompt(db, seller, {
      title: 'Fleetingfern two',
    });
    const real = createPostgresSearchEngine(db);
    const engine: SearchEngine = {
      name: 'postgres',
      async search(query) {
        const page = await real.search(query);
        // Unpublished after phase 1 found it.
        await setPromptStatus(db, victim, 'archived');
        return page;
      },
    };
    const catalog = createCatalogService(db, storage, { engine });
    const page = await catalog.listPrompts(anonClaims, { q: 'fleetingfern', limit: 24 });
    expect(page.items.map((i) => i.id)).toEqual([stays.id]);

    // An engine that answers with a stale index: ids of a draft, of an
    // archived prompt, one that does not exist and one that is no id at all.
    const stale: SearchEngine = {
      name: 'meilisearch',
      search: async () => ({
        ids: [
          hidden.draft!.id,
          stays.id,
          stays.id,
          hidden.archived!.id,
          '00000000-0000-4000-8000-000000000000',
          'not-an-id',
          lanterns[0]!.id,
        ],
        hasMore: false,
      }),
    };
    const owner = { role: 'authenticated' as const, sub: seller.id };
    for (const claims of [anonClaims, owner]) {
      const shown = await createCatalogService(db, storage, { engine: stale }).listPrompts(claims, {
        q: 'anything',
        limit: 24,
      });
      expect(shown.items.map((i) => i.id)).toEqual([stays.id, lanterns[0]!.id]);
      expect(JSON.stringify(shown)).not.toContain(TEMPLATE_SECRET);
    }
  });

  it('reuses a cached phase 1 but still drops what RLS no longer shows', async () => {
    const { prompt: cachedOne } = await createPublishedPrompt(db, seller, {
      title: 'Cachedwren one',
    });
    const { prompt: cachedTwo } = await createPublishedPrompt(db, seller, {
      title: 'Cachedwren two',
    });
    const first = await app.inject('/api/prompts?q=cachedwren');
    expect(first.headers['server-timing']).toMatch(
      /^search;dur=[\d.]+;desc="postgres, cache miss"$/,
    );
    await setPromptStatus(db, cachedOne, 'archived');
    const second = await app.inject('/api/prompts?q=cachedwren');
    expect(second.headers['server-timing']).toContain('cache hit');
    expect(promptListSchema.parse(second.json()).items.map((i) => i.id)).toEqual([cachedTwo.id]);
    const fresh = await app.inject({
      url: '/api/prompts?q=cachedwren',
      headers: { 'cache-control': 'no-cache' },
    });
    expect(fresh.headers['server-timing']).toContain('cache off');
    expect(fresh.json().items.map((i: { id: string }) => i.id)).toEqual([cachedTwo.id]);
    // Listings carry no search timing.
    expect((await app.inject('/api/prompts?limit=1')).headers['server-timing']).toBeUndefined();
  });

  it('never finds prompts by their template text', async () => {
    expect((await search(`?q=${encodeURIComponent(TEMPLATE_SECRET)}`)).items).toEqual([]);
    expect((await search('?q=quokkaquill')).items).toEqual([]);
  });

  it('leaves no setting behind on the pooled connections', async () => {
    // Every connection of the pool (5) runs searches, typo ones included…
    await Promise.all(
      ['lanternfish', 'lantrenfish', 'obsidianhus', 'zzqxjv', 'glimmerwick', 'quilfeather'].map(
        (q) => search(`?q=${q}&sort=newest`),
      ),
    );
    // …and then sees the defaults again.
    const rows = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.execute<Record<string, string | null>>(sql`
          select current_setting('enable_indexscan') as indexscan,
                 current_setting('enable_seqscan') as seqscan,
                 current_setting('transaction_read_only') as read_only,
                 current_setting('max_parallel_workers_per_gather') as workers,
                 current_setting('pg_trgm.word_similarity_threshold', true) as threshold,
                 current_user as role, pg_sleep(0.05)`),
      ),
    );
    for (const [row] of rows) {
      expect(row).toMatchObject({
        indexscan: 'on',
        seqscan: 'on',
        read_only: 'off',
        workers: '2',
        role: 'postgres',
      });
      expect([null, '', '0.6']).toContain(row!.threshold);
    }
  });
});

describe('the Postgres engine above its candidate caps', () => {
  const engine = createPostgresSearchEngine(db, {
    candidates: 10,
    sortedCandidates: 12,
    walkFirst: 0,
  });
  const query = { q: 'lanternfish', offset: 0, limit: 24 } as const;

  it('ranks the first candidates only for relevance', async () => {
    const page = await engine.search({ ...query, sort: 'relevance' });
    expect(page.ids).toHaveLength(10);
    expect(page.hasMore).toBe(false);
  });

  it('still pages every match in exact order for the other sorts (an index walk)', async () => {
    const expected = await db.execute<{ id: string }>(sql`
      select id from prompts where status = 'published' and title like 'Lanternfish%'
      order by sales_count desc, id`);
    const first = await engine.search({ ...query, sort: 'best-selling', limit: 20 });
    const second = await engine.search({ ...query, sort: 'best-selling', limit: 20, offset: 20 });
    expect(first.hasMore).toBe(true);
    expect(second.hasMore).toBe(false);
    expect([...first.ids, ...second.ids]).toEqual(expected.map((r) => r.id));
  });

  it('answers a sort from a short walk when the matches are dense, the same pages', async () => {
    const expected = await db.execute<{ id: string }>(sql`
      select id from prompts where status = 'published' and title like 'Lanternfish%'
      order by trending_score desc, id`);
    for (const walkFirst of [0, 5, 400]) {
      const walking = createPostgresSearchEngine(db, { walkFirst, sortedCandidates: 12 });
      const ids: string[] = [];
      for (let offset = 0; offset < 30; offset += 7) {
        const page = await walking.search({ ...query, sort: 'trending', limit: 7, offset });
        ids.push(...page.ids);
        expect(page.hasMore, `walkFirst ${walkFirst} offset ${offset}`).toBe(offset + 7 < 30);
      }
      expect(ids, `walkFirst ${walkFirst}`).toEqual(expected.map((r) => r.id));
    }
  });

  it('gives the same exact pages with filters and a price range, whichever way it reads', async () => {
    // Relevance aside, the order of the attempts (a walk of the sort's index,
    // the sorted matches, a full walk) follows the planner's estimates; the
    // answer must not.
    const expected = await db.execute<{ id: string }>(sql`
      select id from prompts
      where status = 'published' and title like 'Lanternfish%' and target_model = 'claude'
        and price_amount between 550 and 700
      order by published_at desc, id`);
    expect(expected.length).toBeGreaterThan(4);
    const engines = {
      estimated: createPostgresSearchEngine(db),
      'no walk, small cap': createPostgresSearchEngine(db, { walkFirst: 0, sortedCandidates: 3 }),
      'short walk': createPostgresSearchEngine(db, { walkFirst: 2, sortedCandidates: 3 }),
      'long walk': createPostgresSearchEngine(db, { walkFirst: 1000 }),
    };
    for (const [name, engine] of Object.entries(engines)) {
      const ids: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 2) {
        const page = await engine.search({
          q: 'lanternfish',
          targetModel: 'claude',
          minPrice: 550,
          maxPrice: 700,
          sort: 'newest',
          offset,
          limit: 2,
        });
        ids.push(...page.ids);
        expect(page.hasMore, `${name} at ${offset}`).toBe(offset + 2 < expected.length);
      }
      expect(ids, name).toEqual(expected.map((r) => r.id));
    }
  });
});
