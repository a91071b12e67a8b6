import { type PromptListQuery, promptListQuerySchema, slugSchema } from '@promptnx/schema';
import { isPromptSort, isTargetModel, type PromptSort } from './catalog';
import type { FieldErrors } from './form-errors';

// The /search query string ↔ the SDK's prompts.list() query. Prices are typed in dollars
// and travel to the API in cents; everything a visitor chose stays in the URL.

/** What the search form shows: the URL's values as typed. */
export interface SearchValues {
  q: string;
  category: string;
  model: string;
  /** Dollars, as typed. */
  minPrice: string;
  /** Dollars, as typed. */
  maxPrice: string;
  free: boolean;
  /** '' = the default order (best match when searching, trending when browsing). */
  sort: string;
}

export const SEARCH_PAGE_SIZE = 24;
const MAX_CENTS = 100_000_000;

/** "4.99", "$5", "12.5" → cents; null for anything else (negative, three decimals, words). */
export function dollarsToCents(text: string): number | null {
  const match = /^\$?\s*(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as the price field shows them: 500 → "5", 499 → "4.99". */
export function centsToDollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

function param(params: URLSearchParams, name: string): string {
  return (params.get(name) ?? '').trim();
}

function isTrue(value: string) {
  return value === 'true' || value === '1' || value === 'on';
}

/** The sort sent to the API when the visitor chose none. */
export function defaultSort(q: string | undefined): PromptSort {
  return q ? 'relevance' : 'trending';
}

export interface ReadSearch {
  values: SearchValues;
  /** The query for prompts.list(), without cursor; null when a field is invalid. */
  query: PromptListQuery | null;
  cursor: string | undefined;
  errors: FieldErrors;
}

/** Reads and checks the search page's query string. */
export function readSearchParams(params: URLSearchParams): ReadSearch {
  const values: SearchValues = {
    q: param(params, 'q'),
    category: param(params, 'category'),
    model: param(params, 'model'),
    minPrice: param(params, 'minPrice'),
    maxPrice: param(params, 'maxPrice'),
    free: isTrue(param(params, 'free')),
    sort: param(params, 'sort'),
  };
  const cursor = param(params, 'cursor') || undefined;
  const errors: FieldErrors = {};
  const query: PromptListQuery = { limit: SEARCH_PAGE_SIZE };

  if (values.q.length > 200) errors.q = 'Use at most 200 characters';
  else if (values.q) query.q = values.q;

  if (values.category) {
    if (slugSchema.safeParse(values.category).success) query.category = values.category;
    else errors.category = 'Choose a category from the list';
  }
  if (values.model) {
    if (isTargetModel(values.model)) query.model = values.model;
    else errors.model = 'Choose a model from the list';
  }
  for (const field of ['minPrice', 'maxPrice'] as const) {
    if (!values[field]) continue;
    const cents = dollarsToCents(values[field]);
    if (cents === null) errors[field] = 'Enter an amount in dollars, like 4.99';
    else if (cents > MAX_CENTS) errors[field] = 'Enter at most $1,000,000';
    else query[field] = cents;
  }
  if (
    query.minPrice !== undefined &&
    query.maxPrice !== undefined &&
    query.minPrice > query.maxPrice
  ) {
    errors.maxPrice = 'Must not be below the minimum price';
  }
  if (values.free) query.free = true;
  else if (params.get('free') === 'false' || params.get('free') === '0') query.free = false;

  if (values.sort && !isPromptSort(values.sort)) errors.sort = 'Choose an order from the list';
  query.sort = values.sort && isPromptSort(values.sort) ? values.sort : defaultSort(query.q);

  if (cursor && cursor.length > 500) errors.cursor = 'That page of results is not available';

  // The API checks the same schema; checking here first keeps a bad URL from a round trip.
  if (Object.keys(errors).length === 0) {
    // As the query string carries them: strings.
    const asSent = Object.fromEntries(
      Object.entries({ ...query, cursor })
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    );
    const checked = promptListQuerySchema.safeParse(asSent);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? 'form');
        errors[field] ??= 'Check this value';
      }
    }
  }
  const valid = Object.keys(errors).length === 0;
  return { values, query: valid ? query : null, cursor: valid ? cursor : undefined, errors };
}

/**
 * A /search address with these values (empty ones left out), e.g. for "Load more" with
 * `{ cursor }` or a filter link with `{ model: 'claude' }`.
 */
export function searchHref(
  values: Partial<SearchValues>,
  extra: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...values, ...extra })) {
    if (value === true) params.set(key, 'true');
    else if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `/search?${text}` : '/search';
}

/** The API's field names (`query.maxPrice`) as the form's (`maxPrice`). */
export function searchFieldOf(apiField: string): string {
  return apiField.replace(/^(query|querystring)\./, '');
}
