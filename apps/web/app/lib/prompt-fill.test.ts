import { describe, expect, it } from 'vitest';
import {
  fillSearch,
  fillTemplate,
  MAX_VALUE_LENGTH,
  templateParts,
  valuesFromSearch,
} from './prompt-fill';

describe('fillTemplate', () => {
  it('replaces every use of a placeholder that has a value', () => {
    expect(fillTemplate('[a] and [b], then [a] again', { a: 'cats', b: 'dogs' })).toBe(
      'cats and dogs, then cats again',
    );
  });

  it('leaves placeholders without a value, or with an empty one, as they are', () => {
    expect(fillTemplate('[a] [b] [c]', { a: 'x', b: '' })).toBe('x [b] [c]');
  });

  it('inserts values literally (no $ patterns), and ignores inherited names', () => {
    expect(fillTemplate('cost: [price]', { price: '$& $1 $$' })).toBe('cost: $& $1 $$');
    expect(fillTemplate('[constructor] [tostring]', {})).toBe('[constructor] [tostring]');
  });

  it('only treats lowercase names in brackets as placeholders', () => {
    expect(fillTemplate('[Not] [a b] [ok_1]', { ok_1: 'yes' })).toBe('[Not] [a b] yes');
  });
});

describe('templateParts', () => {
  it('cuts the template into text and placeholders that join back into it', () => {
    const template = 'Paint [subject] in [style].';
    const parts = templateParts(template);
    expect(parts).toEqual([
      { text: 'Paint ', placeholder: false },
      { text: '[subject]', placeholder: true },
      { text: ' in ', placeholder: false },
      { text: '[style]', placeholder: true },
      { text: '.', placeholder: false },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(template);
    expect(templateParts('')).toEqual([]);
  });
});

describe('values in the URL', () => {
  it('reads the declared variables from var.<name>, cut to a maximum length', () => {
    const search = new URLSearchParams({
      'var.subject': 'a lighthouse',
      'var.style': 'x'.repeat(MAX_VALUE_LENGTH + 10),
      'var.unknown': 'ignored',
      subject: 'not this one',
    });
    const values = valuesFromSearch(search, ['subject', 'style', 'mood']);
    expect(values.subject).toBe('a lighthouse');
    expect(values.style).toHaveLength(MAX_VALUE_LENGTH);
    expect(Object.keys(values)).toEqual(['subject', 'style']);
  });

  it('writes a version and the non-empty values back', () => {
    expect(fillSearch(2, { subject: 'a cat', style: '' })).toBe('?version=2&var.subject=a+cat');
    expect(fillSearch(null, {})).toBe('');
  });
});
