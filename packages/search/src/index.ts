export * from './documents.js';
export * from './engine.js';
export {
  connectMeilisearch,
  DEFAULT_INDEX_UID,
  isIndexNotFound,
  type MeilisearchConfig,
  type MeilisearchConnection,
  SearchTaskError,
  waitForTasks,
} from './meilisearch/connection.js';
export {
  buildFilter,
  buildSearchParams,
  buildSort,
  createMeilisearchEngine,
  type MeilisearchEngine,
  quoteFilterValue,
} from './meilisearch/engine.js';
export {
  type ConfigureResult,
  configureIndex,
  INDEX_SETTINGS,
  PRIMARY_KEY,
  SYNONYM_GROUPS,
  settingsToChange,
  synonymsFromGroups,
} from './meilisearch/settings.js';
export * from './reindex.js';
export * from './sync.js';
