import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMeilisearch } from '../testing/index.js';
import { connectMeilisearch } from './connection.js';
import { configureIndex, INDEX_SETTINGS, SYNONYM_GROUPS, synonymsFromGroups } from './settings.js';

const fake = await startFakeMeilisearch();
afterAll(() => fake.close());
beforeEach(() => fake.reset());
const connection = connectMeilisearch({
  host: fake.url,
  apiKey: fake.apiKey!,
  indexUid: 'prompts',
});

describe('index settings', () => {
  it('makes every synonym group mutual', () => {
    expect(
      synonymsFromGroups([
        ['gpt', 'chatgpt'],
        ['a', 'b', 'c d'],
      ]),
    ).toEqual({
      gpt: ['chatgpt'],
      chatgpt: ['gpt'],
      a: ['b', 'c d'],
      b: ['a', 'c d'],
      'c d': ['a', 'b'],
    });
    const synonyms = INDEX_SETTINGS.synonyms;
    for (const group of SYNONYM_GROUPS) {
      for (const word of group)
        expect(synonyms[word]?.sort()).toEqual(group.filter((w) => w !== word).sort());
    }
    expect(synonyms.midjourney).toEqual(['mj']);
    expect(synonyms.sd).toEqual(['stable diffusion']);
  });

  it('creates the index with primary key id and applies the settings', async () => {
    expect(await configureIndex(connection, 'prompts')).toEqual({
      created: true,
      changed: [
        'searchableAttributes',
        'filterableAttributes',
        'sortableAttributes',
        'rankingRules',
        'synonyms',
      ],
    });
    const [created] = fake.requestsTo('POST', '/indexes');
    expect(JSON.parse(created!.body)).toEqual({ uid: 'prompts', primaryKey: 'id' });
    const settings = fake.settings('prompts')!;
    expect(settings.searchableAttributes).toEqual([
      'title',
      'tags',
      'description',
      'categoryName',
      'sellerDisplayName',
    ]);
    expect(settings.filterableAttributes.sort()).toEqual(
      ['categorySlug', 'priceAmount', 'sellerId', 'targetModel'].sort(),
    );
    expect(settings.sortableAttributes).toEqual(
      expect.arrayContaining([
        'publishedAt',
        'ratingAvg',
        'ratingCount',
        'salesCount',
        'trendingScore',
      ]),
    );
    expect(settings.rankingRules[0]).toBe('sort');
    expect(settings.typoTolerance.enabled).toBe(true);
    expect(settings.synonyms.chatgpt).toEqual(['gpt']);
  });

  it('is idempotent: a second run reads the settings and sends nothing', async () => {
    await configureIndex(connection, 'prompts');
    fake.clearRequests();
    expect(await configureIndex(connection, 'prompts')).toEqual({ created: false, changed: [] });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /indexes/prompts',
      'GET /indexes/prompts/settings',
    ]);
  });

  it('puts back only what drifted', async () => {
    await configureIndex(connection, 'prompts');
    await connection.index
      .updateSettings({ sortableAttributes: ['publishedAt'], typoTolerance: { enabled: false } })
      .waitTask();
    fake.clearRequests();
    expect(await configureIndex(connection, 'prompts')).toEqual({
      created: false,
      changed: ['sortableAttributes', 'typoTolerance'],
    });
    const [patch] = fake.requestsTo('PATCH', '/indexes/prompts/settings');
    expect(Object.keys(JSON.parse(patch!.body))).toEqual(['sortableAttributes', 'typoTolerance']);
    expect(fake.settings('prompts')!.typoTolerance.enabled).toBe(true);
  });
});
