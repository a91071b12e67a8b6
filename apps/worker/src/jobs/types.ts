import type { Database, DbClient } from '@promptnx/db';
import type PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';

/** What every handler gets besides its job: the database, a logger, the queue. */
export interface JobContext {
  db: Database;
  /** The raw postgres.js client behind `db`, for plain SQL. */
  sql: DbClient['sql'];
  /** Already bound to the job's queue name and id. */
  logger: Logger;
  /** For jobs that enqueue follow-up work. */
  boss: PgBoss;
}

/** Queue settings; pg-boss applies them when the queue is first created. */
export type QueueSettings = Omit<PgBoss.Queue, 'name'>;

export interface JobDefinition<TData extends object = object> {
  /** Queue name; also the name used by boss.send() and boss.schedule(). */
  name: string;
  /** When set, pg-boss enqueues the job on this cron line (UTC). */
  cron?: string;
  queue?: QueueSettings;
  /** Throwing fails the job (pg-boss retries per the queue settings); the return value is stored as its output. */
  handler(job: PgBoss.Job<TData>, context: JobContext): Promise<unknown>;
}
