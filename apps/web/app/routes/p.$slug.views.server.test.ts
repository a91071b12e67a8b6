import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE, PUBLIC_CACHE } from '../lib/cache-headers';
import { PROMPT_ID, problem, promptDetail } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

// The prompt page counts a view for its seller's dashboard (decision 0017): one
// POST /api/prompts/:id/views per render, as the viewer; never at the cost of the page.

let api: Awaited<ReturnType<typeof startFakeApi>>;
let viewAnswer: FakeAnswer = { status: 200, body: { counted: true } };

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/prompts/code-review-buddy') {
      return { status: 200, body: promptDetail() };
    }
    if (call.method === 'GET' && call.url.startsWith('/api/prompts/no-such')) {
      return problem(404, 'NOT_FOUND', { detail: 'no such prompt' });
    }
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews`)) {
      return { status: 200, body: { items: [], nextCursor: null, summary: null } };
    }
    if (call.method === 'POST' && call.url === `/api/prompts/${PROMPT_ID}/views`) {
      return viewAnswer;
    }
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  viewAnswer = { status: 200, body: { counted: true } };
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function page(slug: string, cookie?: string) {
  const { loader } = await withApi(api.url, () => import('./p.$slug.server'));
  return outcome(() =>
    loader({ request: pageRequest(`/p/${slug}`, cookie), params: { slug }, context: {} }),
  );
}

const viewCalls = () => api.calls.filter((c) => c.method === 'POST' && c.url.endsWith('/views'));

describe('prompt page view counting', () => {
  it('counts one view per render of an anonymous page, which stays publicly cacheable', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = await page('code-review-buddy');
    expect(result.status).toBe(200);
    expect(result.headers.get('Cache-Control')).toBe(PUBLIC_CACHE);
    expect(viewCalls()).toHaveLength(1);
    expect(viewCalls()[0]?.url).toBe(`/api/prompts/${PROMPT_ID}/views`);
    expect(viewCalls()[0]?.headers.authorization).toBeUndefined();
    await page('code-review-buddy');
    expect(viewCalls()).toHaveLength(2);
  });

  it('counts as the signed-in viewer, so the API can leave out the seller and admins', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    viewAnswer = { status: 200, body: { counted: false } };
    const result = await page('code-review-buddy', await signedInCookie());
    expect(result.status).toBe(200);
    expect(result.headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    expect(viewCalls()).toHaveLength(1);
    expect(viewCalls()[0]?.headers.authorization).toBe('Bearer access-signed-in');
  });

  it('counts nothing for a prompt that is not there', async () => {
    const result = await page('no-such-prompt');
    expect(result.status).toBe(404);
    expect(viewCalls()).toEqual([]);
  });

  it('shows the page when the counter fails, with a warning in the log', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    viewAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    const result = await page('code-review-buddy');
    expect(result.status).toBe(200);
    expect((result.data as { prompt: { id: string } }).prompt.id).toBe(PROMPT_ID);
    expect(viewCalls()).toHaveLength(1);
    expect(warn.mock.calls.some(([m]) => String(m).includes('prompt view not counted'))).toBe(true);
  });
});
