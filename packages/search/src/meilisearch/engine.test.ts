import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PromptDocument } from '../documents.js';
import type { SearchQuery } from '../engine.js';
import { startFakeMeilisearch } from '../testing/index.js';
import { connectMeilisearch } from './connection.js';
import { buildFilter, buildSearchParams, buildSort, createMeilisearchEngine } from './engine.js';
import { configureIndex } from './settings.js';

const query = (overrides: Partial<SearchQuery> = {}): SearchQuery => ({
  q: 'poster',
  sort: 'relevance',
  offset: 0,
  limit: 10,
  ...overrides,
});

describe('the filter and sort the engine sends', () => {
  it('quotes and escapes every string, so a value cannot change the expression', () => {
    expect(
      buildFilter(
        query({
          category: 'marketing',
          targetModel: 'claude',
          sellerId: 'a" OR sellerId EXISTS OR x = "\\',
          minPrice: 100,
          maxPrice: 900,
        }),
      ),
    ).toEqual([
      'categorySlug = "marketing"',
      'targetModel = "claude"',
      'sellerId = "a\\" OR sellerId EXISTS OR x = \\"\\\\"',
      'priceAmount >= 100',
      'priceAmount <= 900',
    ]);
    expect(buildFilter(query({ free: true }))).toEqual(['priceAmount = 0']);
    expect(buildFilter(query({ free: false }))).toEqual(['priceAmount > 0']);
    expect(buildFilter(query())).toEqual([]);
  });

  it('refuses prices and paging that are not integers', () => {
    expect(() => buildFilter(query({ minPrice: 1.5 }))).toThrow(RangeError);
    expect(() => buildFilter(query({ maxPrice: Number.NaN }))).toThrow(RangeError);
    expect(() => buildSearchParams(query({ offset: 0.5 }))).toThrow(RangeError);
  });

  it('maps sorts to sort rules, relevance to none, and asks for ids only, one extra', () => {
    expect(buildSort('relevance')).toEqual([]);
    expect(buildSort('newest')).toEqual(['publishedAt:desc']);
    expect(buildSort('top-rated')).toEqual(['ratingAvg:desc', 'ratingCount:desc']);
    expect(buildSort('best-selling')).toEqual(['salesCount:desc']);
    expect(buildSort('trending')).toEqual(['trendingScore:desc']);
    expect(buildSearchParams(query({ offset: 20, limit: 10 }))).toEqual({
      offset: 20,
      limit: 11,
      attributesToRetrieve: ['id'],
    });
    expect(buildSearchParams(query({ sort: 'newest', category: 'art' }))).toEqual({
      offset: 0,
      limit: 11,
      attributesToRetrieve: ['id'],
      filter: ['categorySlug = "art"'],
      sort: ['publishedAt:desc'],
      matchingStrategy: 'all',
    });
  });
});

const fake = await startFakeMeilisearch();
afterAll(() => fake.close());

describe('createMeilisearchEngine against a Meilisearch-like server', () => {
  const connection = connectMeilisearch({
    host: fake.url,
    apiKey: fake.apiKey!,
    indexUid: 'prompts',
  });
  const engine = createMeilisearchEngine(connection);

  const doc = (id: string, overrides: Partial<PromptDocument>): PromptDocument => ({
    id,
    title: 'A prompt',
    description: 'Does a thing.',
    tags: [],
    categorySlug: 'writing',
    categoryName: 'Writing',
    targetModel: 'claude',
    priceAmount: 500,
    currency: 'usd',
    sellerId: '00000000-0000-4000-8000-000000000001',
    sellerDisplayName: 'Ada',
    publishedAt: 1_700_000_000_000,
    ratingAvg: 0,
    ratingCount: 0,
    salesCount: 0,
    trendingScore: 0,
    ...overrides,
  });
  const documents = [
    doc('11111111-1111-4111-8111-111111111111', {
      title: 'Retro movie poster',
      categorySlug: 'art',
      categoryName: 'Art',
      targetModel: 'midjourney',
      priceAmount: 0,
      publishedAt: 1_700_000_000_000,
      salesCount: 3,
      ratingAvg: 4.5,
      ratingCount: 2,
    }),
    doc('22222222-2222-4222-8222-222222222222', {
      title: 'Minimal poster generator',
      categorySlug: 'art',
      categoryName: 'Art',
      targetModel: 'stable-diffusion',
      priceAmount: 900,
      publishedAt: 1_700_000_500_000,
      salesCount: 10,
      ratingAvg: 4.5,
      ratingCount: 8,
    }),
    doc('33333333-3333-4333-8333-333333333333', {
      title: 'Poster copy for events',
      tags: ['marketing'],
      priceAmount: 300,
      publishedAt: 1_700_000_900_000,
      salesCount: 1,
      ratingAvg: 5,
      ratingCount: 1,
      sellerId: '00000000-0000-4000-8000-000000000002',
    }),
    doc('44444444-4444-4444-8444-444444444444', {
      title: 'Blog outline',
      description: 'Search engine optimisation for long posts.',
      sellerDisplayName: 'Grace Hopper',
    }),
  ];

  beforeAll(async () => {
    await configureIndex(connection, 'prompts');
    await connection.index.addDocuments(documents, { primaryKey: 'id' }).waitTask();
  });
  beforeEach(() => fake.clearRequests());

  const [retro, minimal, events, blog] = documents.map((d) => d.id) as [
    string,
    string,
    string,
    string,
  ];

  it('sends one search with ids only and reads ids back', async () => {
    const page = await engine.search(query({ q: 'poster', sort: 'newest' }));
    expect(page).toEqual({ ids: [events, minimal, retro], hasMore: false });
    const [request] = fake.requestsTo('POST', '/indexes/prompts/search');
    expect(JSON.parse(request!.body)).toMatchObject({
      q: 'poster',
      attributesToRetrieve: ['id'],
      sort: ['publishedAt:desc'],
    });
  });

  it('pages with offset and limit, and knows whether more follow', async () => {
    const first = await engine.search(query({ sort: 'best-selling', limit: 2 }));
    expect(first).toEqual({ ids: [minimal, retro], hasMore: true });
    const second = await engine.search(query({ sort: 'best-selling', offset: 2, limit: 2 }));
    expect(second).toEqual({ ids: [events], hasMore: false });
  });

  it('applies every filter', async () => {
    const ids = async (overrides: Partial<SearchQuery>) =>
      (await engine.search(query({ sort: 'newest', ...overrides }))).ids;
    expect(await ids({ category: 'art' })).toEqual([minimal, retro]);
    expect(await ids({ targetModel: 'midjourney' })).toEqual([retro]);
    expect(await ids({ free: true })).toEqual([retro]);
    expect(await ids({ free: false })).toEqual([events, minimal]);
    expect(await ids({ minPrice: 300, maxPrice: 800 })).toEqual([events]);
    expect(await ids({ sellerId: '00000000-0000-4000-8000-000000000002' })).toEqual([events]);
    expect(await ids({ sellerId: 'x" OR priceAmount >= "0' })).toEqual([]);
  });

  it('sorts top-rated by average, then count; relevance leaves the order to the text', async () => {
    expect((await engine.search(query({ sort: 'top-rated' }))).ids).toEqual([
      events,
      minimal,
      retro,
    ]);
    const relevance = await engine.search(query({ q: 'retro poster' }));
    expect(relevance.ids[0]).toBe(retro);
    expect(JSON.parse(fake.requests.at(-1)!.body)).not.toHaveProperty('sort');
  });

  it('tolerates typos and knows the synonyms; seller names are searchable', async () => {
    expect((await engine.search(query({ q: 'outlnie' }))).ids).toEqual([blog]); // one typo
    expect((await engine.search(query({ q: 'blgo' }))).ids).toEqual([]); // too short for one
    // Relevance may drop trailing words; the prompt matching both comes first.
    expect((await engine.search(query({ q: 'poste generatr' }))).ids[0]).toBe(minimal);
    expect((await engine.search(query({ q: 'poste generatr', sort: 'newest' }))).ids).toEqual([
      minimal,
    ]);
    expect((await engine.search(query({ q: 'seo' }))).ids).toEqual([blog]);
    expect((await engine.search(query({ q: 'hopper' }))).ids).toEqual([blog]);
  });
});
