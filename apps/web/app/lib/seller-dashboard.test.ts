import { describe, expect, it } from 'vitest';
import { labelledIndexes, niceMax } from '../components/seller-charts';
import {
  bucketLabel,
  durationLabel,
  nextPayoutReason,
  percentLabel,
  rangeQueryFrom,
  scheduleLabel,
  stepLink,
} from './seller-dashboard';

describe('dashboard words and numbers', () => {
  it('names buckets by day, week and month', () => {
    expect(bucketLabel('2026-03-04', 'day')).toBe('Mar 4');
    expect(bucketLabel('2026-03-02', 'week')).toBe('Week of Mar 2');
    expect(bucketLabel('2026-03-01', 'month')).toBe('Mar 2026');
  });

  it('says conversion as a percentage, and nothing without views', () => {
    expect(percentLabel(0.0789)).toBe('7.9%');
    expect(percentLabel(1)).toBe('100%');
    expect(percentLabel(null)).toBe('—');
  });

  it('says durations and the payout schedule as people do', () => {
    expect(durationLabel(604_800)).toBe('7 days');
    expect(durationLabel(3600)).toBe('1 hour');
    expect(durationLabel(90)).toBe('90 seconds');
    expect(scheduleLabel(86_400)).toBe('every day at 00:00 UTC');
    expect(scheduleLabel(21_600)).toBe('every 6 hours');
  });

  it('explains a zero next payout', () => {
    const minimum = { amount: 1000, currency: 'usd' };
    const next = (reason: string | null, projected = 400) => ({
      at: '2026-11-23T00:00:00Z',
      amount: { amount: 0, currency: 'usd' },
      projectedBalance: { amount: projected, currency: 'usd' },
      reason,
    });
    expect(nextPayoutReason(next('below_minimum') as never, minimum)).toBe(
      'Your balance by then ($4.00) is below the $10.00 minimum; it is paid once it reaches the minimum.',
    );
    expect(nextPayoutReason(next('seller_suspended') as never, minimum)).toMatch(/suspended/);
    expect(nextPayoutReason(next(null, 5000) as never, minimum)).toBeNull();
  });

  it('links each onboarding step to where it is done', () => {
    expect(stepLink({ code: 'finish_onboarding', message: '' })).toEqual({
      to: '/sell',
      label: 'Continue setup',
    });
    expect(stepLink({ code: 'publish_prompt', message: '' })?.to).toBe('/sell/prompts/new');
    expect(stepLink({ code: 'contact_support', message: '' })).toBeNull();
  });

  it('keeps only the range parameters of an address, trimmed', () => {
    expect(
      rangeQueryFrom(new URLSearchParams('interval=week&from=2026-01-01&to=&cursor=x&other=1')),
    ).toEqual({ interval: 'week', from: '2026-01-01' });
  });
});

describe('chart scales', () => {
  it('rounds the axis top up to 1, 2 or 5 × 10ⁿ', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(4500)).toBe(5000);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(100)).toBe(100);
  });

  it('labels at most six buckets, always the first and the last', () => {
    expect(labelledIndexes(4)).toEqual([0, 1, 2, 3]);
    const many = labelledIndexes(30);
    expect(many).toHaveLength(6);
    expect(many[0]).toBe(0);
    expect(many.at(-1)).toBe(29);
  });
});
