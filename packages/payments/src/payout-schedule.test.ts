import { describe, expect, it } from 'vitest';
import { isPayoutTick, payoutIntervalProblem, payoutSchedule } from './payout-schedule.js';
import { nextPayoutAt } from './rules.js';

const at = (iso: string) => new Date(iso);

describe('payoutSchedule', () => {
  it.each([
    [86_400, '0 0 * * *', 86_400],
    [604_800, '0 0 * * *', 86_400],
    [3600, '0 * * * *', 3600],
    [7200, '0 */2 * * *', 7200],
    [21_600, '0 */6 * * *', 21_600],
    [60, '* * * * *', 60],
    [900, '*/15 * * * *', 900],
    [18_000, '0 * * * *', 3600],
    [5400, '* * * * *', 60],
  ])('%i s → %s (ticks every %i s)', (interval, cron, base) => {
    expect(payoutSchedule(interval)).toEqual({ cron, baseSeconds: base });
  });

  it('refuses intervals cron cannot follow', () => {
    expect(payoutIntervalProblem(30)).toBe('must be a whole number of seconds, at least 60');
    expect(payoutIntervalProblem(90)).toBe('must be whole minutes (a multiple of 60)');
    expect(payoutIntervalProblem(1.5)).toMatch(/whole number/);
    expect(payoutIntervalProblem(86_400)).toBeNull();
    expect(() => payoutSchedule(90)).toThrow(/multiple of 60/);
  });

  it('lets through exactly the ticks on the grid nextPayoutAt tells sellers about', () => {
    // Every 90 minutes since the epoch: the cron fires each minute, the grid decides.
    const rules = { minimumAmount: 1000, intervalSeconds: 5400 };
    const start = at('2026-11-22T00:00:00Z');
    const runs: string[] = [];
    for (let minute = 0; minute < 24 * 60; minute++) {
      // pg-boss starts a cron job a few seconds after its tick.
      const started = new Date(start.getTime() + minute * 60_000 + 7_000);
      if (isPayoutTick(started, rules)) runs.push(started.toISOString().slice(11, 16));
    }
    expect(runs).toHaveLength(16);
    expect(runs.slice(0, 3)).toEqual(['00:00', '01:30', '03:00']);
    let expected = nextPayoutAt(new Date(start.getTime() - 1), rules);
    for (const run of runs) {
      expect(run).toBe(expected.toISOString().slice(11, 16));
      expected = nextPayoutAt(expected, rules);
    }
  });

  it('runs a two-day interval every other day, on the epoch grid', () => {
    const rules = { minimumAmount: 1000, intervalSeconds: 172_800 };
    // 2026-11-23 is day 20780 since the epoch: even, a payout day.
    expect(isPayoutTick(at('2026-11-22T00:00:04Z'), rules)).toBe(false);
    expect(isPayoutTick(at('2026-11-23T00:00:04Z'), rules)).toBe(true);
    expect(isPayoutTick(at('2026-11-24T00:00:04Z'), rules)).toBe(false);
    expect(isPayoutTick(at('2026-11-25T00:00:04Z'), rules)).toBe(true);
    expect(nextPayoutAt(at('2026-11-22T12:00:00Z'), rules)).toEqual(at('2026-11-23T00:00:00Z'));
  });
});
