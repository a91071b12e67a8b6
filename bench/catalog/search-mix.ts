/**
 * Search requests for the benchmark: many distinct queries, built from the
 * catalog's own words so they behave like real ones, and chosen with a fixed
 * seed so two runs on the same catalog send the same requests. A handful of
 * queries repeated would measure a cache (or Postgres' buffers for three
 * words), not search.
 *
 * - common: a word in at least 1% of published prompts (title, tags or
 *   description), e.g. "marketing" (~6%);
 * - rare: a word in fewer than 1% (down to a handful);
 * - typo: a title word of 6+ letters with one letter dropped, doubled or two
 *   swapped, which is no word of the catalog: only typo tolerance finds it;
 * - multi: two or three consecutive words of a title ("email marketing");
 * - mixed: all of the above, about as often as listed in MIX.
 * Each request may add a filter (category, model, free, price range), another
 * sort than relevance, or ask for the second page.
 */
import type { DbClient } from '@promptnx/db';
import { encodeCursor } from '../../apps/api/src/modules/catalog/cursor.js';
import type { ListParams } from './sql.js';
import { seededRandom } from './stats.js';

export type QueryKind = 'common' | 'rare' | 'typo' | 'multi';

export interface Vocabulary {
  published: number;
  /** Title and tag words with how many published prompts match them in full-text search. */
  words: { word: string; matches: number }[];
  /** Distinct published titles, lower case. */
  titles: string[];
  categories: string[];
  models: string[];
}

/** Reads what the queries are made of (as the owner; the bench's own connection). */
export async function readVocabulary(db: DbClient): Promise<Vocabulary> {
  const [{ published }] = (await db.sql`
    select count(*)::int as published from public.prompts where status = 'published'`) as unknown as [
    { published: number },
  ];
  const words = await db.sql<{ word: string; matches: number }[]>`
    with words as (
      select distinct w from public.prompts p,
        regexp_split_to_table(lower(p.title || ' ' || array_to_string(p.tags, ' ')), '[^a-z]+') w
      where p.status = 'published' and length(w) between 4 and 20
    ), stats as (
      select word, ndoc from ts_stat($$select search_vector from public.prompts where status = 'published'$$)
    )
    select w.w as word, s.ndoc::int as matches
    from words w join stats s on s.word = (ts_lexize('english_stem', w.w))[1]
    order by w.w`;
  const titles = await db.sql<{ title: string }[]>`
    select distinct lower(title) as title from public.prompts where status = 'published' order by 1`;
  const categories = await db.sql<{ slug: string }[]>`
    select slug from public.categories order by sort_order, slug`;
  const models = await db.sql<{ target_model: string }[]>`
    select distinct target_model from public.prompts where status = 'published' order by 1`;
  return {
    published,
    words: [...words],
    titles: titles.map((t) => t.title),
    categories: categories.map((c) => c.slug),
    models: models.map((m) => m.target_model),
  };
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => {
  if (list.length === 0) throw new Error('nothing to pick from');
  return list[Math.floor(random() * list.length)]!;
};

function typoOf(random: Random, word: string): string {
  const i = 1 + Math.floor(random() * (word.length - 2)); // never the first or last letter
  switch (Math.floor(random() * 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1); // dropped
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i); // doubled
    default:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1); // swapped
  }
}

/** How often each kind comes up in the mixed scenario. */
export const MIX: Record<QueryKind, number> = { common: 0.4, rare: 0.2, typo: 0.15, multi: 0.25 };

export interface MixOptions {
  kinds: Partial<Record<QueryKind, number>>;
  /** How many distinct requests. */
  count: number;
  seed: number;
  limit: string;
}

/** `count` distinct search requests of the given kinds. */
export function searchRequests(vocabulary: Vocabulary, options: MixOptions): ListParams[] {
  const random = seededRandom(options.seed);
  const onePercent = vocabulary.published / 100;
  const known = new Set(vocabulary.words.map((w) => w.word));
  const common = vocabulary.words.filter((w) => w.matches >= onePercent).map((w) => w.word);
  const rare = vocabulary.words.filter((w) => w.matches < onePercent).map((w) => w.word);
  const long = vocabulary.words.filter((w) => w.word.length >= 6).map((w) => w.word);
  const phrases = vocabulary.titles
    .map((title) => title.split(/[^a-z]+/).filter((w) => w.length >= 3))
    .filter((words) => words.length >= 2);
  for (const [name, list] of [
    ['common', common],
    ['rare', rare],
    ['typo', long],
    ['multi', phrases],
  ] as const) {
    if (list.length === 0) throw new Error(`the catalog has no ${name} words to search for`);
  }

  const kinds = Object.entries(options.kinds) as [QueryKind, number][];
  const totalWeight = kinds.reduce((sum, [, w]) => sum + w, 0);
  const kindOf = () => {
    let r = random() * totalWeight;
    for (const [kind, weight] of kinds) {
      r -= weight;
      if (r < 0) return kind;
    }
    return kinds[kinds.length - 1]![0];
  };
  const text = (kind: QueryKind): string => {
    switch (kind) {
      case 'common':
        return pick(random, common);
      case 'rare':
        return pick(random, rare);
      case 'typo': {
        for (let attempt = 0; attempt < 20; attempt++) {
          const typo = typoOf(random, pick(random, long));
          if (!known.has(typo)) return typo;
        }
        return typoOf(random, pick(random, long));
      }
      case 'multi': {
        const words = pick(random, phrases);
        const n = Math.min(words.length, random() < 0.7 ? 2 : 3);
        const start = Math.floor(random() * (words.length - n + 1));
        return words.slice(start, start + n).join(' ');
      }
    }
  };

  const seen = new Set<string>();
  const requests: ListParams[] = [];
  for (
    let attempt = 0;
    requests.length < options.count && attempt < options.count * 50;
    attempt++
  ) {
    const kind = kindOf();
    const params: ListParams = { q: text(kind), limit: options.limit };
    const filter = random();
    if (filter < 0.12) params.category = pick(random, vocabulary.categories);
    else if (filter < 0.22) params.model = pick(random, vocabulary.models);
    else if (filter < 0.27) params.free = 'true';
    else if (filter < 0.32) Object.assign(params, { minPrice: '299', maxPrice: '999' });
    const sort = random();
    if (sort < 0.08) params.sort = 'newest';
    else if (sort < 0.14) params.sort = 'top-rated';
    else if (sort < 0.18) params.sort = 'best-selling';
    else if (sort < 0.2) params.sort = 'trending';
    // Some people look further than the first page, mostly of long result lists.
    if (random() < (kind === 'common' ? 0.15 : 0.05)) {
      params.cursor = encodeCursor({ s: 'offset', o: Number(options.limit) });
    }
    const key = JSON.stringify(params);
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push(params);
  }
  return requests;
}
