import type { Database } from '@promptnx/db';
import { sql } from 'drizzle-orm';

/**
 * The words of the published catalog's titles and tags, for correcting
 * typos in a search: a query word the catalog lacks is replaced by the
 * catalog's words within one or two edits of it (insertion, deletion,
 * substitution or swap of neighbours, like Meilisearch's typo tolerance), and
 * the search runs again with those. Spelling correction against a list of
 * the words that exist is what pg_trgm's documentation suggests, and
 * comparing with a few thousand words in process costs well under a
 * millisecond, where pg_trgm's `<%` over every title cost 5–60 ms per query
 * (docs/performance/catalog-search.md).
 *
 * Loaded with one `ts_stat` over published prompts (titles and tags only,
 * never template text; ~0.8 s at 86,000 published prompts) on the first
 * search that needs it, then reloaded in the background once older than
 * `maxAgeMs`: a word new since then is found as typed at once (full-text
 * search reads the live index), and as the correction of a typo after the
 * next reload.
 */
export interface TypoVocabulary {
  /**
   * The query's words with each one the catalog lacks replaced by the words
   * it may be a typo of, as a `to_tsquery` text (`email & (marketing | making)`);
   * undefined when no word could be corrected. A word with no correction is left out.
   */
  correct(q: string): Promise<string | undefined>;
  /** The same without waiting: null while the list is not loaded yet (its load is started). */
  correctIfLoaded(q: string): string | undefined | null;
}

export interface TypoVocabularyOptions {
  /** Corrections kept per word, closest (then most used) first. */
  perWord?: number;
  /** Reload after this long (default 10 minutes). */
  maxAgeMs?: number;
  now?: () => number;
}

/** Typos allowed in a word of this length: none below 4 letters, two from 9. */
export const typosAllowed = (length: number) => (length < 4 ? 0 : length < 9 ? 1 : 2);

/**
 * Optimal string alignment distance (Levenshtein plus swaps of neighbours),
 * or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, max + 1);
}

/** The words of a search as the vocabulary holds them: lower case letters and digits. */
export const wordsOf = (q: string) =>
  q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

interface Loaded {
  /** word → how many published prompts use it */
  documents: Map<string, number>;
  /** word length → words */
  byLength: Map<number, string[]>;
  loadedAt: number;
  /** The newest `published_at` the words include; newer prompts are merged in on use. */
  newestPublishedAt: string | null;
}

/** The newest publication in the catalog: one step down `prompts_published_newest_idx`. */
async function newestPublication(db: Database): Promise<string | null> {
  const [row] = await db.execute<{ at: string | null }>(sql`
    select to_char(max(published_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
    from public.prompts where status = 'published'`);
  return row?.at ?? null;
}

/** Adds the title and tag words of published prompts (all, or those published after `since`). */
async function addWords(db: Database, into: Loaded, since: string | null) {
  // ts_stat takes its query as text; `since` is our own ISO timestamp, checked here.
  if (since !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(since)) {
    throw new Error(`not a timestamp: ${since}`);
  }
  const after = since === null ? '' : ` and published_at > '${since}'::timestamptz`;
  const rows = await db.execute<{ word: string; ndoc: number }>(sql`
    select word, ndoc from ts_stat(${`select to_tsvector('simple', title || ' ' || array_to_string(tags, ' ')) from public.prompts where status = 'published'${after}`})`);
  for (const { word, ndoc } of rows) {
    if (!/^[\p{L}\p{N}]+$/u.test(word)) continue;
    const known = into.documents.get(word);
    into.documents.set(word, (known ?? 0) + Number(ndoc));
    if (known !== undefined) continue;
    const list = into.byLength.get(word.length);
    if (list) list.push(word);
    else into.byLength.set(word.length, [word]);
  }
}

async function load(db: Database, now: number): Promise<Loaded> {
  const newestPublishedAt = await newestPublication(db);
  const loaded: Loaded = {
    documents: new Map(),
    byLength: new Map(),
    loadedAt: now,
    newestPublishedAt,
  };
  await addWords(db, loaded, null);
  return loaded;
}

/**
 * A prompt published since the words were read is merged in before it is
 * needed, so a new prompt is found by a typo of its title at once (a cheap
 * max() over the newest-published index decides; a title edited later waits
 * for the next full reload).
 */
async function catchUp(db: Database, v: Loaded): Promise<void> {
  const newest = await newestPublication(db);
  if (newest === null || (v.newestPublishedAt !== null && newest <= v.newestPublishedAt)) return;
  await addWords(db, v, v.newestPublishedAt);
  v.newestPublishedAt = newest;
}

export function createTypoVocabulary(
  db: Database,
  options: TypoVocabularyOptions = {},
): TypoVocabulary {
  const perWord = options.perWord ?? 3;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  let current: Loaded | undefined;
  let loading: Promise<Loaded> | undefined;

  function reload() {
    loading ??= load(db, now()).then(
      (loaded) => {
        current = loaded;
        loading = undefined;
        return loaded;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  }

  let catchingUp: Promise<void> | undefined;

  async function vocabulary(): Promise<Loaded> {
    if (!current) return reload(); // the first search that needs it waits for it
    if (now() - current.loadedAt > maxAgeMs) reload().catch(() => {}); // stale: refresh behind
    const v = current;
    catchingUp ??= catchUp(db, v).finally(() => {
      catchingUp = undefined;
    });
    await catchingUp.catch(() => {});
    return v;
  }

  function correctionsOf(v: Loaded, word: string): string[] {
    const max = typosAllowed(word.length);
    const found: { word: string; distance: number; documents: number }[] = [];
    for (let length = word.length - max; length <= word.length + max; length++) {
      for (const candidate of v.byLength.get(length) ?? []) {
        const distance = editDistance(word, candidate, max);
        if (distance <= max) {
          found.push({ word: candidate, distance, documents: v.documents.get(candidate) ?? 0 });
        }
      }
    }
    found.sort(
      (a, b) =>
        a.distance - b.distance ||
        b.documents - a.documents ||
        (a.word < b.word ? -1 : a.word > b.word ? 1 : 0),
    );
    return found.slice(0, perWord).map((f) => f.word);
  }

  function correctWith(v: Loaded, q: string): string | undefined {
    const terms: string[] = [];
    let corrected = false;
    for (const word of wordsOf(q)) {
      if (v.documents.has(word)) {
        terms.push(word);
        continue;
      }
      const options = correctionsOf(v, word);
      if (options.length === 0) continue;
      corrected = true;
      terms.push(options.length === 1 ? options[0]! : `(${options.join(' | ')})`);
    }
    return corrected ? terms.join(' & ') : undefined;
  }

  return {
    async correct(q) {
      return correctWith(await vocabulary(), q);
    },
    correctIfLoaded(q) {
      if (!current) {
        reload().catch(() => {});
        return null;
      }
      if (now() - current.loadedAt > maxAgeMs) reload().catch(() => {});
      return correctWith(current, q);
    },
  };
}
