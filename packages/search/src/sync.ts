import type postgres from 'postgres';
import { loadPromptDocuments } from './documents.js';
import { type MeilisearchConnection, waitForTasks } from './meilisearch/connection.js';
import { PRIMARY_KEY } from './meilisearch/settings.js';

/** The channel the outbox triggers NOTIFY after writing rows. */
export const SEARCH_OUTBOX_CHANNEL = 'search_outbox';

/**
 * One writer to the index at a time: the sync and the reindex hold this
 * transaction-level advisory lock. Two drains racing could otherwise send an
 * older state of a prompt after a newer one (Meilisearch applies tasks in the
 * order they arrive, not the order the states were read).
 */
export const SEARCH_SYNC_LOCK = "hashtextextended('promptnx:search-sync', 0)";

export interface SyncResult {
  /** Another drain or a reindex holds the lock; nothing was done. */
  busy: boolean;
  /** Outbox rows taken (and deleted once Meilisearch confirmed). */
  taken: number;
  /** Documents sent (prompts searchable now). */
  upserted: number;
  /** Ids removed (unpublished, archived, seller suspended, deleted). */
  deleted: number;
}

export interface SyncOptions {
  /** Outbox rows per batch; default 500. */
  batchSize?: number;
}

/**
 * Syncs one batch of the outbox, in one transaction: takes the oldest rows
 * (FOR UPDATE SKIP LOCKED), reads the current state of their prompts, upserts
 * the searchable ones and deletes the others from the index, waits until
 * Meilisearch reports both tasks succeeded, then deletes the rows. A failed
 * task or a lost connection throws and rolls back, so the rows stay queued
 * and the next run sends again (upserts and deletes are idempotent). A prompt
 * that changes while the batch is in flight gets a new row, which stays.
 */
export async function syncOutbox(
  sql: postgres.Sql,
  connection: MeilisearchConnection,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const batchSize = options.batchSize ?? 500;
  const idle = { busy: false, taken: 0, upserted: 0, deleted: 0 };
  return sql.begin(async (tx) => {
    const [lock] = await tx.unsafe<{ locked: boolean }[]>(
      `select pg_try_advisory_xact_lock(${SEARCH_SYNC_LOCK}) as locked`,
    );
    if (!lock?.locked) return { ...idle, busy: true };
    const rows = await tx<{ id: string; promptId: string }[]>`
      select id, prompt_id as "promptId" from public.search_outbox
      order by id limit ${batchSize}
      for update skip locked`;
    if (rows.length === 0) return idle;

    // Read after the rows were locked: the state is at least as new as every
    // change that queued them.
    const promptIds = [...new Set(rows.map((r) => r.promptId))];
    const documents = await loadPromptDocuments(tx, promptIds);
    const present = new Set(documents.map((d) => d.id));
    const gone = promptIds.filter((id) => !present.has(id));

    const tasks: number[] = [];
    if (documents.length > 0) {
      tasks.push(
        (await connection.index.addDocuments(documents, { primaryKey: PRIMARY_KEY })).taskUid,
      );
    }
    if (gone.length > 0) {
      tasks.push((await connection.index.deleteDocuments(gone)).taskUid);
    }
    await waitForTasks(connection, tasks);

    await tx`delete from public.search_outbox where id = any(${rows.map((r) => r.id)}::bigint[])`;
    return { busy: false, taken: rows.length, upserted: documents.length, deleted: gone.length };
  });
}

export interface DrainResult extends SyncResult {
  batches: number;
}

/** Syncs batches until the outbox is empty (or another drain holds the lock). */
export async function drainOutbox(
  sql: postgres.Sql,
  connection: MeilisearchConnection,
  options: SyncOptions & { maxBatches?: number } = {},
): Promise<DrainResult> {
  const batchSize = options.batchSize ?? 500;
  const total: DrainResult = { busy: false, taken: 0, upserted: 0, deleted: 0, batches: 0 };
  while (total.batches < (options.maxBatches ?? Number.POSITIVE_INFINITY)) {
    const result = await syncOutbox(sql, connection, { batchSize });
    if (result.busy) return { ...total, busy: true };
    if (result.taken === 0) break;
    total.batches += 1;
    total.taken += result.taken;
    total.upserted += result.upserted;
    total.deleted += result.deleted;
    if (result.taken < batchSize) break;
  }
  return total;
}

/**
 * Deletes outbox rows older than `olderThanSeconds`: what the worker does when
 * the engine is Postgres (nothing reads the outbox then; a later switch to
 * Meilisearch starts with `pnpm search:reindex`). Returns the number deleted.
 */
export async function purgeOutbox(sql: postgres.Sql, olderThanSeconds: number): Promise<number> {
  const result = await sql`
    delete from public.search_outbox
    where enqueued_at < now() - make_interval(secs => ${olderThanSeconds})`;
  return result.count;
}
