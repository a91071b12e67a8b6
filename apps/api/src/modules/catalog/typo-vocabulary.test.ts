import { describe, expect, it } from 'vitest';
import { editDistance, typosAllowed, wordsOf } from './typo-vocabulary.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('marketing', 'marketing', 2)).toBe(0);
    expect(editDistance('markting', 'marketing', 2)).toBe(1);
    expect(editDistance('marketting', 'marketing', 2)).toBe(1);
    expect(editDistance('marketong', 'marketing', 2)).toBe(1);
    expect(editDistance('makreting', 'marketing', 2)).toBe(1);
    expect(editDistance('mkraeting', 'marketing', 2)).toBe(2);
  });

  it('stops at the limit', () => {
    expect(editDistance('planner', 'marketing', 2)).toBe(3);
    expect(editDistance('ab', 'abcdef', 1)).toBe(2);
  });
});

describe('typosAllowed', () => {
  it('allows none in short words, one from 4 letters, two from 9', () => {
    expect([3, 4, 8, 9, 14].map(typosAllowed)).toEqual([0, 1, 1, 2, 2]);
  });
});

describe('wordsOf', () => {
  it('splits a query into lower-case words of letters and digits', () => {
    expect(wordsOf('  Email-Marketing "GPT 4o" café! ')).toEqual([
      'email',
      'marketing',
      'gpt',
      '4o',
      'café',
    ]);
  });
});
