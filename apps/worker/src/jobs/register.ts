import type PgBoss from 'pg-boss';
import type { JobContext, JobDefinition } from './types.js';

export interface RegisterJobsOptions {
  /** How often an idle worker polls its queue; pg-boss defaults to 2 s (minimum 0.5). */
  pollingIntervalSeconds?: number | undefined;
}

/**
 * Creates each job's queue, starts a worker on it, and makes pg-boss's
 * schedules match the list: a job without `cron` loses any schedule it had.
 */
export async function registerJobs(
  boss: PgBoss,
  jobs: readonly JobDefinition[],
  context: Omit<JobContext, 'logger' | 'boss'> & Pick<JobContext, 'logger'>,
  options: RegisterJobsOptions = {},
): Promise<void> {
  for (const definition of jobs) {
    await boss.createQueue(definition.name, { name: definition.name, ...definition.queue });
    await boss.work<object>(
      definition.name,
      {
        batchSize: 1,
        ...(options.pollingIntervalSeconds !== undefined
          ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
          : {}),
      },
      async ([job]) => (job ? runJob(definition, job, { ...context, boss }) : undefined),
    );
    if (definition.cron) {
      await boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
    } else {
      await boss.unschedule(definition.name);
    }
  }
}

async function runJob(
  definition: JobDefinition,
  job: PgBoss.Job<object>,
  context: JobContext,
): Promise<unknown> {
  const logger = context.logger.child({ queue: definition.name, jobId: job.id });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const output = await definition.handler(job, { ...context, logger });
    logger.debug({ durationMs: elapsed() }, 'job completed');
    return output;
  } catch (error) {
    // pg-boss records the failure on the job but logs nothing itself.
    logger.error({ err: error, durationMs: elapsed() }, 'job failed');
    throw error;
  }
}
