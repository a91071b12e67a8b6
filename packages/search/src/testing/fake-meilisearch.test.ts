import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeMeilisearch } from './fake-meilisearch.js';

// The fake is only useful if it answers like Meilisearch: these drive it
// through the real client, the way the adapter does.

const fake = await startFakeMeilisearch();
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const client = new Meilisearch({ host: fake.url, apiKey: fake.apiKey! });

async function apiError(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof MeilisearchApiError) {
      return { status: error.response.status, code: error.cause?.code };
    }
    throw error;
  }
  throw new Error('expected a Meilisearch API error');
}

async function books() {
  const index = client.index('books');
  await client.createIndex('books', { primaryKey: 'id' }).waitTask();
  await index
    .updateSettings({
      searchableAttributes: ['title', 'tags'],
      filterableAttributes: ['genre', 'price'],
      sortableAttributes: ['year'],
      synonyms: { sf: ['science fiction'], 'science fiction': ['sf'] },
    })
    .waitTask();
  await index
    .addDocuments([
      { id: 'a', title: 'Dune', tags: ['science fiction'], genre: 'sf', price: 10, year: 1965 },
      { id: 'b', title: 'Neuromancer', tags: ['cyberpunk'], genre: 'sf', price: 0, year: 1984 },
      { id: 'c', title: 'Emma', tags: ['romance'], genre: 'classic "novel"', price: 5, year: 1815 },
    ])
    .waitTask();
  return index;
}

describe('fake Meilisearch', () => {
  it('answers health without a key and refuses other requests without the right one', async () => {
    expect(await new Meilisearch({ host: fake.url }).health()).toEqual({ status: 'available' });
    expect(await apiError(new Meilisearch({ host: fake.url }).getIndexes())).toEqual({
      status: 401,
      code: 'missing_authorization_header',
    });
    expect(
      await apiError(new Meilisearch({ host: fake.url, apiKey: 'wrong' }).getIndexes()),
    ).toEqual({ status: 403, code: 'invalid_api_key' });
  });

  it('enqueues writes as tasks processed in order, and can fail or hold one', async () => {
    const created = await client.createIndex('things', { primaryKey: 'id' });
    expect(created).toMatchObject({
      status: 'enqueued',
      type: 'indexCreation',
      indexUid: 'things',
    });
    expect((await client.tasks.waitForTask(created.taskUid)).status).toBe('succeeded');

    fake.failNextTask({ type: 'documentAdditionOrUpdate' });
    const failed = await client
      .index('things')
      .addDocuments([{ id: '1' }])
      .waitTask();
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'internal' } });
    expect(fake.documents('things')).toEqual([]);

    const release = fake.holdTasks();
    const held = await client.index('things').addDocuments([{ id: '2' }]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await client.tasks.getTask(held.taskUid)).status).toBe('enqueued');
    release();
    expect((await client.tasks.waitForTask(held.taskUid)).status).toBe('succeeded');
    expect(fake.documents('things')).toEqual([{ id: '2' }]);
  });

  it('fails a task on a missing index or a document without its primary key', async () => {
    const deletion = await client.index('nowhere').deleteDocuments(['x']).waitTask();
    expect(deletion.error?.code).toBe('index_not_found');
    await client.createIndex('keyed', { primaryKey: 'id' }).waitTask();
    const bad = await client
      .index('keyed')
      .addDocuments([{ name: 'no id' }])
      .waitTask();
    expect(bad.error?.code).toBe('missing_document_id');
    expect(await apiError(client.index('nowhere').search('x'))).toEqual({
      status: 404,
      code: 'index_not_found',
    });
  });

  it('searches with typos, prefixes and synonyms over searchable attributes only', async () => {
    const index = await books();
    const ids = async (q: string) => (await index.search(q)).hits.map((h) => h.id);
    expect(await ids('neuromancr')).toEqual(['b']); // one typo
    expect(await ids('neuro')).toEqual(['b']); // prefix on the last word
    expect(await ids('sf')).toEqual(['a']); // synonym of "science fiction" (genre is not searchable)
    expect(await ids('')).toEqual(['a', 'b', 'c']);
  });

  it('filters, sorts and pages, and refuses attributes the settings do not allow', async () => {
    const index = await books();
    const search = (params: Record<string, unknown>) =>
      index.search('', params).then((r) => r.hits.map((h) => h.id));
    expect(await search({ filter: ['genre = "sf"', 'price > 0'] })).toEqual(['a']);
    expect(await search({ filter: 'genre = "classic \\"novel\\"" OR price = 0' })).toEqual([
      'b',
      'c',
    ]);
    expect(await search({ sort: ['year:asc'] })).toEqual(['c', 'a', 'b']);
    expect(await search({ sort: ['year:desc'], offset: 1, limit: 1 })).toEqual(['a']);
    expect((await index.search('', { attributesToRetrieve: ['id'] })).hits[0]).toEqual({
      id: 'a',
    });
    expect(await apiError(index.search('', { filter: 'year > 1900' }))).toEqual({
      status: 400,
      code: 'invalid_search_filter',
    });
    expect(await apiError(index.search('', { sort: ['price:asc'] }))).toEqual({
      status: 400,
      code: 'invalid_search_sort',
    });
    expect(await apiError(index.search('', { filter: 'genre = ' }))).toEqual({
      status: 400,
      code: 'invalid_search_filter',
    });
  });

  it('swaps two indexes and records every request', async () => {
    await books();
    await client.createIndex('other', { primaryKey: 'id' }).waitTask();
    await client
      .index('other')
      .addDocuments([{ id: 'z' }])
      .waitTask();
    await client.swapIndexes([{ indexes: ['books', 'other'], rename: false }]).waitTask();
    expect(fake.documents('books')).toEqual([{ id: 'z' }]);
    expect(fake.documents('other')).toHaveLength(3);
    expect(fake.requestsTo('POST', '/swap-indexes')).toHaveLength(1);
    expect(fake.requests.every((r) => r.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(
      true,
    );
  });
});
