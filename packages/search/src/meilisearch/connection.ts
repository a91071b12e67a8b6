import { type Index, Meilisearch, type Task } from 'meilisearch';

export const DEFAULT_INDEX_UID = 'prompts';

export interface MeilisearchConfig {
  /** e.g. http://127.0.0.1:7700 or https://search.example.com */
  host: string;
  /** A key allowed to search (API) or to write documents and settings (worker, reindex). */
  apiKey?: string | undefined;
  /** The live index; `prompts` by default. */
  indexUid?: string | undefined;
  /** Per HTTP request; default 10 s. */
  requestTimeoutMs?: number | undefined;
  /** How long to wait for one task to finish; default 60 s. */
  taskTimeoutMs?: number | undefined;
}

/** The Meilisearch client and the index the catalog searches. */
export interface MeilisearchConnection {
  client: Meilisearch;
  indexUid: string;
  index: Index;
  taskTimeoutMs: number;
}

export function connectMeilisearch(config: MeilisearchConfig): MeilisearchConnection {
  const indexUid = config.indexUid ?? DEFAULT_INDEX_UID;
  const client = new Meilisearch({
    host: config.host,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    timeout: config.requestTimeoutMs ?? 10_000,
    clientAgents: ['PromptNX'],
  });
  return {
    client,
    indexUid,
    index: client.index(indexUid),
    taskTimeoutMs: config.taskTimeoutMs ?? 60_000,
  };
}

/** A Meilisearch task that ended in anything but success. */
export class SearchTaskError extends Error {
  override name = 'SearchTaskError';
  constructor(readonly task: Task) {
    super(
      `Meilisearch task ${task.uid} (${task.type} on ${task.indexUid ?? 'no index'}) ${task.status}` +
        (task.error ? `: ${task.error.code}: ${task.error.message}` : ''),
    );
  }
}

/** Waits for tasks in order; the first that does not succeed throws SearchTaskError. */
export async function waitForTasks(
  connection: Pick<MeilisearchConnection, 'client' | 'taskTimeoutMs'>,
  taskUids: number[],
): Promise<Task[]> {
  const done: Task[] = [];
  for (const uid of taskUids) {
    const task = await connection.client.tasks.waitForTask(uid, {
      timeout: connection.taskTimeoutMs,
      interval: 50,
    });
    if (task.status !== 'succeeded') throw new SearchTaskError(task);
    done.push(task);
  }
  return done;
}

/** True when Meilisearch answered `index_not_found`. */
export function isIndexNotFound(error: unknown): boolean {
  return (error as { cause?: { code?: string } } | undefined)?.cause?.code === 'index_not_found';
}
