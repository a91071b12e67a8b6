import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE, PUBLIC_CACHE } from '../lib/cache-headers';
import { categories, problem, promptList } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: (url: URL) => FakeAnswer = () => ({ status: 200, body: promptList(24, 'cursor-2') });

beforeAll(async () => {
  api = await startFakeApi((call) => {
    const url = new URL(call.url, 'http://api');
    if (url.pathname === '/api/categories') return { status: 200, body: { items: categories } };
    if (url.pathname === '/api/prompts') return answer(url);
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  answer = () => ({ status: 200, body: promptList(24, 'cursor-2') });
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

interface SearchData {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  formError: string | null;
  categories: { slug: string; name: string }[];
  results: { items: unknown[]; nextCursor: string | null } | null;
  cursor: string | null;
}

async function search(query: string, cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./search.server'));
  const result = await outcome(() =>
    loader({ request: pageRequest(`/search${query}`, cookie), params: {}, context: {} }),
  );
  return { ...result, data: result.data as SearchData };
}

const promptCalls = () =>
  api.calls.filter((c) => c.url.startsWith('/api/prompts')).map((c) => c.url);

describe('search loader', () => {
  it('sends every filter from the URL to the API, dollars as cents', async () => {
    const result = await search(
      '?q=code+review&category=coding&model=claude&minPrice=1.50&maxPrice=20&free=true&sort=top-rated&cursor=c1',
    );
    expect(result.status).toBe(200);
    const sent = new URL(promptCalls()[0]!, 'http://api').searchParams;
    expect(Object.fromEntries(sent)).toEqual({
      q: 'code review',
      category: 'coding',
      model: 'claude',
      minPrice: '150',
      maxPrice: '2000',
      free: 'true',
      sort: 'top-rated',
      cursor: 'c1',
      limit: '24',
    });
    expect(result.data.values).toMatchObject({ minPrice: '1.50', maxPrice: '20', free: true });
    expect(result.data.results?.items).toHaveLength(24);
    expect(result.data.results?.nextCursor).toBe('cursor-2');
    expect(result.data.cursor).toBe('c1');
    expect(result.data.categories).toEqual([
      { slug: 'coding', name: 'Coding' },
      { slug: 'image-generation', name: 'Image generation' },
    ]);
  });

  it('browses by trending with no filters, and drops the empty fields of a no-JS form', async () => {
    await search('?q=&category=&model=&minPrice=&maxPrice=&sort=');
    expect(promptCalls()).toEqual(['/api/prompts?limit=24&sort=trending']);
  });

  it('shows the field message of an invalid price without asking for prompts', async () => {
    const result = await search('?minPrice=ten&maxPrice=5');
    expect(result.status).toBe(200);
    expect(result.data.errors).toEqual({ minPrice: 'Enter an amount in dollars, like 4.99' });
    expect(result.data.results).toBeNull();
    expect(promptCalls()).toEqual([]);
  });

  it('shows the API’s VALIDATION_FAILED message beside its field instead of crashing', async () => {
    answer = () =>
      problem(400, 'VALIDATION_FAILED', {
        detail: 'invalid query.maxPrice',
        errors: [{ field: 'query.maxPrice', message: 'must not be below minPrice' }],
      });
    const result = await search('?minPrice=5&maxPrice=9');
    expect(result.status).toBe(200);
    expect(result.data.errors).toEqual({ maxPrice: 'Must not be below minPrice' });
    expect(result.data.formError).toBeNull();
    expect(result.data.results).toBeNull();
  });

  it('explains a refused cursor above the results', async () => {
    answer = () =>
      problem(400, 'VALIDATION_FAILED', {
        detail: 'invalid query.cursor',
        errors: [{ field: 'query.cursor', message: 'is not a cursor' }],
      });
    const result = await search('?q=essay&cursor=garbage');
    expect(result.data.formError).toMatch(/no longer available/);
  });

  it('shows an empty result as a list with no items', async () => {
    answer = () => ({ status: 200, body: { items: [], nextCursor: null } });
    const result = await search('?q=zzzz');
    expect(result.data.results).toEqual({ items: [], nextCursor: null });
  });

  it('is publicly cacheable for anonymous visitors, private for signed-in ones', async () => {
    const anonymous = await search('?q=essay');
    expect(anonymous.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    const signedIn = await search('?q=essay', await signedInCookie());
    expect(signedIn.headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
  });

  it('answers 503 during an outage', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    answer = () => problem(503, 'DATABASE_UNAVAILABLE');
    const result = await search('?q=essay');
    expect(result.status).toBe(503);
  });
});
