import type { Database, Transaction } from '@promptnx/db';
import type { SearchEngine, SearchPage, SearchQuery, SearchSort } from '@promptnx/search';
import { type SQL, sql } from 'drizzle-orm';
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
 * Matches come in two steps:
 * 1. prompts whose title, tags or description hold the query's words
 *    (full-text, `websearch_to_tsquery`). By relevance: those whose title
 *    holds them first, then the others, each by `ts_rank`;
 * 2. only when those words, as typed, are in no published prompt at all
 *    (filters aside: a typo, or nonsense), the same search again with each
 *    word the catalog lacks replaced by the catalog's words one or two edits
 *    away from it (typo-vocabulary.ts).
 * The other sorts order the matches by their keys.
 *
 * Each tier works on capped candidates: the first matches in the table's
 * physical order, which the GIN bitmap yields without reading the other
 * matches' rows (300 per relevance tier, 1,000 for another sort). Below the
 * cap that is every match and the order is exact. Above it, relevance ranks
 * the candidates only: ranking all ~5,000 matches of "marketing" cost 8–18
 * ms, 300 title candidates about 2 ms; such a search shows at most 300
 * results, the best of an arbitrary 300. Another sort then walks its index
 * instead, which is cheap exactly because the matches are that many
 * (docs/performance/catalog-search.md).
 */
export interface PostgresSearchOptions {
  /** How many matches a tier ranks for relevance (default 300). */
  candidates?: number;
  /** How many matches a tier sorts by another sort's keys before walking its index instead (default 1,000). */
  sortedCandidates?: number;
  /** How many rows a search by another sort first walks in that order (default 400). */
  walkFirst?: number;
  /** The catalog's words, for typos; one of its own unless given. */
  vocabulary?: TypoVocabulary;
  /** Category ids by slug; one of its own unless given. */
  categoryIds?: CategoryIds;
}

const DEFAULT_CANDIDATES = 300;
const DEFAULT_SORTED_CANDIDATES = 1_000;
const DEFAULT_WALK = 400;

// The other sorts' keys; each matches a partial index on published prompts.
const SORT_ORDER: Record<Exclude<SearchSort, 'relevance'>, SQL> = {
  newest: sql`published_at desc, id`,
  'top-rated': sql`rating_avg desc, rating_count desc, id`,
  'best-selling': sql`sales_count desc, id`,
  trending: sql`trending_score desc, id`,
};
const orderOf = (sort: SearchSort) =>
  sort === 'relevance' ? sql`score desc, id` : SORT_ORDER[sort];

/** The query as the engine reads it: trimmed, lower case, single spaces. */
export const normaliseSearchText = (q: string) => q.trim().replace(/\s+/g, ' ').toLowerCase();

// Category, model, seller and "free" are columns of the GIN index beside the
// search words (btree_gin), so the index intersects them with the match. A
// price range is written so that no index serves it: in the GIN index it was a
// scan of every price in the range (51 ms for 299–999), worse than testing
// the price of the rows the words match. The category comes as its id:
// `category_id = (select … where slug = …)` took 1.6 ms more to plan.
function filtersOf(query: SearchQuery, categoryId: string | undefined): SQL[] {
  const where: SQL[] = [sql`p.status = 'published'`];
  if (categoryId) where.push(sql`p.category_id = ${categoryId}`);
  if (query.targetModel) where.push(sql`p.target_model = ${query.targetModel}`);
  if (query.sellerId) where.push(sql`p.seller_id = ${query.sellerId}`);
  if (query.free === true) where.push(sql`p.price_amount = 0`);
  if (query.free === false) where.push(sql`p.price_amount <> 0`);
  if (query.minPrice !== undefined) where.push(sql`p.price_amount + 0 >= ${query.minPrice}`);
  if (query.maxPrice !== undefined) where.push(sql`p.price_amount + 0 <= ${query.maxPrice}`);
  return where;
}

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

// Transaction-local, so nothing leaks into the pool: read only; no sequential
// scans, so every match goes through the GIN index (with a LIMIT, a seq scan
// "until 500 rows match" read 16,000 rows for "work", whose matches cluster
// late in the table); no parallel workers, so the candidates are the first
// matches in physical order, the same for every page.
const PHASE_1_SETTINGS = sql`
  select set_config('transaction_read_only', 'on', true),
         set_config('enable_seqscan', 'off', true),
         set_config('max_parallel_workers_per_gather', '0', true)`;

interface Tier {
  /** The tier's match condition, on top of the filters. */
  match: SQL;
  /** Its relevance score (higher first). */
  score: SQL;
}

/** Prompts matching this tsquery anywhere (title, tags, description), by ts_rank. */
function fullText(tsquery: SQL): Tier {
  return {
    match: sql`p.search_vector @@ ${tsquery}`,
    score: sql`ts_rank(p.search_vector, ${tsquery})`,
  };
}

/**
 * The same prompts split in two, for relevance: those whose title matches
 * (through the title's own GIN index, whose lists are a fraction of the
 * others': "marketing" is in 720 titles and 5,136 prompts, "testing" in
 * 1,061 titles and every description), then the rest. The title is the
 * search vector's weight A, so ts_rank puts title matches first anyway.
 */
function byTitleFirst(tsquery: SQL): [Tier, Tier] {
  const score = sql`ts_rank(p.search_vector, ${tsquery})`;
  return [
    { match: sql`to_tsvector('english', p.title) @@ ${tsquery}`, score },
    {
      match: sql`p.search_vector @@ ${tsquery} and not (ts_filter(p.search_vector, '{a}') @@ ${tsquery})`,
      score,
    },
  ];
}

interface TierPage {
  ids: string[];
  /** How many candidates the tier has: every match when below the cap. */
  total: number;
}

export function createPostgresSearchEngine(
  db: Database,
  options: PostgresSearchOptions = {},
): SearchEngine {
  const ranked = options.candidates ?? DEFAULT_CANDIDATES;
  const sorted = options.sortedCandidates ?? DEFAULT_SORTED_CANDIDATES;
  const walk = options.walkFirst ?? DEFAULT_WALK;
  const capOf = (sort: SearchSort) => (sort === 'relevance' ? ranked : sorted);
  const categoryIdOf = options.categoryIds ?? createCategoryIds(db);
  const vocabulary = options.vocabulary ?? createTypoVocabulary(db);

  /** Rows [offset, offset + count) of a tier's candidates, in the sort's order. */
  async function candidatePage(
    tx: Transaction,
    tier: Tier,
    where: SQL[],
    sort: SearchSort,
    offset: number,
    count: number,
  ): Promise<TierPage> {
    // The match is planned for all its rows (no LIMIT in `matches`), so the
    // planner uses the GIN index, never walks a btree index testing each row
    // (which it likes with a LIMIT, and which read all 86,000 rows for "mood"
    // among Llama prompts); the CTE is read lazily, so only the first
    // `candidates` rows are fetched.
    const [row] = await tx.execute<{ total: number; ids: string[] }>(sql`
      with matches as materialized (
        select p.id, ${sort === 'relevance' ? tier.score : sql`0`} as score, p.published_at, p.rating_avg, p.rating_count,
               p.sales_count, p.trending_score
        from public.prompts p
        where ${sql.join([...where, tier.match], sql` and `)}
      ), m as (select * from matches limit ${capOf(sort)})
      select (select count(*) from m)::int as total,
             array(select id from m order by ${orderOf(sort)} limit ${count} offset ${offset}) as ids`);
    return { ids: row?.ids ?? [], total: row?.total ?? 0 };
  }

  /** Whether a tier matches any published prompt at all, filters aside. */
  async function anyMatch(tx: Transaction, tier: Tier): Promise<boolean> {
    // A statement of its own: as a subquery of the page's, it tripled that one's planning time.
    const [row] = await tx.execute<{ found: boolean }>(sql`
      select exists (select 1 from public.prompts p where p.status = 'published' and ${tier.match}) as found`);
    return row?.found ?? false;
  }

  /**
   * A page by a sort's keys from the first `walk` published prompts in that
   * order: exact when that prefix holds the whole page, which it does when
   * matches are dense; cheap either way, as the walk stops as soon as the
   * page is full. The filters are tested on the prefix, not in it: inside,
   * the planner sorted every published prompt instead of walking the index
   * (108 ms for a price range).
   */
  async function walkPrefix(
    tx: Transaction,
    tier: Tier,
    where: SQL[],
    sort: Exclude<SearchSort, 'relevance'>,
    offset: number,
    count: number,
  ): Promise<string[]> {
    const rows = await tx.execute<{ id: string }>(sql`
      select id from (
        select p.id, p.status, p.search_vector, p.category_id, p.target_model, p.seller_id,
               p.price_amount, p.published_at, p.rating_avg, p.rating_count, p.sales_count,
               p.trending_score
        from public.prompts p
        where p.status = 'published'
        order by ${SORT_ORDER[sort]}
        limit ${walk}
      ) p
      where ${sql.join([...where, tier.match], sql` and `)}
      order by ${SORT_ORDER[sort]}
      limit ${count} offset ${offset}`);
    return rows.map((r) => r.id);
  }

  /** A page of a tier with more matches than candidates, by a sort's keys: an index walk. */
  async function sortedPage(
    tx: Transaction,
    tier: Tier,
    where: SQL[],
    sort: Exclude<SearchSort, 'relevance'>,
    offset: number,
    count: number,
  ): Promise<string[]> {
    const rows = await tx.execute<{ id: string }>(sql`
      select id from public.prompts p
      where ${sql.join([...where, tier.match], sql` and `)}
      order by ${SORT_ORDER[sort]}
      limit ${count} offset ${offset}`);
    return rows.map((r) => r.id);
  }

  return {
    name: 'postgres',
    async search(query: SearchQuery): Promise<SearchPage> {
      const q = normaliseSearchText(query.q);
      const categoryId = query.category ? await categoryIdOf(query.category) : undefined;
      if (query.category && !categoryId) return { ids: [], hasMore: false };
      const where = filtersOf(query, categoryId);
      const { sort, offset } = query;
      const want = query.limit + 1; // one more than the page tells whether another follows

      const inTransaction = <T>(fn: (tx: Transaction) => Promise<T>) =>
        db.transaction(async (tx) => {
          await tx.execute(PHASE_1_SETTINGS);
          return fn(tx);
        });

      /**
       * A page of prompts matching a tsquery. For relevance: title matches
       * first, then the others, each tier from its capped candidates (a tier
       * at its cap ends the list). For another sort: from the capped
       * candidates, or past the cap an index walk, cheap when matches are this many.
       */
      async function matchPage(tx: Transaction, tsquery: SQL): Promise<TierPage> {
        if (sort === 'relevance') {
          const [titles, others] = byTitleFirst(tsquery);
          const first = await candidatePage(tx, titles, where, sort, offset, want);
          if (first.ids.length === want || first.total >= ranked) return first;
          const rest = await candidatePage(
            tx,
            others,
            where,
            sort,
            Math.max(0, offset - first.total),
            want - first.ids.length,
          );
          return { ids: [...first.ids, ...rest.ids], total: first.total + rest.total };
        }
        const all = fullText(tsquery);
        // Dense matches are found by walking the sort's index a little way;
        // sparse ones by their candidates, sorted (or, many after all, a full walk).
        const walked = await walkPrefix(tx, all, where, sort, offset, want);
        if (walked.length === want) return { ids: walked, total: offset + want };
        // The prefix is a sample of the walk ahead: at 1 match in 40 rows or
        // more, walking on is cheaper than sorting every match.
        if (offset === 0 && walked.length * 40 >= walk && walk > 0) {
          return {
            ids: await sortedPage(tx, all, where, sort, offset, want),
            total: walked.length,
          };
        }
        const page = await candidatePage(tx, all, where, sort, offset, want);
        if (page.total < sorted) return page;
        return { ids: await sortedPage(tx, all, where, sort, offset, want), total: page.total };
      }

      // Typo corrections, in case the words match nothing, from the words as
      // last read: worked out before the transaction, which must never wait
      // for the word list.
      const tsquery = sql`websearch_to_tsquery('english', ${q})`;
      const early = vocabulary.correctIfLoaded(q);
      const typos = (text: string) => sql`to_tsquery('english', ${text})`;

      let ids = await inTransaction(async (tx) => {
        const page = await matchPage(tx, tsquery);
        // Without filters, no candidate already means no match at all.
        const filtered = where.length > 1;
        if (page.total > 0 || (filtered && (await anyMatch(tx, fullText(tsquery))))) {
          return page.ids;
        }
        // The words are in no published prompt: a typo, probably.
        if (!early) return undefined;
        const fixed = await matchPage(tx, typos(early));
        return fixed.total > 0 ? fixed.ids : undefined;
      });
      if (!ids) {
        // Nothing yet: the word list may be loading, or miss a prompt published
        // since it was read (correct() catches up with those first).
        const late = await vocabulary.correct(q);
        ids =
          late && late !== early
            ? await inTransaction(async (tx) => (await matchPage(tx, typos(late))).ids)
            : [];
      }
      return { ids: ids.slice(0, query.limit), hasMore: ids.length > query.limit };
    },
  };
}
