import type postgres from 'postgres';
import { countSearchablePrompts, streamPromptDocuments } from './documents.js';
import {
  type MeilisearchConnection,
  SearchTaskError,
  waitForTasks,
} from './meilisearch/connection.js';
import { configureIndex, PRIMARY_KEY } from './meilisearch/settings.js';
import { SEARCH_SYNC_LOCK } from './sync.js';

export interface ReindexProgress {
  phase: 'preparing' | 'indexing' | 'swapping' | 'done';
  /** Searchable prompts when the build started. */
  total: number;
  /** Documents sent to the new index so far. */
  indexed: number;
}

export interface ReindexOptions {
  /** Documents per request; default 1,000. */
  batchSize?: number;
  onProgress?: (progress: ReindexProgress) => void;
}

export interface ReindexResult {
  indexUid: string;
  /** Documents in the new index. */
  indexed: number;
  /** Outbox rows the rebuild made unnecessary (deleted in the same transaction). */
  outboxCleared: number;
}

/** The temporary index a rebuild fills before it is swapped in. */
export const rebuildIndexUid = (indexUid: string) => `${indexUid}_tmp`;

async function dropIndex(connection: MeilisearchConnection, indexUid: string) {
  const task = await connection.client.deleteIndex(indexUid);
  try {
    await waitForTasks(connection, [task.taskUid]);
  } catch (error) {
    if (!(error instanceof SearchTaskError && error.task.error?.code === 'index_not_found')) {
      throw error;
    }
  }
}

/**
 * Rebuilds the index from Postgres without a moment of missing results: fills
 * `<uid>_tmp` (same settings) with every searchable prompt, then swaps it with
 * the live index in one Meilisearch task and drops the old one. Prompts gone
 * since the last build disappear with the old index, no stale-id hunt needed.
 *
 * It runs in one transaction holding the sync lock (a running drain finishes
 * first; drains wait until the swap). The outbox rows present at the start
 * are deleted in that transaction: the documents are read after, so they
 * cover those changes; changes made during the build queue new rows that the
 * worker sends afterwards. If anything fails, the transaction rolls back, the
 * rows come back and the live index is untouched.
 */
export async function reindex(
  sql: postgres.Sql,
  connection: MeilisearchConnection,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const batchSize = options.batchSize ?? 1000;
  const live = connection.indexUid;
  const next = rebuildIndexUid(live);
  const report = options.onProgress ?? (() => {});
  return sql.begin(async (tx) => {
    await tx.unsafe(`select pg_advisory_xact_lock(${SEARCH_SYNC_LOCK})`);
    const cleared = await tx`delete from public.search_outbox`;
    report({ phase: 'preparing', total: 0, indexed: 0 });

    await dropIndex(connection, next);
    await configureIndex(connection, next);
    const total = await countSearchablePrompts(tx);
    report({ phase: 'indexing', total, indexed: 0 });

    // One batch in flight while the next is read: Meilisearch indexes while
    // Postgres reads, and memory stays at two batches.
    const target = connection.client.index(next);
    let indexed = 0;
    let inFlight: number | undefined;
    for await (const documents of streamPromptDocuments(tx, batchSize)) {
      const task = await target.addDocuments(documents, { primaryKey: PRIMARY_KEY });
      if (inFlight !== undefined) await waitForTasks(connection, [inFlight]);
      inFlight = task.taskUid;
      indexed += documents.length;
      report({ phase: 'indexing', total: Math.max(total, indexed), indexed });
    }
    if (inFlight !== undefined) await waitForTasks(connection, [inFlight]);

    report({ phase: 'swapping', total: Math.max(total, indexed), indexed });
    await configureIndex(connection, live);
    const swap = await connection.client.swapIndexes([{ indexes: [live, next], rename: false }]);
    await waitForTasks(connection, [swap.taskUid]);
    await dropIndex(connection, next);
    report({ phase: 'done', total: indexed, indexed });
    return { indexUid: live, indexed, outboxCleared: cleared.count };
  });
}
