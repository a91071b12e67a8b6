import type { SearchEngine, SearchPage, SearchQuery } from '@promptnx/search';
import { normaliseSearchText } from './postgres-search.js';

/**
 * A small in-process cache of phase-1 answers (which ids, in which order):
 * popular searches repeat, and phase 1 is most of a search's cost. Only ids
 * are kept: phase 2 still loads every card under the request's role, so a
 * prompt unpublished since it was cached is dropped from the page, never
 * shown. What it costs: a prompt published, edited or re-ranked shows up in
 * a cached search up to `ttlMs` late (the public cache headers already allow
 * 60 s, decision 0009). Bounded by entries, oldest evicted first; concurrent
 * misses of one key share one engine call.
 */
export interface SearchCacheOptions {
  /** How long an answer is reused (default 30 s). */
  ttlMs?: number;
  /** How many answers are kept (default 2,000: about 1 MB). */
  maxEntries?: number;
  now?: () => number;
}

export interface SearchCacheStats {
  hits: number;
  misses: number;
  size: number;
}

export interface CachedSearchEngine extends SearchEngine {
  /** Like search, and says whether the answer came from the cache; `fresh` skips it. */
  lookup(query: SearchQuery, fresh?: boolean): Promise<{ page: SearchPage; hit: boolean }>;
  stats(): SearchCacheStats;
}

/** The cache key: everything that changes the answer, the text as the engines read it. */
export function searchKey(query: SearchQuery): string {
  return JSON.stringify([
    normaliseSearchText(query.q),
    query.category ?? null,
    query.targetModel ?? null,
    query.minPrice ?? null,
    query.maxPrice ?? null,
    query.free ?? null,
    query.sellerId ?? null,
    query.sort,
    query.offset,
    query.limit,
  ]);
}

export function withSearchCache(
  engine: SearchEngine,
  options: SearchCacheOptions = {},
): CachedSearchEngine {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 2_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; page: Promise<SearchPage> }>();
  let hits = 0;
  let misses = 0;

  async function lookup(query: SearchQuery, fresh = false) {
    const key = searchKey(query);
    const entry = entries.get(key);
    if (!fresh && entry && now() - entry.at <= ttlMs) {
      hits++;
      return { page: await entry.page, hit: true };
    }
    misses++;
    const page = engine.search(query);
    entries.delete(key); // re-inserted last: the Map's order is the eviction order
    entries.set(key, { at: now(), page });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    try {
      return { page: await page, hit: false };
    } catch (error) {
      // A failure is not an answer: the next search tries again.
      if (entries.get(key)?.page === page) entries.delete(key);
      throw error;
    }
  }

  return {
    name: engine.name,
    lookup,
    search: async (query) => (await lookup(query)).page,
    stats: () => ({ hits, misses, size: entries.size }),
  };
}
