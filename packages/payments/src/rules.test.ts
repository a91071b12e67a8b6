import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, nextPayoutAt, receiptNumber, splitPrice } from './rules.js';

describe('splitPrice', () => {
  it('takes the fee in basis points, rounding half up, and fee + earnings is the price', () => {
    expect(splitPrice(1999, 2000)).toEqual({ fee: 400, earnings: 1599 });
    expect(splitPrice(1000, 2000)).toEqual({ fee: 200, earnings: 800 });
    expect(splitPrice(2, 2500)).toEqual({ fee: 1, earnings: 1 });
    expect(splitPrice(1, 2000)).toEqual({ fee: 0, earnings: 1 });
    expect(splitPrice(0, 2000)).toEqual({ fee: 0, earnings: 0 });
    for (let amount = 0; amount < 5000; amount += 37) {
      for (const bps of [0, 1, 1500, 2000, 3333, 10000]) {
        const { fee, earnings } = splitPrice(amount, bps);
        expect(fee + earnings).toBe(amount);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(earnings).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('refuses what is not an amount in minor units', () => {
    expect(() => splitPrice(10.5, 2000)).toThrow();
    expect(() => splitPrice(-1, 2000)).toThrow();
  });
});

describe('money rules', () => {
  it('defaults to DESIGN §5: 20 % fee, 7-day hold, 14-day refund window', () => {
    expect(DEFAULT_RULES).toEqual({ feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 });
  });

  it('gives a receipt number people can quote', () => {
    expect(receiptNumber('3ab5293e-90ad-4137-a463-c05134584404')).toBe('PNX-3AB5293E');
  });
});

describe('nextPayoutAt', () => {
  it('is the next multiple of the interval after now', () => {
    const daily = { minimumAmount: 1000, intervalSeconds: 86_400 };
    expect(nextPayoutAt(new Date('2026-11-22T03:04:05Z'), daily).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    expect(nextPayoutAt(new Date('2026-11-22T00:00:00Z'), daily).toISOString()).toBe(
      '2026-11-23T00:00:00.000Z',
    );
    const minute = { minimumAmount: 1000, intervalSeconds: 60 };
    expect(nextPayoutAt(new Date('2026-11-22T03:04:05Z'), minute).toISOString()).toBe(
      '2026-11-22T03:05:00.000Z',
    );
  });
});
