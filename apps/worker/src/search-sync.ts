import {
  configureIndex,
  drainOutbox,
  type MeilisearchConnection,
  SEARCH_OUTBOX_CHANNEL,
} from '@promptnx/search';
import type postgres from 'postgres';
import type { Logger } from './logger.js';

export interface SearchSyncOptions {
  sql: postgres.Sql;
  connection: MeilisearchConnection;
  logger: Logger;
  /** Poll interval when no NOTIFY arrives; also the first retry delay after a failure. */
  intervalMs: number;
  batchSize: number;
  /** Longest wait between retries while Meilisearch keeps failing; default 60 s. */
  maxBackoffMs?: number;
}

export interface RunningSearchSync {
  /** Stops polling and listening, waits for a running drain. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Keeps Meilisearch in step with the search outbox: drains it every
 * `intervalMs`, and at once when the outbox triggers NOTIFY. Not a pg-boss
 * job: the outbox is already a durable queue written in the changing
 * transaction, and a one-second cadence is below pg-boss's cron resolution.
 * Several workers may run this; the sync lock lets one drain at a time.
 * Failures (Meilisearch down, a failed task) leave the rows queued and are
 * retried with backoff; they never stop the worker.
 */
export async function startSearchSync(options: SearchSyncOptions): Promise<RunningSearchSync> {
  const { sql, connection, logger, intervalMs, batchSize } = options;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const log = logger.child({ component: 'search-sync', index: connection.indexUid });
  let configured = false;
  let failures = 0;
  let stopped = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function drain() {
    try {
      if (!configured) {
        const result = await configureIndex(connection, connection.indexUid);
        configured = true;
        log.info(result, 'search index configured');
      }
      const started = performance.now();
      const result = await drainOutbox(sql, connection, { batchSize });
      if (result.taken > 0) {
        log.info(
          {
            taken: result.taken,
            upserted: result.upserted,
            deleted: result.deleted,
            batches: result.batches,
            ms: Math.round(performance.now() - started),
          },
          'search index synced',
        );
      }
      if (failures > 0) log.info({ failures }, 'search sync recovered');
      failures = 0;
    } catch (error) {
      failures += 1;
      log.error({ err: error, failures }, 'search sync failed; the outbox keeps the changes');
    }
  }

  function schedule(delayMs: number) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  }

  function run() {
    clearTimeout(timer);
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      if (again && failures === 0) {
        again = false;
        schedule(0);
      } else {
        again = false;
        schedule(failures === 0 ? intervalMs : Math.min(intervalMs * 2 ** failures, maxBackoffMs));
      }
    });
  }

  // A NOTIFY means rows were committed: drain now instead of at the next tick.
  const listener = await sql.listen(SEARCH_OUTBOX_CHANNEL, () => {
    if (failures === 0) run();
  });
  schedule(0);

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        stopped = true;
        clearTimeout(timer);
        await listener.unlisten().catch(() => {});
        await running;
      })();
      return stopping;
    },
  };
}
