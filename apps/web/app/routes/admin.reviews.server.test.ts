import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import {
  auditEntry,
  bulkResult,
  OTHER_ID,
  REPORT_ID,
  REVIEW_ID,
  report,
  reviewDetail,
  reviewItem,
} from '../test/admin';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import {
  formPost,
  outcome,
  pageRequest,
  sessionFrom,
  signedInCookie,
  withApi,
} from '../test/requests';

// The review queue (/admin/reviews) and the review item view (/admin/reviews/:id).

let api: Awaited<ReturnType<typeof startFakeApi>>;
let listAnswer: FakeAnswer;
let detailAnswer: FakeAnswer;
let decisionAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/admin/reviews?')) return listAnswer;
    if (call.method === 'GET' && call.url === `/api/admin/reviews/${REVIEW_ID}`) {
      return detailAnswer;
    }
    if (call.method === 'POST' && call.url.startsWith('/api/admin/')) return decisionAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  listAnswer = { status: 200, body: { items: [reviewItem()], nextCursor: 'next-page' } };
  detailAnswer = { status: 200, body: reviewDetail({ audit: [auditEntry()] }) };
  decisionAnswer = { status: 200, body: reviewDetail({ status: 'published' }) };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const loadList = () => withApi(api.url, () => import('./admin.reviews._index.server'));
const loadItem = () => withApi(api.url, () => import('./admin.reviews.$id.server'));

async function list(path: string, cookie?: string) {
  const { loader } = await loadList();
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

async function bulk(fields: Record<string, string>, ids: string[]) {
  const { action } = await loadList();
  const request = await formPost('/admin/reviews', fields, await signedInCookie());
  const body = new URLSearchParams(await request.text());
  for (const id of ids) body.append('ids', id);
  return outcome(() =>
    action({
      request: new Request(request.url, { method: 'POST', headers: request.headers, body }),
      params: {},
      context: {},
    }),
  );
}

async function decide(fields: Record<string, string>) {
  const { action } = await loadItem();
  const request = await formPost(`/admin/reviews/${REVIEW_ID}`, fields, await signedInCookie());
  return outcome(() => action({ request, params: { id: REVIEW_ID }, context: {} }));
}

describe('the review queue page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await list('/admin/reviews');
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fadmin%2Freviews');
  });

  it('passes the filters of the URL to the API and keeps them for the page', async () => {
    const result = await list(
      '/admin/reviews?queue=reported&reason=spam&from=2026-11-01&q=fake&cursor=abc',
      await signedInCookie(),
    );
    expect(result.status).toBe(200);
    const url = new URL(`http://x${api.calls[0]!.url}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      queue: 'reported',
      reason: 'spam',
      from: '2026-11-01',
      q: 'fake',
      cursor: 'abc',
      limit: '25',
    });
    expect(result.data).toMatchObject({
      queue: 'reported',
      filters: { queue: 'reported', reason: 'spam', from: '2026-11-01', q: 'fake' },
      items: [{ id: REVIEW_ID }],
      nextCursor: 'next-page',
      filterError: null,
    });
    // The API said this user is an admin: the header's Admin link is remembered.
    expect((await sessionFrom(result.headers)).get('admin')).toBe(true);
  });

  it('drops the empty fields of the filter form from the URL (302)', async () => {
    const result = await list(
      '/admin/reviews?queue=reported&status=&reason=&q=crooks&buyerId=',
      await signedInCookie(),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/admin/reviews?queue=reported&q=crooks');
    expect(api.calls).toEqual([]);
  });

  it('shows the queue of waiting reviews for an unknown queue name', async () => {
    await list('/admin/reviews?queue=everything', await signedInCookie());
    expect(api.calls[0]?.url).toContain('queue=pending');
  });

  it('keeps the page when the API refuses a filter, and says which', async () => {
    listAnswer = problem(400, 'VALIDATION_FAILED', {
      errors: [{ field: 'query.from', message: 'Invalid date' }],
    });
    const result = await list('/admin/reviews?from=yesterday', await signedInCookie());
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ items: [], filterError: 'from: Invalid date' });
  });

  it('answers 403 to anyone who is not an admin', async () => {
    listAnswer = problem(403, 'ADMIN_REQUIRED');
    const result = await list('/admin/reviews', await signedInCookie());
    expect(result.status).toBe(403);
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./admin.reviews._index'))).toBe(PRIVATE_NO_STORE);
    expect(cacheControlOf(await import('./admin.reviews.$id'))).toBe(PRIVATE_NO_STORE);
  });
});

describe('bulk decisions on reviews', () => {
  it('approves the ticked reviews and shows each result', async () => {
    decisionAnswer = { status: 200, body: bulkResult([REVIEW_ID, OTHER_ID], [OTHER_ID]) };
    const result = await bulk({ intent: 'approve' }, [REVIEW_ID, OTHER_ID]);
    expect(result.status).toBe(200);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/admin/reviews/bulk']);
    expect(api.calls[0]?.body).toEqual({ action: 'approve', ids: [REVIEW_ID, OTHER_ID] });
    expect(result.data).toMatchObject({ bulk: { succeeded: 1, failed: 1 } });
  });

  it('hides with the reason, and asks for one first without calling the API', async () => {
    expect((await bulk({ intent: 'hide', reason: '' }, [REVIEW_ID])).data).toMatchObject({
      reasonError: expect.any(String),
    });
    expect(api.calls).toEqual([]);
    decisionAnswer = { status: 200, body: bulkResult([REVIEW_ID]) };
    await bulk({ intent: 'hide', reason: ' A ring of fake reviews. ' }, [REVIEW_ID]);
    expect(api.calls[0]?.body).toEqual({
      action: 'hide',
      ids: [REVIEW_ID],
      reason: 'A ring of fake reviews.',
    });
  });

  it('refuses an empty selection, an unknown action or a bad id without calling the API', async () => {
    expect((await bulk({ intent: 'approve' }, [])).status).toBe(400);
    expect((await bulk({ intent: 'delete' }, [REVIEW_ID])).status).toBe(400);
    expect((await bulk({ intent: 'approve' }, ['nope'])).status).toBe(400);
    expect(api.calls).toEqual([]);
  });
});

describe('the review item view', () => {
  it('loads the review with its context', async () => {
    const { loader } = await loadItem();
    const result = await outcome(() =>
      loader({
        request: pageRequest(`/admin/reviews/${REVIEW_ID}?notice=hide`, ''),
        params: { id: REVIEW_ID },
        context: {},
      }),
    );
    // No cookie: off to sign in.
    expect(result.status).toBe(302);
    const signedIn = await outcome(async () =>
      loader({
        request: pageRequest(`/admin/reviews/${REVIEW_ID}?notice=hide`, await signedInCookie()),
        params: { id: REVIEW_ID },
        context: {},
      }),
    );
    expect(signedIn.data).toMatchObject({
      review: { id: REVIEW_ID, buyerHistory: { orders: 4 }, audit: [{ action: 'review.hidden' }] },
      notice: expect.stringMatching(/Hidden/),
    });
  });

  it('is 404 for a review that is not there', async () => {
    detailAnswer = problem(404, 'NOT_FOUND');
    const { loader } = await loadItem();
    const result = await outcome(async () =>
      loader({
        request: pageRequest(`/admin/reviews/${REVIEW_ID}`, await signedInCookie()),
        params: { id: REVIEW_ID },
        context: {},
      }),
    );
    expect(result.status).toBe(404);
  });

  it('hides with a reason and goes back to the review (303)', async () => {
    const result = await decide({ intent: 'hide', reason: 'Insults the seller.' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/admin/reviews/${REVIEW_ID}?notice=hide`);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST /api/admin/reviews/${REVIEW_ID}/hide`,
    ]);
    expect(api.calls[0]?.body).toEqual({ reason: 'Insults the seller.' });
  });

  it('asks for a reason to reject or hide, without calling the API', async () => {
    for (const intent of ['reject', 'hide']) {
      const result = await decide({ intent, reason: 'no' });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ intent, reasonError: expect.any(String) });
    }
    expect(api.calls).toEqual([]);
  });

  it('approves, restores and dismisses reports without a reason', async () => {
    for (const intent of ['approve', 'restore', 'dismiss-reports']) {
      expect((await decide({ intent })).status).toBe(303);
    }
    expect(api.calls.map((c) => c.url)).toEqual([
      `/api/admin/reviews/${REVIEW_ID}/approve`,
      `/api/admin/reviews/${REVIEW_ID}/restore`,
      `/api/admin/reviews/${REVIEW_ID}/dismiss-reports`,
    ]);
  });

  it('decides one report', async () => {
    decisionAnswer = { status: 200, body: report({ status: 'resolved' }) };
    const result = await decide({ intent: 'report-resolve', reportId: REPORT_ID });
    expect(result.headers.get('Location')).toBe(
      `/admin/reviews/${REVIEW_ID}?notice=report-resolve`,
    );
    expect(api.calls[0]?.url).toBe(`/api/admin/review-reports/${REPORT_ID}/resolve`);
    expect((await decide({ intent: 'report-dismiss' })).status).toBe(400);
  });

  it('shows the API’s words for a transition that does not apply (409)', async () => {
    decisionAnswer = problem(409, 'CONFLICT', {
      detail: 'a published review cannot be approved (only pending ones)',
    });
    const result = await decide({ intent: 'approve' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      intent: 'approve',
      formError: 'A published review cannot be approved (only pending ones).',
    });
  });

  it('answers 403 to a non-admin and refuses a forged form', async () => {
    decisionAnswer = problem(403, 'ADMIN_REQUIRED');
    expect((await decide({ intent: 'approve' })).status).toBe(403);
    api.calls.length = 0;
    expect((await decide({ intent: 'approve', csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
