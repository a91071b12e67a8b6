import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE, PUBLIC_CACHE } from '../lib/cache-headers';
import { PROMPT_ID, problem, promptDetail } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let favoriteAnswer: FakeAnswer = { status: 204 };

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/prompts/code-review-buddy') {
      const signedIn = call.headers.authorization === 'Bearer access-signed-in';
      return {
        status: 200,
        body: promptDetail({
          viewer: { owns: signedIn, isSeller: false, favorited: false },
          // Never sent by the API; the SDK's schema drops it should it ever be.
          template: 'SECRET TEMPLATE TEXT',
        }),
      };
    }
    if (call.method === 'GET' && call.url === '/api/prompts/bad%20slug') {
      return problem(400, 'VALIDATION_FAILED', {
        errors: [{ field: 'params.idOrSlug', message: 'an id or a slug' }],
      });
    }
    if (call.method === 'GET' && call.url.startsWith('/api/prompts/')) {
      return problem(404, 'NOT_FOUND', { detail: 'no such prompt' });
    }
    if (call.url === `/api/me/favorites/${PROMPT_ID}`) return favoriteAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  favoriteAnswer = { status: 204 };
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./p.$slug.server'));

async function page(slug: string, cookie?: string) {
  const { loader } = await load();
  return outcome(() =>
    loader({ request: pageRequest(`/p/${slug}`, cookie), params: { slug }, context: {} }),
  );
}

describe('prompt page loader', () => {
  it('shows a prompt to an anonymous visitor, publicly cacheable, never the template', async () => {
    const result = await page('code-review-buddy');
    expect(result.status).toBe(200);
    expect(result.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    expect(api.calls[0]?.headers.authorization).toBeUndefined();
    const { prompt, signedIn } = result.data as {
      prompt: ReturnType<typeof promptDetail>;
      signedIn: boolean;
    };
    expect(signedIn).toBe(false);
    expect(prompt.title).toBe('Code review buddy');
    expect(JSON.stringify(result.data)).not.toContain('SECRET TEMPLATE');
    // Newest version first; assets with an address a browser must not open are left out.
    expect(prompt.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(prompt.assets.map((a) => a.url)).toEqual(['https://files.example/full.webp?sig=2']);
  });

  it('asks as the signed-in viewer and keeps the page private', async () => {
    const result = await page('code-review-buddy', await signedInCookie());
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    expect(result.headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    const { prompt, signedIn } = result.data as {
      prompt: ReturnType<typeof promptDetail>;
      signedIn: boolean;
    };
    expect(signedIn).toBe(true);
    expect(prompt.viewer.owns).toBe(true);
  });

  it('throws a 404 for an unknown slug, for the error boundary', async () => {
    const result = await page('no-such-prompt');
    expect(result.status).toBe(404);
  });

  it('throws a 404 for an address that cannot be a slug (the API answers 400)', async () => {
    const result = await page('bad slug');
    expect(result.status).toBe(404);
  });
});

describe('favorite action', () => {
  async function post(fields: Record<string, string>, signedIn = true) {
    const { action } = await load();
    const request = await formPost(
      '/p/code-review-buddy',
      fields,
      signedIn ? await signedInCookie() : undefined,
    );
    return outcome(() => action({ request, params: { slug: 'code-review-buddy' }, context: {} }));
  }

  it('adds a favorite and goes back to the page', async () => {
    const result = await post({ intent: 'favorite', promptId: PROMPT_ID });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/p/code-review-buddy');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `PUT /api/me/favorites/${PROMPT_ID}`,
    ]);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
  });

  it('removes a favorite', async () => {
    await post({ intent: 'unfavorite', promptId: PROMPT_ID });
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `DELETE /api/me/favorites/${PROMPT_ID}`,
    ]);
  });

  it('sends a signed-out visitor to sign in first', async () => {
    const result = await post({ intent: 'favorite', promptId: PROMPT_ID }, false);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fp%2Fcode-review-buddy');
    expect(api.calls).toEqual([]);
  });

  it('refuses a post without the CSRF token', async () => {
    const { action } = await load();
    const request = await formPost(
      '/p/code-review-buddy',
      { intent: 'favorite', promptId: PROMPT_ID, csrf: 'forged' },
      await signedInCookie(),
    );
    const result = await outcome(() =>
      action({ request, params: { slug: 'code-review-buddy' }, context: {} }),
    );
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('refuses a malformed prompt id without calling the API', async () => {
    const result = await post({ intent: 'favorite', promptId: 'not-a-uuid' });
    expect(result.status).toBe(400);
    expect(api.calls).toEqual([]);
  });

  it('says so when the API is down', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    favoriteAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    const result = await post({ intent: 'favorite', promptId: PROMPT_ID });
    expect(result.status).toBe(503);
    expect(result.data).toMatchObject({ formError: expect.stringMatching(/try again/) });
  });
});
