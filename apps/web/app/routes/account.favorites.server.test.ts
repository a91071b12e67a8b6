import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROMPT_ID, problem, promptList } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let removeAnswer: FakeAnswer = { status: 204 };

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/me/favorites')) {
      return { status: 200, body: promptList(2, 'fav-2') };
    }
    if (call.method === 'DELETE' && call.url === `/api/me/favorites/${PROMPT_ID}`) {
      return removeAnswer;
    }
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  removeAnswer = { status: 204 };
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./account.favorites.server'));

describe('favorites page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const { loader } = await load();
    const result = await outcome(() =>
      loader({ request: pageRequest('/account/favorites'), params: {}, context: {} }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Faccount%2Ffavorites');
  });

  it('lists the signed-in user’s favorites, page by page', async () => {
    const { loader } = await load();
    const request = pageRequest('/account/favorites?cursor=fav-1', await signedInCookie());
    const result = await outcome(() => loader({ request, params: {}, context: {} }));
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/me/favorites?cursor=fav-1');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    expect(result.data).toMatchObject({ cursor: 'fav-1', favorites: { nextCursor: 'fav-2' } });
  });

  it('removes a favorite and shows the list again', async () => {
    const { action } = await load();
    const request = await formPost(
      '/account/favorites',
      { promptId: PROMPT_ID },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/account/favorites?removed=1');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `DELETE /api/me/favorites/${PROMPT_ID}`,
    ]);
  });

  it('treats a favorite that is already gone as removed', async () => {
    removeAnswer = problem(404, 'NOT_FOUND');
    const { action } = await load();
    const request = await formPost(
      '/account/favorites',
      { promptId: PROMPT_ID },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(302);
  });

  it('refuses a post without the CSRF token', async () => {
    const { action } = await load();
    const request = await formPost(
      '/account/favorites',
      { promptId: PROMPT_ID, csrf: 'forged' },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
