import { describe, expect, it } from 'vitest';
import {
  centsToDollars,
  dollarsToCents,
  readSearchParams,
  SEARCH_PAGE_SIZE,
  searchFieldOf,
  searchHref,
} from './search-query';

const read = (query: string) => readSearchParams(new URLSearchParams(query));

describe('dollarsToCents', () => {
  it.each([
    ['5', 500],
    ['4.99', 499],
    ['19.99', 1999],
    ['0.1', 10],
    ['12.', 1200],
    ['$7.50', 750],
    [' 3 ', 300],
    ['0', 0],
  ])('%j dollars are %i cents', (text, cents) => {
    expect(dollarsToCents(text)).toBe(cents);
  });

  it.each(['', '-1', '1.999', 'ten', '1e3', '1,000', '.5'])('refuses %j', (text) => {
    expect(dollarsToCents(text)).toBeNull();
  });

  it('shows cents as dollars again', () => {
    expect(centsToDollars(500)).toBe('5');
    expect(centsToDollars(499)).toBe('4.99');
    expect(centsToDollars(750)).toBe('7.50');
  });
});

describe('readSearchParams', () => {
  it('maps every filter to the SDK query, prices in cents', () => {
    const { query, values, cursor, errors } = read(
      'q=+code+review+&category=coding&model=claude&minPrice=1.5&maxPrice=20&free=true&sort=top-rated&cursor=abc',
    );
    expect(errors).toEqual({});
    expect(query).toEqual({
      q: 'code review',
      category: 'coding',
      model: 'claude',
      minPrice: 150,
      maxPrice: 2000,
      free: true,
      sort: 'top-rated',
      limit: SEARCH_PAGE_SIZE,
    });
    expect(cursor).toBe('abc');
    // The form shows what was typed: dollars, not cents.
    expect(values).toMatchObject({ minPrice: '1.5', maxPrice: '20', free: true });
  });

  it('leaves out the empty fields a form without JavaScript sends', () => {
    const { query, errors } = read('q=&category=&model=&minPrice=&maxPrice=&sort=');
    expect(errors).toEqual({});
    expect(query).toEqual({ sort: 'trending', limit: SEARCH_PAGE_SIZE });
  });

  it('sorts by relevance when searching and by trending when browsing, unless told', () => {
    expect(read('q=essay').query?.sort).toBe('relevance');
    expect(read('').query?.sort).toBe('trending');
    expect(read('q=essay&sort=newest').query?.sort).toBe('newest');
  });

  it('accepts the checkbox value browsers send, and an explicit free=false', () => {
    expect(read('free=on').query?.free).toBe(true);
    expect(read('free=1').query?.free).toBe(true);
    expect(read('free=false').query?.free).toBe(false);
    expect(read('').query?.free).toBeUndefined();
  });

  it('names the invalid fields and asks nothing of the API', () => {
    const { query, errors } = read(
      'minPrice=abc&maxPrice=-3&model=gpt-9&category=Not%20A%20Slug&sort=cheapest',
    );
    expect(query).toBeNull();
    expect(errors).toEqual({
      minPrice: 'Enter an amount in dollars, like 4.99',
      maxPrice: 'Enter an amount in dollars, like 4.99',
      model: 'Choose a model from the list',
      category: 'Choose a category from the list',
      sort: 'Choose an order from the list',
    });
  });

  it('refuses a maximum below the minimum, and prices over the limit', () => {
    expect(read('minPrice=10&maxPrice=5').errors).toEqual({
      maxPrice: 'Must not be below the minimum price',
    });
    expect(read('maxPrice=2000000').errors).toEqual({ maxPrice: 'Enter at most $1,000,000' });
  });

  it('refuses a search text over 200 characters', () => {
    expect(read(`q=${'a'.repeat(201)}`).errors).toEqual({ q: 'Use at most 200 characters' });
  });
});

describe('searchHref', () => {
  it('keeps the filters, drops the empty ones, adds the cursor', () => {
    const { values } = read('q=essay&model=claude&minPrice=2&free=true&category=');
    expect(searchHref(values, { cursor: 'next-1' })).toBe(
      '/search?q=essay&model=claude&minPrice=2&free=true&cursor=next-1',
    );
    expect(searchHref({})).toBe('/search');
    expect(searchHref({ model: 'dall-e' })).toBe('/search?model=dall-e');
  });

  it('reads the API field names as the form names them', () => {
    expect(searchFieldOf('query.maxPrice')).toBe('maxPrice');
    expect(searchFieldOf('querystring.q')).toBe('q');
    expect(searchFieldOf('cursor')).toBe('cursor');
  });
});
