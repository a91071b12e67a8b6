import type { Settings } from 'meilisearch';
import {
  isIndexNotFound,
  type MeilisearchConnection,
  SearchTaskError,
  waitForTasks,
} from './connection.js';

/**
 * Words buyers use for the same thing. Each group is made mutual (every word
 * maps to all the others); Meilisearch matches multi-word entries as phrases.
 * Keep it short: a synonym that is only sometimes right hurts more than it
 * helps.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['gpt', 'chatgpt'],
  ['sd', 'stable diffusion'],
  ['midjourney', 'mj'],
  ['img', 'image'],
  ['seo', 'search engine optimisation', 'search engine optimization'],
  ['dalle', 'dall-e'],
  ['llm', 'language model'],
];

export function synonymsFromGroups(
  groups: readonly (readonly string[])[],
): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const word of group) {
      const others = group.filter((other) => other !== word);
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...others])];
    }
  }
  return synonyms;
}

/**
 * The index as the catalog needs it. Searchable: public listing text only
 * (never template text, which is not in the documents at all). `sort` comes
 * first among the ranking rules so an explicit sort (newest, top rated, …)
 * orders all matches, as the Postgres engine does; with relevance there is
 * no sort and the text rules decide, then sales break ties.
 */
export const INDEX_SETTINGS = {
  searchableAttributes: ['title', 'tags', 'description', 'categoryName', 'sellerDisplayName'],
  filterableAttributes: ['categorySlug', 'targetModel', 'priceAmount', 'sellerId'],
  sortableAttributes: [
    'publishedAt',
    'ratingAvg',
    'ratingCount',
    'salesCount',
    'trendingScore',
    'priceAmount',
  ],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'salesCount:desc'],
  synonyms: synonymsFromGroups(SYNONYM_GROUPS),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: 1000 },
} satisfies Settings;

export const PRIMARY_KEY = 'id';

const sameList = (a: unknown, b: readonly string[]) =>
  Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);

const sameSet = (a: unknown, b: readonly string[]) =>
  Array.isArray(a) && a.length === b.length && b.every((v) => a.includes(v));

function sameSynonyms(current: unknown, wanted: Record<string, string[]>): boolean {
  if (!current || typeof current !== 'object') return false;
  const have = current as Record<string, unknown>;
  const keys = Object.keys(wanted);
  return (
    Object.keys(have).length === keys.length &&
    keys.every((key) => sameSet(have[key], wanted[key] ?? []))
  );
}

/** The settings that differ from INDEX_SETTINGS (empty when the index is as wanted). */
export function settingsToChange(current: Settings): Settings {
  const wanted = INDEX_SETTINGS;
  const patch: Settings = {};
  if (!sameList(current.searchableAttributes, wanted.searchableAttributes)) {
    patch.searchableAttributes = wanted.searchableAttributes;
  }
  if (!sameSet(current.filterableAttributes, wanted.filterableAttributes)) {
    patch.filterableAttributes = wanted.filterableAttributes;
  }
  if (!sameSet(current.sortableAttributes, wanted.sortableAttributes)) {
    patch.sortableAttributes = wanted.sortableAttributes;
  }
  if (!sameList(current.rankingRules, wanted.rankingRules)) {
    patch.rankingRules = wanted.rankingRules;
  }
  if (!sameSynonyms(current.synonyms, wanted.synonyms)) patch.synonyms = wanted.synonyms;
  const typo = current.typoTolerance;
  if (
    typo?.enabled !== wanted.typoTolerance.enabled ||
    typo.minWordSizeForTypos?.oneTypo !== wanted.typoTolerance.minWordSizeForTypos.oneTypo ||
    typo.minWordSizeForTypos?.twoTypos !== wanted.typoTolerance.minWordSizeForTypos.twoTypos
  ) {
    patch.typoTolerance = wanted.typoTolerance;
  }
  if (current.pagination?.maxTotalHits !== wanted.pagination.maxTotalHits) {
    patch.pagination = wanted.pagination;
  }
  return patch;
}

export interface ConfigureResult {
  created: boolean;
  /** The settings that were changed (none when the index already matched). */
  changed: string[];
}

/**
 * Makes the index exist with primary key `id` and INDEX_SETTINGS. Idempotent:
 * it reads the settings first and sends only what differs, so running it on
 * every worker start costs one GET (changing settings makes Meilisearch
 * re-index, which is not free).
 */
export async function configureIndex(
  connection: Pick<MeilisearchConnection, 'client' | 'taskTimeoutMs'>,
  indexUid: string,
): Promise<ConfigureResult> {
  const { client } = connection;
  let created = false;
  try {
    await client.getRawIndex(indexUid);
  } catch (error) {
    if (!isIndexNotFound(error)) throw error;
    const task = await client.createIndex(indexUid, { primaryKey: PRIMARY_KEY });
    try {
      await waitForTasks(connection, [task.taskUid]);
      created = true;
    } catch (failure) {
      // Another process created it between our GET and POST: fine.
      if (
        !(failure instanceof SearchTaskError && failure.task.error?.code === 'index_already_exists')
      ) {
        throw failure;
      }
    }
  }
  const index = client.index(indexUid);
  const patch = settingsToChange(await index.getSettings());
  const changed = Object.keys(patch);
  if (changed.length > 0) {
    const task = await index.updateSettings(patch);
    await waitForTasks(connection, [task.taskUid]);
  }
  return { created, changed };
}
