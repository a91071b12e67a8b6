/**
 * What a search engine answers: the ids of published prompts matching a query,
 * in order, one page at a time. The catalog then loads the cards for these ids
 * under the request's role, so RLS has the last word: a prompt unpublished or
 * hidden since the engine last synced never reaches a page.
 */
export type SearchSort = 'relevance' | 'newest' | 'top-rated' | 'best-selling' | 'trending';

export interface SearchQuery {
  /** Free text; always non-empty (listings without text never reach an engine). */
  q: string;
  /** Category slug. */
  category?: string | undefined;
  targetModel?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  free?: boolean | undefined;
  sellerId?: string | undefined;
  sort: SearchSort;
  offset: number;
  limit: number;
}

export interface SearchPage {
  /** Prompt ids in display order; at most `limit`. */
  ids: string[];
  /** True when another page follows this one. */
  hasMore: boolean;
}

export interface SearchEngine {
  readonly name: 'postgres' | 'meilisearch';
  search(query: SearchQuery): Promise<SearchPage>;
}
