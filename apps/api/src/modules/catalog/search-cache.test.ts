import type { SearchEngine, SearchQuery } from '@promptnx/search';
import { describe, expect, it } from 'vitest';
import { searchKey, withSearchCache } from './search-cache.js';

const query: SearchQuery = { q: 'Email  Marketing', sort: 'relevance', offset: 0, limit: 24 };

function countingEngine(fail = false) {
  const calls: SearchQuery[] = [];
  const engine: SearchEngine = {
    name: 'postgres',
    async search(q) {
      calls.push(q);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error('engine down');
      return { ids: [`id-${calls.length}`], hasMore: false };
    },
  };
  return { engine, calls };
}

describe('withSearchCache', () => {
  it('answers a repeated search from memory until it is older than the TTL', async () => {
    let now = 0;
    const { engine, calls } = countingEngine();
    const cached = withSearchCache(engine, { ttlMs: 1000, now: () => now });
    expect((await cached.lookup(query)).hit).toBe(false);
    now = 1000;
    const again = await cached.lookup({ ...query, q: ' email marketing ' });
    expect(again).toEqual({ page: { ids: ['id-1'], hasMore: false }, hit: true });
    now = 1001;
    expect((await cached.lookup(query)).page.ids).toEqual(['id-2']);
    expect(calls).toHaveLength(2);
    expect(cached.stats()).toEqual({ hits: 1, misses: 2, size: 1 });
  });

  it('keys on everything that changes the answer', () => {
    const keys = new Set(
      [
        query,
        { ...query, offset: 24 },
        { ...query, limit: 12 },
        { ...query, sort: 'newest' as const },
        { ...query, category: 'marketing' },
        { ...query, targetModel: 'claude' },
        { ...query, free: true },
        { ...query, free: false },
        { ...query, minPrice: 100 },
        { ...query, maxPrice: 100 },
        { ...query, sellerId: '00000000-0000-4000-8000-000000000000' },
      ].map(searchKey),
    );
    expect(keys.size).toBe(11);
  });

  it('runs one engine call for concurrent misses of one search, and skips the cache when asked', async () => {
    const { engine, calls } = countingEngine();
    const cached = withSearchCache(engine);
    const pages = await Promise.all([cached.search(query), cached.search(query)]);
    expect(pages[0]).toEqual(pages[1]);
    expect(calls).toHaveLength(1);
    const fresh = await cached.lookup(query, true);
    expect(fresh.hit).toBe(false);
    expect(calls).toHaveLength(2);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const { engine, calls } = countingEngine();
    const cached = withSearchCache(engine, { maxEntries: 2 });
    for (const q of ['a', 'b', 'c']) await cached.search({ ...query, q });
    expect(cached.stats().size).toBe(2);
    await cached.search({ ...query, q: 'c' });
    await cached.search({ ...query, q: 'a' });
    expect(calls.map((c) => c.q)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('does not keep a failure', async () => {
    const failing = countingEngine(true);
    const cached = withSearchCache(failing.engine);
    await expect(cached.search(query)).rejects.toThrow('engine down');
    await expect(cached.search(query)).rejects.toThrow('engine down');
    expect(failing.calls).toHaveLength(2);
    expect(cached.stats().size).toBe(0);
  });
});
