import { type DbOrTx, usageCounters } from '@promptnx/db';
import { sql } from 'drizzle-orm';
import { AppError } from './errors.js';

/** A per-user allowance: at most `max` actions per `windowSeconds` fixed window. */
export interface UsageLimit {
  /** Counter name in usage_counters, e.g. `reviews.write`. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

/**
 * Counts one action against a user's allowance in usage_counters (one atomic
 * upsert, so concurrent requests cannot both slip under the limit) and throws
 * RATE_LIMITED (429) once the window's allowance is spent. System code: call it
 * with the privileged connection (users have no write policy on the counters)
 * before doing the action.
 */
export async function consumeUsage(
  tx: DbOrTx,
  userId: string,
  limit: UsageLimit,
): Promise<{ count: number; resetAt: Date }> {
  const rows = await tx.execute<{ count: number; window_start: string }>(sql`
    insert into ${usageCounters} (user_id, bucket, window_start, count)
    values (
      ${userId}, ${limit.bucket},
      to_timestamp(floor(extract(epoch from now()) / ${limit.windowSeconds}) * ${limit.windowSeconds}),
      1
    )
    on conflict (user_id, bucket, window_start)
    do update set count = ${usageCounters}.count + 1
    returning count, window_start`);
  const row = rows[0];
  if (!row) throw new Error('usage counter upsert returned no row');
  const count = Number(row.count);
  const resetAt = new Date(new Date(row.window_start).getTime() + limit.windowSeconds * 1000);
  if (count > limit.max) {
    throw new AppError(
      'RATE_LIMITED',
      `too many ${limit.bucket} actions: at most ${limit.max} per ${limit.windowSeconds} s, try again after ${resetAt.toISOString()}`,
    );
  }
  return { count, resetAt };
}
