import type { SearchParams } from 'meilisearch';
import type { SearchEngine, SearchPage, SearchQuery, SearchSort } from '../engine.js';
import {
  connectMeilisearch,
  type MeilisearchConfig,
  type MeilisearchConnection,
} from './connection.js';

/** A string as a Meilisearch filter value: double-quoted, `"` and `\` escaped. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function integer(name: string, value: number): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} must be an integer (got ${value})`);
  return value;
}

/**
 * SearchQuery filters as Meilisearch filter expressions, one per condition
 * (the array form: Meilisearch ANDs the elements). Strings are quoted and
 * escaped, numbers must be integers (minor units), so no input can change the
 * expression's shape.
 */
export function buildFilter(query: SearchQuery): string[] {
  const filter: string[] = [];
  if (query.category) filter.push(`categorySlug = ${quoteFilterValue(query.category)}`);
  if (query.targetModel) filter.push(`targetModel = ${quoteFilterValue(query.targetModel)}`);
  if (query.sellerId) filter.push(`sellerId = ${quoteFilterValue(query.sellerId)}`);
  if (query.free === true) filter.push('priceAmount = 0');
  if (query.free === false) filter.push('priceAmount > 0');
  if (query.minPrice !== undefined) {
    filter.push(`priceAmount >= ${integer('minPrice', query.minPrice)}`);
  }
  if (query.maxPrice !== undefined) {
    filter.push(`priceAmount <= ${integer('maxPrice', query.maxPrice)}`);
  }
  return filter;
}

const SORT_RULES: Record<SearchSort, string[]> = {
  relevance: [],
  newest: ['publishedAt:desc'],
  'top-rated': ['ratingAvg:desc', 'ratingCount:desc'],
  'best-selling': ['salesCount:desc'],
  trending: ['trendingScore:desc'],
};

/** The catalog's sort as Meilisearch sort rules; relevance is no sort at all. */
export function buildSort(sort: SearchSort): string[] {
  return SORT_RULES[sort];
}

/** The search request for one page: limit + 1 hits to know whether another page follows. */
export function buildSearchParams(query: SearchQuery): SearchParams {
  const filter = buildFilter(query);
  const sort = buildSort(query.sort);
  return {
    offset: integer('offset', query.offset),
    limit: integer('limit', query.limit) + 1,
    attributesToRetrieve: ['id'],
    ...(filter.length > 0 ? { filter } : {}),
    ...(sort.length > 0 ? { sort } : {}),
    // With an explicit sort every word must match (the order says nothing
    // about relevance); relevance may drop trailing words, best matches first.
    ...(sort.length > 0 ? { matchingStrategy: 'all' as const } : {}),
  };
}

export interface MeilisearchEngine extends SearchEngine {
  readonly name: 'meilisearch';
  readonly connection: MeilisearchConnection;
}

/**
 * Search through Meilisearch: ids only, in the engine's order. The catalog
 * loads the cards for these ids under RLS, so a prompt the index still holds
 * after it was unpublished never reaches a page.
 */
export function createMeilisearchEngine(
  config: MeilisearchConfig | MeilisearchConnection,
): MeilisearchEngine {
  const connection = 'client' in config ? config : connectMeilisearch(config);
  return {
    name: 'meilisearch',
    connection,
    async search(query: SearchQuery): Promise<SearchPage> {
      const response = await connection.index.search<{ id: string }>(
        query.q,
        buildSearchParams(query),
      );
      const ids = response.hits.map((hit) => String(hit.id));
      return { ids: ids.slice(0, query.limit), hasMore: ids.length > query.limit };
    },
  };
}
