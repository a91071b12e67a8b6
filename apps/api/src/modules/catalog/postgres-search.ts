import type { Database } from '@promptnx/db';
import type { SearchEngine, SearchPage, SearchQuery } from '@promptnx/search';
import { sql } from 'drizzle-orm';
import { createTypoVocabulary, type TypoVocabulary } from './typo-vocabulary.js';

/**
 * Phase 1 of a catalog search (decision 0010): which published prompts match,
 * in which order, one page of ids. System code: it runs on the API's own
 * connection, outside withUser, so the GIN indexes serve the match (under RLS
 * the non-LEAKPROOF `@@` and `<%` cannot use them). It therefore states
 * `status = 'published'` itself, reads nothing but prompts (and categories'
 * ids), never prompt_templates, and runs read-only. Phase 2 loads the cards
 * under the request's role, so RLS still decides what is shown.
 *
 * The steps below run inside Postgres, in the function
 * `public.search_prompt_ids` (migration `…_search_prompt_ids.sql`): one
 * statement, one round trip, no transaction (decision 0022). This side
 * resolves the category, keeps the typo word list and asks again when the
 * list had to catch up.
 *
 * Matches come in two steps:
 * 1. prompts whose title, tags or description hold the query's words
 *    (full-text, `websearch_to_tsquery`). By relevance: those whose title
 *    holds them first, then the others, each by `ts_rank`;
 * 2. only when those words, as typed, are in no published prompt at all
 *    (filters aside: a typo, or nonsense), the same search again with each
 *    word the catalog lacks replaced by the catalog's words one or two edits
 *    away from it (typo-vocabulary.ts).
 * The other sorts walk their index testing each row when the planner
 * expects that to read fewer rows than the matches (dense words), else
 * sort the matches by their keys; either way the page is exact.
 *
 * Relevance works on capped candidates: the first matches in the table's
 * physical order, which the GIN bitmap yields without reading the other
 * matches' rows (300 per tier). Below the cap that is every match and the
 * order is exact. Above it, relevance ranks the candidates only: ranking all
 * ~5,000 matches of "marketing" cost 8–18 ms, 300 title candidates about 2
 * ms; such a search shows at most 300 results, the best of an arbitrary 300
 * (docs/performance/catalog-search.md).
 */
export interface PostgresSearchOptions {
  /** How many matches a tier ranks for relevance (default 300). */
  candidates?: number;
  /** How many matches a tier sorts by another sort's keys before walking its index instead (default 2,000). */
  sortedCandidates?: number;
  /**
   * How many rows a search by another sort first walks in that order (0: no
   * walk first); by default worked out from the planner's estimate of the matches.
   */
  walkFirst?: number;
  /** The catalog's words, for typos; one of its own unless given. */
  vocabulary?: TypoVocabulary;
  /** Category ids by slug; one of its own unless given. */
  categoryIds?: CategoryIds;
}

const DEFAULT_CANDIDATES = 300;
const DEFAULT_SORTED_CANDIDATES = 2_000;

/** The query as the engine reads it: trimmed, lower case, single spaces. */
export const normaliseSearchText = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

/** A category's id by its slug. */
export type CategoryIds = (slug: string) => Promise<string | undefined>;

/** Category ids by slug, read again after a minute or on an unknown slug (at most every 5 s). */
export function createCategoryIds(db: Database): CategoryIds {
  let ids = new Map<string, string>();
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  const read = () => {
    reading ??= db
      .execute<{ id: string; slug: string }>(sql`select id, slug from public.categories`)
      .then((rows) => {
        ids = new Map(rows.map((r) => [r.slug, r.id]));
        readAt = Date.now();
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  return async (slug: string): Promise<string | undefined> => {
    const age = Date.now() - readAt;
    if (age > 60_000 || (!ids.has(slug) && age > 5_000)) await read();
    return ids.get(slug);
  };
}

export function createPostgresSearchEngine(
  db: Database,
  options: PostgresSearchOptions = {},
): SearchEngine {
  const ranked = options.candidates ?? DEFAULT_CANDIDATES;
  const sorted = options.sortedCandidates ?? DEFAULT_SORTED_CANDIDATES;
  const walk = options.walkFirst ?? null;
  const categoryIdOf = options.categoryIds ?? createCategoryIds(db);
  const vocabulary = options.vocabulary ?? createTypoVocabulary(db);

  return {
    name: 'postgres',
    async search(query: SearchQuery): Promise<SearchPage> {
      const q = normaliseSearchText(query.q);
      const categoryId = query.category ? await categoryIdOf(query.category) : undefined;
      if (query.category && !categoryId) return { ids: [], hasMore: false };
      const want = query.limit + 1; // one more than the page tells whether another follows

      /** One page of ids, or null when neither the words nor `typo` match anything. */
      const page = async (typo: string | null) => {
        const [row] = await db.execute<{ ids: string[] | null }>(sql`
          select public.search_prompt_ids(
            ${q}, ${typo}, ${categoryId ?? null}::uuid, ${query.targetModel ?? null}::text,
            ${query.sellerId ?? null}::uuid, ${query.free ?? null}::boolean,
            ${query.minPrice ?? null}::int, ${query.maxPrice ?? null}::int,
            ${query.sort}, ${query.offset}::int, ${want}::int,
            ${ranked}::int, ${sorted}::int, ${walk}::int) as ids`);
        return row?.ids ?? null;
      };

      // Typo corrections, in case the words match nothing, from the words as
      // last read: worked out before the query, which must never wait for the
      // word list.
      const early = vocabulary.correctIfLoaded(q);
      let ids = await page(early ?? null);
      if (!ids) {
        // Nothing yet: the word list may be loading, or miss a prompt published
        // since it was read (correct() catches up with those first).
        const late = await vocabulary.correct(q);
        ids = late && late !== early ? ((await page(late)) ?? []) : [];
      }
      return { ids: ids.slice(0, query.limit), hasMore: ids.length > query.limit };
    },
  };
}
