import type { JobDefinition } from './types.js';

export const TRENDING_QUEUE = 'refresh-trending';

/** Recomputes prompts.trending_score (recent sales and ratings over age) on a schedule. */
export function trendingJob(cron: string): JobDefinition {
  return {
    name: TRENDING_QUEUE,
    cron,
    // The next run recomputes everything; an old run has nothing to add.
    queue: { retryLimit: 1, expireInSeconds: 300 },
    async handler(_job, { sql, logger }) {
      const started = performance.now();
      const [row] = await sql<
        { changed: number }[]
      >`select public.refresh_trending_scores() as changed`;
      const changed = row?.changed ?? 0;
      logger.info(
        { changed, ms: Math.round(performance.now() - started) },
        'trending scores refreshed',
      );
      return { changed };
    },
  };
}
