import { purgeOutbox } from '@promptnx/search';
import type { JobDefinition } from './types.js';

export const SEARCH_OUTBOX_PURGE_QUEUE = 'search-outbox-purge';

/** Rows this old are purged when nothing syncs them (SEARCH_ENGINE=postgres). */
export const PURGE_AFTER_SECONDS = 600;

/**
 * With Postgres full-text search nothing reads the search outbox, which the
 * triggers fill on every listing change: this empties it on a schedule so it
 * cannot grow forever. With Meilisearch it does nothing (the search sync
 * drains the outbox; purging would lose updates). It is always registered, so
 * switching engines never leaves a stale schedule behind; switching to
 * Meilisearch starts with `pnpm search:reindex`, which reads every prompt.
 */
export function searchOutboxPurgeJob(
  engine: 'postgres' | 'meilisearch',
  cron: string,
): JobDefinition {
  return {
    name: SEARCH_OUTBOX_PURGE_QUEUE,
    cron,
    queue: { retryLimit: 1, expireInSeconds: 300 },
    async handler(_job, { sql, logger }) {
      if (engine === 'meilisearch')
        return { purged: 0, skipped: 'the search sync drains the outbox' };
      const purged = await purgeOutbox(sql, PURGE_AFTER_SECONDS);
      if (purged > 0) logger.info({ purged }, 'search outbox purged (SEARCH_ENGINE=postgres)');
      return { purged };
    },
  };
}
