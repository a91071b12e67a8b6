import { seededUuid } from './random.js';

/** What every part of the seed shares: the PRNG seed and the moment "now". */
export interface SeedContext {
  seed: number;
  now: Date;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const at = (ms: number) => new Date(Math.round(ms));

/** Money rules of the marketplace (DESIGN §5), as the seed applies them. */
export const PLATFORM_FEE_PERCENT = 20;
export const HOLD_DAYS = 7;
export const MIN_PAYOUT_CENTS = 1000;

export function platformFee(priceAmount: number): number {
  return Math.round((priceAmount * PLATFORM_FEE_PERCENT) / 100);
}

/** Seeded ids, numbered per kind of row in the (deterministic) order they are asked for. */
export class SeedIds {
  private readonly counts = new Map<number, number>();

  constructor(private readonly seed: number) {}

  next(kind: number): string {
    const n = this.counts.get(kind) ?? 0;
    this.counts.set(kind, n + 1);
    return seededUuid(this.seed, kind, n);
  }
}

/** Read markers a few days after older notifications; recent ones mostly unread. */
export function readAtFor(
  rng: { chance(p: number): boolean; int(a: number, b: number): number },
  createdAt: number,
  now: number,
): Date | null {
  const age = now - createdAt;
  if (age > 7 * DAY ? rng.chance(0.9) : rng.chance(0.3)) {
    return at(Math.min(now, createdAt + rng.int(10 * MINUTE, 3 * DAY)));
  }
  return null;
}

export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
