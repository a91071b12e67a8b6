// Deterministic randomness for the seed: the same seed number gives the same
// catalog, byte for byte (given the same `now`).

/** 32-bit string/number hash (FNV-1a followed by a murmur3 finaliser). */
export function hash32(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f; // separator, so ('ab', 'c') and ('a', 'bc') differ
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast, and good enough for made-up marketplace data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight; weights need not add up to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Up to `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** A positive integer from an exponential distribution with the given mean. */
  exponential(mean: number): number {
    return Math.floor(-Math.log(1 - this.next()) * mean);
  }
}

/** A generator for one named thing (a prompt, a buyer…), independent of the others. */
export function rngFor(seed: number, ...parts: (string | number)[]): Rng {
  return new Rng(hash32(seed, ...parts));
}

const hex: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function word(x: number): string {
  return (
    (hex[(x >>> 24) & 255] as string) + hex[(x >>> 16) & 255] + hex[(x >>> 8) & 255] + hex[x & 255]
  );
}

/**
 * A version-4-shaped UUID for the index-th row of a kind. Distinct (kind,
 * index) pairs never collide: the first two words are invertible mixes of
 * the index and the kind; the other two only add noise.
 */
export function seededUuid(seed: number, kind: number, index: number): string {
  const a = fmix32((index ^ hash32(seed, 'row', kind)) >>> 0);
  const b = fmix32((a ^ Math.imul(kind + 1, 0x9e3779b9) ^ seed) >>> 0);
  const c = (fmix32(a + b) & 0xffff0fff) | 0x00004000; // version nibble
  const d = (fmix32(b ^ 0x5bd1e995) & 0x3fffffff) | 0x80000000; // variant bits
  const w1 = word(a);
  const w2 = word(c);
  const w3 = word(d);
  const w4 = word(b);
  return `${w1}-${w2.slice(0, 4)}-${w2.slice(4)}-${w3.slice(0, 4)}-${w3.slice(4)}${w4}`;
}

/** Kinds of rows that get seeded ids (numbers are part of the ids: never reorder). */
export const ROW = {
  user: 1,
  prompt: 2,
  version: 3,
  asset: 4,
  order: 5,
  orderItem: 6,
  entitlement: 7,
  ledger: 8,
  payout: 9,
  review: 10,
  report: 11,
  thread: 12,
  message: 13,
  notification: 14,
  thumbnail: 15,
  refund: 16,
} as const;
