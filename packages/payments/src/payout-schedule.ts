import type { PayoutRules } from './rules.js';

/**
 * Why an interval cannot be a payout schedule, or null when it can. The
 * worker runs payouts from a cron line (minute resolution), so the interval
 * is whole minutes; every such interval works (see `payoutSchedule`).
 */
export function payoutIntervalProblem(intervalSeconds: number): string | null {
  if (!Number.isSafeInteger(intervalSeconds) || intervalSeconds < 60) {
    return 'must be a whole number of seconds, at least 60';
  }
  if (intervalSeconds % 60 !== 0) return 'must be whole minutes (a multiple of 60)';
  return null;
}

export interface PayoutSchedule {
  /** The cron line (UTC) the worker schedules the payout job on. */
  cron: string;
  /** The cron line's own period: a job started at time t belongs to the tick floor(t / base). */
  baseSeconds: number;
}

/**
 * The cron line for the payout grid of `nextPayoutAt` (multiples of the
 * interval since the Unix epoch). Where cron can say it exactly (daily,
 * every 2 h, every 15 min) the line fires on the grid; otherwise (every 90
 * min, every 2 days) it fires on a finer grid and `isPayoutTick` lets only
 * the ticks on the payout grid through.
 */
export function payoutSchedule(intervalSeconds: number): PayoutSchedule {
  const problem = payoutIntervalProblem(intervalSeconds);
  if (problem) throw new Error(`payout interval ${intervalSeconds} ${problem}`);
  const day = 86_400;
  if (intervalSeconds % day === 0) return { cron: '0 0 * * *', baseSeconds: day };
  if (day % intervalSeconds === 0 && intervalSeconds % 3600 === 0) {
    const hours = intervalSeconds / 3600;
    return { cron: hours === 1 ? '0 * * * *' : `0 */${hours} * * *`, baseSeconds: intervalSeconds };
  }
  if (3600 % intervalSeconds === 0) {
    const minutes = intervalSeconds / 60;
    return {
      cron: minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`,
      baseSeconds: intervalSeconds,
    };
  }
  if (intervalSeconds % 3600 === 0) return { cron: '0 * * * *', baseSeconds: 3600 };
  return { cron: '* * * * *', baseSeconds: 60 };
}

/**
 * Whether a job started at `now` by `payoutSchedule`'s cron line is a payout
 * run: its tick (now rounded down to the cron's period; pg-boss starts cron
 * jobs within seconds of the tick) is on the payout grid.
 */
export function isPayoutTick(now: Date, rules: PayoutRules): boolean {
  const { baseSeconds } = payoutSchedule(rules.intervalSeconds);
  const tick = Math.floor(now.getTime() / 1000 / baseSeconds) * baseSeconds;
  return tick % rules.intervalSeconds === 0;
}
