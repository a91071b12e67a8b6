import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROMPT_ID, problem, promptDetail } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';
import { myReview, ownReview, REVIEW_ID, report, review, reviewList } from '../test/reviews';

// The review forms of the prompt page (lib/reviews.server.ts through the page's action)
// and the review data its loader gathers.

let api: Awaited<ReturnType<typeof startFakeApi>>;
let answer: FakeAnswer;
let viewer = { owns: false, isSeller: false, favorited: false };

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/prompts/code-review-buddy') {
      return { status: 200, body: promptDetail({ viewer }) };
    }
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews/mine`)) {
      return { status: 200, body: myReview({ review: ownReview() }) };
    }
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews`)) {
      const cursor = new URL(call.url, 'http://x').searchParams.get('cursor');
      if (cursor === 'stale') {
        return problem(400, 'VALIDATION_FAILED', {
          errors: [{ field: 'query.cursor', message: 'is not a cursor' }],
        });
      }
      return { status: 200, body: reviewList([review()], 'next-page') };
    }
    if (call.method === 'POST' || call.method === 'DELETE') return answer;
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  viewer = { owns: false, isSeller: false, favorited: false };
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./p.$slug.server'));

async function page(path: string, cookie?: string) {
  const { loader } = await load();
  return outcome(() =>
    loader({
      request: pageRequest(path, cookie),
      params: { slug: 'code-review-buddy' },
      context: {},
    }),
  );
}

async function post(fields: Record<string, string>, signedIn = true) {
  const { action } = await load();
  const request = await formPost(
    '/p/code-review-buddy',
    fields,
    signedIn ? await signedInCookie() : undefined,
  );
  return outcome(() => action({ request, params: { slug: 'code-review-buddy' }, context: {} }));
}

const calls = () => api.calls.map((c) => `${c.method} ${c.url}`);

describe('the review section’s data', () => {
  it('asks for the sort and page in the address, anonymously and publicly cacheable', async () => {
    const result = await page('/p/code-review-buddy?sort=lowest&cursor=abc');
    expect(result.status).toBe(200);
    expect(calls()).toContain(`GET /api/prompts/${PROMPT_ID}/reviews?sort=lowest&cursor=abc`);
    expect(result.data).toMatchObject({
      reviews: { sort: 'lowest', cursor: 'abc', mine: null, list: { nextCursor: 'next-page' } },
    });
    expect(result.headers.get('Cache-Control')).toContain('public');
  });

  it('falls back to the first page for a cursor the API refuses, and to newest for a bad sort', async () => {
    const result = await page('/p/code-review-buddy?sort=random&cursor=stale');
    expect(calls().filter((c) => c.includes('/reviews'))).toEqual([
      `GET /api/prompts/${PROMPT_ID}/reviews?sort=newest&cursor=stale`,
      `GET /api/prompts/${PROMPT_ID}/reviews?sort=newest`,
    ]);
    expect(result.data).toMatchObject({ reviews: { sort: 'newest', cursor: null } });
  });

  it('loads the owner’s own review, as them, and a notice after a form', async () => {
    viewer = { owns: true, isSeller: false, favorited: false };
    const result = await page('/p/code-review-buddy?done=review-saved', await signedInCookie());
    const mine = api.calls.find((c) => c.url.endsWith('/reviews/mine'));
    expect(mine?.headers.authorization).toBe('Bearer access-signed-in');
    expect(result.data).toMatchObject({
      reviews: {
        mine: { canReview: true, review: { id: REVIEW_ID, status: 'pending' } },
        notice: expect.stringContaining('moderator'),
      },
    });
  });
});

describe('review forms', () => {
  it('post a review with the rating as a number and go back to it (303)', async () => {
    answer = { status: 201, body: ownReview() };
    const result = await post({
      intent: 'review',
      promptId: PROMPT_ID,
      rating: '4',
      body: '  Saved me an hour on every post.  ',
      modelUsed: 'gemini',
    });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(
      '/p/code-review-buddy?done=review-saved#your-review',
    );
    expect(calls()).toEqual([`POST /api/prompts/${PROMPT_ID}/reviews`]);
    expect(api.calls[0]?.body).toEqual({
      rating: 4,
      body: 'Saved me an hour on every post.',
      modelUsed: 'gemini',
    });
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
  });

  it('refuse a review without a rating or with a short text, naming both, without the API', async () => {
    const result = await post({ intent: 'review', promptId: PROMPT_ID, body: 'meh' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: 'review',
      fieldErrors: { rating: expect.any(String), body: expect.any(String) },
      values: { body: 'meh' },
    });
    expect(api.calls).toEqual([]);
  });

  it('say why the API refused a review: not an owner, too many, a field it names', async () => {
    const fields = {
      intent: 'review',
      promptId: PROMPT_ID,
      rating: '5',
      body: 'Great prompt, works.',
    };
    answer = problem(403, 'NOT_ENTITLED');
    expect(await post(fields)).toMatchObject({
      status: 403,
      data: { formError: 'Only buyers who own this prompt can review it.' },
    });
    answer = problem(429, 'RATE_LIMITED');
    expect((await post(fields)).status).toBe(429);
    answer = problem(400, 'VALIDATION_FAILED', {
      errors: [{ field: 'modelUsed', message: 'Invalid option' }],
    });
    expect(await post(fields)).toMatchObject({
      status: 400,
      data: { fieldErrors: { modelUsed: 'Choose a model from the list.' } },
    });
  });

  it('delete the buyer’s review', async () => {
    answer = { status: 204 };
    const result = await post({ intent: 'delete-review', reviewId: REVIEW_ID });
    expect(result.headers.get('Location')).toBe(
      '/p/code-review-buddy?done=review-deleted#your-review',
    );
    expect(calls()).toEqual([`DELETE /api/reviews/${REVIEW_ID}`]);
  });

  it('send the seller’s reply, and show a second one as refused', async () => {
    answer = { status: 201, body: review({ id: REVIEW_ID }) };
    const result = await post({ intent: 'reply', reviewId: REVIEW_ID, body: 'Thanks a lot!' });
    expect(result.headers.get('Location')).toBe(
      `/p/code-review-buddy?done=replied#review-${REVIEW_ID}`,
    );
    expect(api.calls[0]?.body).toEqual({ body: 'Thanks a lot!' });
    answer = problem(409, 'ALREADY_REPLIED');
    expect(await post({ intent: 'reply', reviewId: REVIEW_ID, body: 'Again' })).toMatchObject({
      status: 409,
      data: { intent: 'reply', reviewId: REVIEW_ID, formError: expect.stringContaining('already') },
    });
  });

  it('report a review and a prompt with a reason', async () => {
    answer = { status: 201, body: report('review', REVIEW_ID) };
    const reported = await post({
      intent: 'report-review',
      reviewId: REVIEW_ID,
      reason: 'fake',
      details: 'Copied text',
    });
    expect(reported.headers.get('Location')).toBe(
      `/p/code-review-buddy?done=review-reported#review-${REVIEW_ID}`,
    );
    expect(api.calls[0]).toMatchObject({
      url: `/api/reviews/${REVIEW_ID}/reports`,
      body: { reason: 'fake', details: 'Copied text' },
    });
    api.calls.length = 0;
    answer = { status: 200, body: report('prompt', PROMPT_ID) };
    const prompt = await post({
      intent: 'report-prompt',
      promptId: PROMPT_ID,
      reason: 'copyright',
    });
    expect(prompt.headers.get('Location')).toBe(
      '/p/code-review-buddy?done=prompt-reported#report-prompt',
    );
    expect(api.calls[0]).toMatchObject({
      url: `/api/prompts/${PROMPT_ID}/reports`,
      body: { reason: 'copyright', details: '' },
    });
  });

  it('refuse a report without a reason, a forged review id, a signed-out post or a bad CSRF token', async () => {
    expect(await post({ intent: 'report-review', reviewId: REVIEW_ID })).toMatchObject({
      status: 400,
      data: { fieldErrors: { reason: 'Choose a reason.' } },
    });
    expect((await post({ intent: 'reply', reviewId: 'nope', body: 'Hi there' })).status).toBe(400);
    const signedOut = await post(
      { intent: 'report-prompt', promptId: PROMPT_ID, reason: 'spam' },
      false,
    );
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('Location')).toMatch(/^\/signin/);
    const forged = await post({
      intent: 'report-prompt',
      promptId: PROMPT_ID,
      reason: 'spam',
      csrf: 'forged',
    });
    expect(forged.status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
