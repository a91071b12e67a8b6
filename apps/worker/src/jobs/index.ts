import { heartbeatJob } from './heartbeat.js';
import { trendingJob } from './trending.js';
import type { JobDefinition } from './types.js';

export { HEARTBEAT_QUEUE, type HeartbeatOutput } from './heartbeat.js';
export { registerJobs } from './register.js';
export { TRENDING_QUEUE } from './trending.js';
export type { JobContext, JobDefinition, QueueSettings } from './types.js';

export interface JobSettings {
  heartbeatCron: string;
  /** When trending scores are recomputed; every 15 minutes by default. */
  trendingCron?: string;
}

/** Every job the worker runs. A new job is one file in this folder plus one line here. */
export function listJobs(settings: JobSettings): JobDefinition[] {
  return [
    heartbeatJob(settings.heartbeatCron),
    trendingJob(settings.trendingCron ?? '*/15 * * * *'),
  ];
}
