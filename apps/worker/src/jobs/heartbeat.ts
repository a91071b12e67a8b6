import type { JobDefinition } from './types.js';

export const HEARTBEAT_QUEUE = 'heartbeat';

export interface HeartbeatOutput {
  latencyMs: number;
}

/** Proves on a schedule that the worker runs jobs and reaches the database. */
export function heartbeatJob(cron: string): JobDefinition {
  return {
    name: HEARTBEAT_QUEUE,
    cron,
    // A missed heartbeat is replaced by the next one; retrying an old one says nothing.
    queue: { retryLimit: 0, expireInSeconds: 60 },
    async handler(_job, { sql, logger }): Promise<HeartbeatOutput> {
      const started = performance.now();
      await sql`select 1`;
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      logger.info({ latencyMs, database: 'ok' }, 'heartbeat');
      return { latencyMs };
    },
  };
}
