import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE, PUBLIC_CACHE } from '../lib/cache-headers';
import { PROMPT_ID, problem, promptDetail } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { ORDER_ID, order, pendingOrder } from '../test/orders';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';
import { reviewList } from '../test/reviews';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let favoriteAnswer: FakeAnswer = { status: 204 };
let orderAnswer: FakeAnswer = { status: 201, body: pendingOrder() };

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
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews`)) {
      return { status: 200, body: reviewList([]) };
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
    if (call.method === 'POST' && call.url === '/api/orders') return orderAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  favoriteAnswer = { status: 204 };
  orderAnswer = { status: 201, body: pendingOrder() };
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

  it('gives a signed-in viewer a Buy key of their own on every view, anonymous ones none', async () => {
    const cookie = await signedInCookie();
    const first = (await page('code-review-buddy', cookie)).data as { buyKey: string };
    const second = (await page('code-review-buddy', cookie)).data as { buyKey: string };
    expect(first.buyKey).toMatch(/^buy-[0-9a-f-]{36}$/);
    expect(second.buyKey).not.toBe(first.buyKey);
    const anonymous = await page('code-review-buddy');
    // The shared, cached page holds nothing of one visitor.
    expect((anonymous.data as { buyKey: unknown }).buyKey).toBeNull();
    expect(anonymous.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
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

describe('buy action', () => {
  const KEY = 'buy-5b0c8f3e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';

  async function buy(fields: Record<string, string> = {}, signedIn = true) {
    const { action } = await load();
    const request = await formPost(
      '/p/code-review-buddy',
      { intent: 'buy', promptId: PROMPT_ID, idempotencyKey: KEY, ...fields },
      signedIn ? await signedInCookie() : undefined,
    );
    return outcome(() => action({ request, params: { slug: 'code-review-buddy' }, context: {} }));
  }

  it('creates the order with the page view’s idempotency key and goes to checkout (303)', async () => {
    const result = await buy();
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('http://127.0.0.1:4000/test-checkout/cs_test_123');
    expect(api.calls).toHaveLength(1);
    const call = api.calls[0]!;
    expect(`${call.method} ${call.url}`).toBe('POST /api/orders');
    expect(call.headers['idempotency-key']).toBe(KEY);
    expect(call.headers.authorization).toBe('Bearer access-signed-in');
    expect(call.body).toEqual({ promptIds: [PROMPT_ID] });
  });

  it('sends the same key again when the form is sent twice (one order at the API)', async () => {
    await buy();
    await buy();
    expect(api.calls.map((c) => c.headers['idempotency-key'])).toEqual([KEY, KEY]);
  });

  it('goes straight to the library when the order comes back paid (a free prompt)', async () => {
    orderAnswer = { status: 201, body: order({ total: { amount: 0, currency: 'usd' } }) };
    const result = await buy();
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/library/${PROMPT_ID}`);
  });

  it('never redirects to a checkout address that is not http(s): the result page checks', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    orderAnswer = { status: 201, body: pendingOrder({ checkoutUrl: 'javascript:alert(1)' }) };
    const result = await buy();
    expect(result.headers.get('Location')).toBe(`/checkout/success?order=${ORDER_ID}`);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('sends a signed-out visitor to sign in and back to the prompt', async () => {
    const result = await buy({}, false);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fp%2Fcode-review-buddy');
    expect(api.calls).toEqual([]);
  });

  it('refuses a post without the CSRF token', async () => {
    const result = await buy({ csrf: 'forged' });
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('refuses a missing or malformed key without calling the API', async () => {
    for (const idempotencyKey of ['', 'short', 'has spaces in it']) {
      const result = await buy({ idempotencyKey });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ intent: 'buy', formError: expect.any(String) });
    }
    expect(api.calls).toEqual([]);
  });

  it('says “you own this” with a library link when the API answers ALREADY_OWNED', async () => {
    orderAnswer = problem(409, 'ALREADY_OWNED', { detail: 'you already own “Code review buddy”' });
    const result = await buy();
    expect(result.status).toBe(409);
    expect(result.data).toEqual({
      intent: 'buy',
      formError: 'You own this prompt already.',
      owned: true,
    });
  });

  it('shows the API’s words for its own prompt, or a seller who cannot be paid', async () => {
    orderAnswer = problem(409, 'CONFLICT', { detail: '“Code review buddy” is your own prompt' });
    let result = await buy();
    expect(result.status).toBe(409);
    expect(result.data).toEqual({
      intent: 'buy',
      formError: '“Code review buddy” is your own prompt.',
    });

    orderAnswer = problem(409, 'CONFLICT', { detail: 'the seller cannot be paid yet' });
    result = await buy();
    expect(result.data).toEqual({ intent: 'buy', formError: 'The seller cannot be paid yet.' });
  });

  it('words the other refusals for people', async () => {
    orderAnswer = problem(403, 'ACCOUNT_SUSPENDED');
    expect((await buy()).data).toMatchObject({ formError: expect.stringMatching(/suspended/) });

    orderAnswer = problem(400, 'VALIDATION_FAILED', { detail: 'prompt x does not exist' });
    expect((await buy()).data).toMatchObject({ formError: 'This prompt is no longer for sale.' });

    orderAnswer = problem(422, 'IDEMPOTENCY_KEY_REUSED');
    const reused = await buy();
    expect(reused.status).toBe(422);
    expect(reused.data).toMatchObject({ formError: expect.stringMatching(/Reload the page/) });
  });

  it('says checkout is unavailable when payments or the API are down', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    orderAnswer = problem(502, 'PAYMENTS_UNAVAILABLE');
    const result = await buy();
    expect(result.status).toBe(503);
    expect(result.data).toMatchObject({ formError: expect.stringMatching(/unavailable/) });
    expect(warn).toHaveBeenCalled();
  });

  it('signs out a visitor whose token the API refuses', async () => {
    orderAnswer = problem(401, 'UNAUTHENTICATED');
    const result = await buy();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fp%2Fcode-review-buddy');
  });
});
