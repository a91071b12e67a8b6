import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE, PUBLIC_CACHE } from '../lib/cache-headers';
import { categories, problem, promptList } from '../test/catalog';
import { deadUrl, startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let down = false;
const arrivals: number[] = [];
const lists = {
  trending: promptList(8),
  newest: promptList(8),
  'top-rated': promptList(3),
};

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (down) return problem(503, 'DATABASE_UNAVAILABLE');
    arrivals.push(Date.now());
    const url = new URL(call.url, 'http://api');
    if (url.pathname === '/api/categories') return { status: 200, body: { items: categories } };
    if (url.pathname === '/api/prompts') {
      const sort = url.searchParams.get('sort') as keyof typeof lists;
      // Slow enough that answering one after the other would show in the timing.
      return { status: 200, body: lists[sort], delayMs: 150 };
    }
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  arrivals.length = 0;
  down = false;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = (url = api.url) => withApi(url, () => import('./_index.server'));

async function home(cookie?: string, url?: string) {
  const { loader } = await load(url);
  return outcome(() => loader({ request: pageRequest('/', cookie), params: {}, context: {} }));
}

describe('home loader', () => {
  it('loads categories and the three lists of 8 at once', async () => {
    const result = await home();
    expect(result.status).toBe(200);
    // Each list answers after 150 ms: asked one after the other, they would arrive apart.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(100);
    const data = result.data as Record<string, { id: string }[]>;
    expect(data.categories).toEqual(categories);
    expect(data.trending?.map((p) => p.id)).toEqual(lists.trending.items.map((p) => p.id));
    expect(data.newest).toHaveLength(8);
    expect(data.topRated).toHaveLength(3);
    const asked = api.calls.map((c) => c.url).sort();
    expect(asked).toEqual([
      '/api/categories',
      '/api/prompts?sort=newest&limit=8',
      '/api/prompts?sort=top-rated&limit=8',
      '/api/prompts?sort=trending&limit=8',
    ]);
  });

  it('forwards x-request-id to the API', async () => {
    const { loader } = await load();
    const request = new Request('http://127.0.0.1:3000/', {
      headers: { 'x-request-id': 'req-123' },
    });
    await loader({ request, params: {}, context: {} });
    expect(api.calls.every((c) => c.headers['x-request-id'] === 'req-123')).toBe(true);
  });

  it('is publicly cacheable for anonymous visitors, private for signed-in ones', async () => {
    const anonymous = await home();
    expect(anonymous.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    expect(anonymous.headers.get('Set-Cookie')).toBeNull();

    const signedIn = await home(await signedInCookie());
    expect(signedIn.headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    // The lists are the same for everybody: they are asked for without the token.
    expect(api.calls.some((c) => c.headers.authorization)).toBe(false);
  });

  it('answers 503 when the API reports an outage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    down = true;
    const result = await home();
    expect(result.status).toBe(503);
    expect(result.headers.get('Retry-After')).toBe('30');
    expect(warn).toHaveBeenCalled();
  });

  it('answers 503 when the API cannot be reached', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { loader } = await load(await deadUrl());
    let thrown: unknown;
    try {
      await loader({ request: pageRequest('/'), params: {}, context: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(503);
    expect(await (thrown as Response).text()).toBe('The catalog is unavailable right now');
    expect(warn.mock.calls[0]?.[0]).toMatch(/cannot be reached/);
  });
});
