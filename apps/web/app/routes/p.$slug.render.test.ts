import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROMPT_ID, promptDetail } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { renderRoute } from '../test/render-route';
import { CSRF, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';
import {
  myReview,
  ownReview,
  REVIEW_ID,
  review,
  reviewList,
  XSS_BODY,
  XSS_BODY_HTML,
  XSS_REPLY,
  XSS_REPLY_HTML,
} from '../test/reviews';

// The prompt page's HTML as the server sends it, from the real loader over a fake API:
// review and reply bodies go in only as the API's sanitized bodyHtml, the Markdown as
// typed only as escaped text, and each viewer gets the forms that are theirs.

let api: Awaited<ReturnType<typeof startFakeApi>>;
let viewer = { owns: false, isSeller: false, favorited: false };
let listAnswer: FakeAnswer;
let mineAnswer: FakeAnswer;

const xssReview = () =>
  review({
    id: REVIEW_ID,
    rating: 1,
    body: XSS_BODY,
    bodyHtml: XSS_BODY_HTML,
    reply: { body: XSS_REPLY, bodyHtml: XSS_REPLY_HTML, repliedAt: '2025-04-03T09:00:00.000Z' },
  });

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === '/api/prompts/code-review-buddy') {
      return { status: 200, body: promptDetail({ viewer }) };
    }
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews/mine`)) {
      return mineAnswer;
    }
    if (call.method === 'GET' && call.url.startsWith(`/api/prompts/${PROMPT_ID}/reviews`)) {
      return listAnswer;
    }
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

async function page(options: { cookie?: string; actionData?: unknown } = {}) {
  listAnswer ??= { status: 200, body: reviewList([xssReview()]) };
  mineAnswer ??= { status: 200, body: myReview() };
  const { loader } = await withApi(api.url, () => import('./p.$slug.server'));
  const result = await outcome(() =>
    loader({
      request: pageRequest('/p/code-review-buddy', options.cookie),
      params: { slug: 'code-review-buddy' },
      context: {},
    }),
  );
  expect(result.status).toBe(200);
  const { default: PromptPage } = await import('./p.$slug');
  return renderRoute(PromptPage, {
    url: '/p/code-review-buddy',
    loaderData: result.data,
    actionData: options.actionData,
    rootData: { csrfToken: options.cookie ? CSRF : null },
  });
}

/**
 * No markup that would run script in a browser: script, svg or iframe tags, event-handler
 * attributes, javascript: addresses. A textarea's content is text (escaped), so it is
 * checked apart: it must hold no raw `<`.
 */
function expectInert(html: string) {
  const textareas = [...html.matchAll(/<textarea[^>]*>([\s\S]*?)<\/textarea>/g)].map((m) => m[1]!);
  for (const text of textareas) expect(text).not.toContain('<');
  const markup = html
    .replace(/(<textarea[^>]*>)[\s\S]*?<\/textarea>/g, '$1</textarea>')
    .toLowerCase();
  for (const bad of [
    '<script',
    '<svg',
    '<iframe',
    '<img src=x',
    'javascript:',
    'onerror',
    'onload',
  ]) {
    expect(markup, bad).not.toContain(bad);
  }
  expect(markup).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/);
}

describe('the prompt page’s reviews', () => {
  it('shows review and reply bodies from bodyHtml only, XSS payloads inert, to everyone', async () => {
    listAnswer = { status: 200, body: reviewList([xssReview()]) };
    const html = await page();
    expectInert(html);
    expect(html).toContain('<strong>Careful</strong>');
    expect(html).toContain('<p>Sorry to hear that.</p>');
    expect(html).toContain('Reply from the seller');
    expect(html).toMatch(/1 star out of 5/);
    // The rating histogram, per star.
    expect(html).toContain('aria-label="Reviews per star"');
    // Signed out: no forms (a cached page has no CSRF token), sign-in links instead.
    expect(html).not.toContain('name="intent" value="report-review"');
    expect(html).toContain('Sign in to report this review');
    expect(html).toContain('Sign in to report this prompt');
  });

  it('gives a signed-in visitor a Report form per review and one for the prompt, with the CSRF token', async () => {
    listAnswer = { status: 200, body: reviewList([xssReview()]) };
    const html = await page({ cookie: await signedInCookie() });
    expectInert(html);
    expect(html).toContain('name="intent" value="report-review"');
    expect(html).toContain(`name="reviewId" value="${REVIEW_ID}"`);
    expect(html).toContain('name="intent" value="report-prompt"');
    expect(html).toContain(`name="csrf" value="${CSRF}"`);
    expect(html).toContain('<summary>Report this prompt</summary>');
    expect(html).not.toContain('name="intent" value="reply"');
  });

  it('gives the owner their review with its status and an edit form holding the Markdown as text', async () => {
    viewer = { owns: true, isSeller: false, favorited: false };
    listAnswer = { status: 200, body: reviewList([]) };
    mineAnswer = {
      status: 200,
      body: myReview({
        review: ownReview({ body: XSS_BODY, bodyHtml: XSS_BODY_HTML, rating: 2 }),
      }),
    };
    const html = await page({ cookie: await signedInCookie() });
    expectInert(html);
    expect(html).toContain('Waiting for a moderator');
    // The source is back in the textarea, escaped: text, not markup.
    expect(html).toContain('&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;');
    // An accessible rating group: a fieldset with a legend and five labelled radios.
    expect(html).toMatch(/<fieldset[^>]*class="rating-input"[^>]*><legend>Your rating<\/legend>/);
    expect(html.match(/<input type="radio" name="rating"/g)).toHaveLength(5);
    expect(html).toMatch(/<input type="radio" name="rating"[^>]*checked=""[^>]*value="2"/);
    expect(html.match(/<input type="radio"[^>]*checked=""/g)).toHaveLength(1);
    expect(html).toContain('2 stars — Fair');
    expect(html).toContain('Update your review');
    expect(html).toContain('name="intent" value="delete-review"');
  });

  it('gives an owner without a review the form to write one, with the prompt’s model chosen', async () => {
    viewer = { owns: true, isSeller: false, favorited: false };
    listAnswer = { status: 200, body: reviewList([]) };
    mineAnswer = { status: 200, body: myReview() };
    const html = await page({ cookie: await signedInCookie() });
    expect(html).toContain('Write a review');
    expect(html).toContain('Post your review');
    expect(html).toMatch(/<option value="claude" selected="">Claude<\/option>/);
    expect(html).toContain('No reviews yet.');
  });

  it('shows what was wrong with a refused review, tied to the fields', async () => {
    viewer = { owns: true, isSeller: false, favorited: false };
    listAnswer = { status: 200, body: reviewList([]) };
    mineAnswer = { status: 200, body: myReview() };
    const html = await page({
      cookie: await signedInCookie(),
      actionData: {
        intent: 'review',
        reviewId: null,
        formError: null,
        fieldErrors: { rating: 'Choose a rating from 1 to 5 stars.', body: 'Too short.' },
        values: { rating: '', body: '<b>hi</b>', modelUsed: 'gemini' },
      },
    });
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="[^"]+-error"[^>]*aria-invalid="true"/);
    expect(html).toContain('Choose a rating from 1 to 5 stars.');
    expect(html).toMatch(
      /<textarea[^>]*aria-invalid="true"[^>]*>&lt;b&gt;hi&lt;\/b&gt;<\/textarea>/,
    );
    expect(html).toMatch(/<option value="gemini" selected="">/);
  });

  it('gives the seller a Reply form on reviews they have not answered, and no report of their prompt', async () => {
    viewer = { owns: false, isSeller: true, favorited: false };
    listAnswer = {
      status: 200,
      body: reviewList([
        review({ id: REVIEW_ID, viewer: { isAuthor: false, canReply: true, reported: false } }),
      ]),
    };
    const html = await page({ cookie: await signedInCookie() });
    expect(html).toContain('name="intent" value="reply"');
    expect(html).toContain('<summary>Reply</summary>');
    expect(html).not.toContain('Report this prompt');
    expect(html).not.toContain('id="your-review"');
  });

  it('says reviews are unavailable when the API fails, and still renders the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    listAnswer = {
      status: 503,
      body: { type: 'x', title: 'Unavailable', status: 503, code: 'DATABASE_UNAVAILABLE' },
      contentType: 'application/problem+json',
    };
    const html = await page();
    expect(html).toContain('Reviews are unavailable right now');
    expect(html).toContain('Code review buddy');
    expect(warn).toHaveBeenCalled();
  });
});
