import { describe, expect, it } from 'vitest';
import {
  centsToDollars,
  dollarsToCents,
  formatModelParams,
  type ListingValues,
  listingInput,
  parseModelParams,
  parseTags,
  placeholderReport,
  readVersionForm,
  versionFieldOf,
  versionInput,
} from './prompt-form';

const listing: ListingValues = {
  title: 'Watercolor dusk',
  description: 'Soft scenes.',
  category: 'image-generation',
  targetModel: 'midjourney',
  tags: 'Watercolor, dusk, ,watercolor',
  pricing: 'paid',
  price: '4.99',
};

describe('prices', () => {
  it.each([
    ['4.99', 499],
    ['$4.99', 499],
    ['4', 400],
    ['4.5', 450],
    ['.5', 50],
    ['1,250.00', 125000],
    ['0.07', 7],
    ['19.99', 1999],
  ])('reads %s dollars as %i cents, without floating point', (input, cents) => {
    expect(dollarsToCents(input)).toBe(cents);
  });

  it.each(['', 'abc', '4.999', '-1', '4.', '1e3'])('refuses %j', (input) => {
    expect(dollarsToCents(input)).toBeNull();
  });

  it('writes cents back as dollars', () => {
    expect(centsToDollars(1999)).toBe('19.99');
    expect(centsToDollars(500)).toBe('5.00');
    expect(centsToDollars(7)).toBe('0.07');
  });

  it('turns the listing form into the API input: cents, tags, free', () => {
    expect(listingInput(listing).input).toEqual({
      title: 'Watercolor dusk',
      description: 'Soft scenes.',
      category: 'image-generation',
      targetModel: 'midjourney',
      tags: ['watercolor', 'dusk'],
      price: { amount: 499, currency: 'usd' },
    });
    expect(listingInput({ ...listing, pricing: 'free', price: '12' }).input?.price).toEqual({
      amount: 0,
      currency: 'usd',
    });
  });

  it('names a price that is not dollars, or nothing for a paid prompt', () => {
    expect(listingInput({ ...listing, price: 'cheap' }).errors).toEqual({
      price: 'Enter a price in dollars, like 4.99.',
    });
    expect(listingInput({ ...listing, price: '' }).errors?.price).toMatch(/choose Free/);
    expect(listingInput({ ...listing, price: '0' }).errors?.price).toMatch(/more than \$0/);
    expect(listingInput({ ...listing, price: '2000000' }).errors?.price).toMatch(/at most/);
  });

  it('splits tags on commas, lower case, without repeats or empties', () => {
    expect(parseTags(' AI, Code Review,,ai ')).toEqual(['ai', 'code review']);
  });
});

describe('model parameters', () => {
  it('parses key=value lines: numbers and booleans typed, the rest text', () => {
    expect(
      parseModelParams(
        'temperature = 0.7\nmax_tokens=800\n\n# a comment\nraw=true\nstyle=vivid\nar=3:2\nseed="42"\nneg=-1.5',
      ),
    ).toEqual({
      params: {
        temperature: 0.7,
        max_tokens: 800,
        raw: true,
        style: 'vivid',
        ar: '3:2',
        seed: '42',
        neg: -1.5,
      },
    });
  });

  it('names the line that is not key=value, and a repeated key', () => {
    expect(parseModelParams('a=1\njust words')).toEqual({
      error: 'Line 2: write each parameter as key=value.',
    });
    expect(parseModelParams('=3')).toEqual({ error: 'Line 1: write each parameter as key=value.' });
    expect(parseModelParams('a=1\na=2').error).toMatch(/Line 2: “a” is already set/);
  });

  it('writes them back one per line, by key', () => {
    expect(formatModelParams({ temperature: 0.7, raw: true, ar: '3:2' })).toBe(
      'ar=3:2\nraw=true\ntemperature=0.7',
    );
  });
});

function versionForm(fields: [string, string][]) {
  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

describe('versions', () => {
  const fields: [string, string][] = [
    ['template', 'Paint [subject] in [style]\n'],
    ['instructions', 'Use it in Midjourney.'],
    // Row 0 is left empty: skipped.
    ['variables.0.name', ''],
    ['variables.0.type', 'text'],
    ['variables.0.description', ''],
    ['variables.0.example', ''],
    ['variables.0.options', ''],
    ['variables.1.name', 'subject'],
    ['variables.1.type', 'long_text'],
    ['variables.1.description', 'What to paint'],
    ['variables.1.example', 'a fox'],
    ['variables.1.options', 'ignored, for, text'],
    ['variables.2.name', 'style'],
    ['variables.2.type', 'choice'],
    ['variables.2.description', ''],
    ['variables.2.example', 'ink'],
    ['variables.2.options', 'ink, watercolor , oil,'],
    ['modelParams', 'stylize=250\nraw=false'],
    ['testedModels', 'midjourney'],
    ['testedModels', 'flux'],
    ['testedModels', 'not-a-model'],
    ['changelog', ' First. '],
  ];

  it('maps the rows, lines and checkboxes to the API input, keeping the template as typed', () => {
    const parsed = versionInput(readVersionForm(versionForm(fields)));
    expect(parsed.input).toEqual({
      template: 'Paint [subject] in [style]\n',
      instructions: 'Use it in Midjourney.',
      variables: [
        { name: 'subject', type: 'long_text', description: 'What to paint', example: 'a fox' },
        {
          name: 'style',
          type: 'choice',
          description: '',
          example: 'ink',
          options: ['ink', 'watercolor', 'oil'],
        },
      ],
      modelParams: { stylize: 250, raw: false },
      testedModels: ['midjourney', 'flux'],
      changelog: 'First.',
    });
    expect(parsed.rows).toEqual([1, 2]);
  });

  it('puts API errors about variables[i] on the form row of that variable', () => {
    expect(versionFieldOf('variables.0.name', [1, 2])).toBe('variables.1.name');
    expect(versionFieldOf('variables.1.options.0', [1, 2])).toBe('variables.2.options');
    expect(versionFieldOf('variables.1', [1, 2])).toBe('variables.2.name');
    expect(versionFieldOf('variables', [1, 2])).toBe('variables');
    expect(versionFieldOf('modelParams.temperature', [])).toBe('modelParams');
    expect(versionFieldOf('testedModels.0', [])).toBe('testedModels');
    expect(versionFieldOf('template', [])).toBe('template');
  });

  it('asks for a name on a row that has other values, and for key=value lines', () => {
    const form = versionForm([
      ['template', 'x'],
      ['variables.0.name', ''],
      ['variables.0.type', 'text'],
      ['variables.0.description', 'orphan'],
      ['modelParams', 'oops'],
    ]);
    expect(versionInput(readVersionForm(form)).errors).toEqual({
      'variables.0.name': 'Give this variable a name, or clear its row.',
      modelParams: 'Line 1: write each parameter as key=value.',
    });
  });

  it('compares the placeholders with the declared variables', () => {
    expect(placeholderReport(['subject', 'style'], ['subject', 'mood', ''])).toEqual({
      undeclared: ['style'],
      unused: ['mood'],
    });
  });
});
