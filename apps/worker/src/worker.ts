import { createDb } from '@promptnx/db';
import type PgBoss from 'pg-boss';
import { startBoss } from './boss.js';
import { type JobDefinition, listJobs, registerJobs } from './jobs/index.js';
import type { Logger } from './logger.js';

export interface StartWorkerOptions {
  databaseUrl: string;
  logger: Logger;
  heartbeatCron: string;
  /** Replaces the registry's job list (tests use this). */
  jobs?: readonly JobDefinition[];
  /** How often an idle queue is polled; pg-boss defaults to 2 s. */
  pollingIntervalSeconds?: number;
  /** How long stop() lets running jobs finish before failing them; default 20 s. */
  stopTimeoutMs?: number;
}

export interface RunningWorker {
  boss: PgBoss;
  /** Stops taking jobs, waits for running ones, closes both pools. Safe to call twice. */
  stop(): Promise<void>;
}

export const DEFAULT_STOP_TIMEOUT_MS = 20_000;

/** Connects to the database, starts pg-boss and a worker for every registered job. */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const { databaseUrl, logger } = options;
  const client = createDb(databaseUrl, { max: 5, applicationName: 'promptnx-worker' });
  let boss: PgBoss | undefined;
  try {
    // Fail on a bad DATABASE_URL here, with the driver's error code, before pg-boss retries.
    await client.sql`select 1`;
    boss = await startBoss({ databaseUrl, logger });
    const jobs = options.jobs ?? listJobs({ heartbeatCron: options.heartbeatCron });
    await registerJobs(
      boss,
      jobs,
      { db: client.db, sql: client.sql, logger },
      { pollingIntervalSeconds: options.pollingIntervalSeconds },
    );
  } catch (error) {
    await boss?.stop({ graceful: false }).catch(() => {});
    await client.close().catch(() => {});
    throw error;
  }

  const started = boss;
  let stopping: Promise<void> | undefined;
  return {
    boss: started,
    stop() {
      stopping ??= (async () => {
        try {
          await started.stop({
            graceful: true,
            timeout: options.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS,
          });
        } finally {
          await client.close();
        }
      })();
      return stopping;
    },
  };
}
