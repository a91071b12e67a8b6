import { describe, expect, it } from 'vitest';
import { errorCodes, formatMoney, moneySchema, problemType, slugSchema } from './index.js';

describe('money', () => {
  it('accepts integer minor units only', () => {
    expect(moneySchema.safeParse({ amount: 1999, currency: 'usd' }).success).toBe(true);
    expect(moneySchema.safeParse({ amount: 19.99, currency: 'usd' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: -1, currency: 'usd' }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 1, currency: 'USD' }).success).toBe(false);
  });
  it('formats for people', () => {
    expect(formatMoney({ amount: 1999, currency: 'usd' })).toBe('$19.99');
    expect(formatMoney({ amount: 0, currency: 'eur' }, 'en-US')).toBe('€0.00');
  });
});

describe('slugs', () => {
  it('allow lowercase words joined by single dashes', () => {
    expect(slugSchema.safeParse('seo-blog-writer').success).toBe(true);
    for (const bad of ['', 'Upper', 'two--dashes', '-lead', 'trail-', 'spa ce']) {
      expect(slugSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('error codes', () => {
  it('map to HTTP error statuses and stable problem types', () => {
    for (const [code, status] of Object.entries(errorCodes)) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(problemType(code as keyof typeof errorCodes)).toMatch(
        /^https:\/\/promptnx\.dev\/problems\/[a-z-]+$/,
      );
    }
  });
});
