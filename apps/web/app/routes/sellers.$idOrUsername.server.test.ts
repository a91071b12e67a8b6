import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PUBLIC_CACHE } from '../lib/cache-headers';
import { problem, promptList, SELLER_ID, sellerPublic } from '../test/catalog';
import { startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    const url = new URL(call.url, 'http://api');
    if (
      url.pathname === '/api/sellers/demo_seller' ||
      url.pathname === `/api/sellers/${SELLER_ID}`
    ) {
      return { status: 200, body: sellerPublic() };
    }
    if (url.pathname.startsWith('/api/sellers/')) return problem(404, 'NOT_FOUND');
    if (url.pathname === '/api/prompts') return { status: 200, body: promptList(24, 'next-page') };
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

async function sellerPage(idOrUsername: string, search = '') {
  const { loader } = await withApi(api.url, () => import('./sellers.$idOrUsername.server'));
  return outcome(() =>
    loader({
      request: pageRequest(`/sellers/${idOrUsername}${search}`),
      params: { idOrUsername },
      context: {},
    }),
  );
}

describe('seller page loader', () => {
  it('shows the profile and lists the seller’s prompts by their id', async () => {
    const result = await sellerPage('demo_seller', '?cursor=c2');
    expect(result.status).toBe(200);
    expect(result.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    expect(api.calls.map((c) => c.url)).toEqual([
      '/api/sellers/demo_seller',
      `/api/prompts?seller=${SELLER_ID}&sort=newest&limit=24&cursor=c2`,
    ]);
    const data = result.data as {
      seller: ReturnType<typeof sellerPublic>;
      prompts: { items: unknown[]; nextCursor: string | null };
      cursor: string | null;
    };
    expect(data.seller.displayName).toBe('Demo Seller');
    // Only http(s) links reach the page.
    expect(data.seller.links).toEqual([{ label: 'Site', url: 'https://seller.example/' }]);
    expect(data.prompts.items).toHaveLength(24);
    expect(data.prompts.nextCursor).toBe('next-page');
    expect(data.cursor).toBe('c2');
  });

  it('asks for the profile and the prompts at once when given an id', async () => {
    await sellerPage(SELLER_ID);
    expect(api.calls.map((c) => c.url).sort()).toEqual([
      `/api/prompts?seller=${SELLER_ID}&sort=newest&limit=24`,
      `/api/sellers/${SELLER_ID}`,
    ]);
  });

  it('throws a 404 for an unknown seller', async () => {
    const result = await sellerPage('nobody_here');
    expect(result.status).toBe(404);
  });
});
