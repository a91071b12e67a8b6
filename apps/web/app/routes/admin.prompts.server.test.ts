import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminPromptDetail, bulkResult, promptQueueItem, REPORT_ID, report } from '../test/admin';
import { problem } from '../test/catalog';
import { DRAFT_ID, editorPrompt } from '../test/editor';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

// The prompt queue (/admin/prompts) and the prompt item view (/admin/prompts/:id).

let api: Awaited<ReturnType<typeof startFakeApi>>;
let listAnswer: FakeAnswer;
let detailAnswer: FakeAnswer;
let decisionAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/admin/prompts?')) return listAnswer;
    if (call.method === 'GET' && call.url === `/api/admin/prompts/${DRAFT_ID}`) return detailAnswer;
    if (call.method === 'POST' && call.url.startsWith('/api/admin/')) return decisionAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  listAnswer = { status: 200, body: { items: [promptQueueItem()], nextCursor: null } };
  detailAnswer = { status: 200, body: adminPromptDetail() };
  decisionAnswer = { status: 200, body: adminPromptDetail() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const loadList = () => withApi(api.url, () => import('./admin.prompts._index.server'));
const loadItem = () => withApi(api.url, () => import('./admin.prompts.$id.server'));

async function decide(fields: Record<string, string>) {
  const { action } = await loadItem();
  const request = await formPost(`/admin/prompts/${DRAFT_ID}`, fields, await signedInCookie());
  return outcome(() => action({ request, params: { id: DRAFT_ID }, context: {} }));
}

describe('the prompt queue page', () => {
  it('passes the queue and filters of the URL to the API', async () => {
    const { loader } = await loadList();
    const result = await outcome(async () =>
      loader({
        request: pageRequest('/admin/prompts?queue=hidden&q=lantern', await signedInCookie()),
        params: {},
        context: {},
      }),
    );
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/admin/prompts?queue=hidden&q=lantern&limit=25');
    expect(result.data).toMatchObject({ queue: 'hidden', items: [{ id: DRAFT_ID }] });
  });

  it('bulk-rejects the ticked prompts with the reason', async () => {
    decisionAnswer = { status: 200, body: bulkResult([DRAFT_ID]) };
    const { action } = await loadList();
    const request = await formPost(
      '/admin/prompts',
      { intent: 'reject', reason: 'Templates are empty.', ids: DRAFT_ID },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/admin/prompts/bulk');
    expect(api.calls[0]?.body).toEqual({
      action: 'reject',
      ids: [DRAFT_ID],
      reason: 'Templates are empty.',
    });
    expect(result.data).toMatchObject({ bulk: { succeeded: 1 } });
  });
});

describe('the prompt item view', () => {
  it('loads every version with its template for an admin', async () => {
    const { loader } = await loadItem();
    const result = await outcome(async () =>
      loader({
        request: pageRequest(`/admin/prompts/${DRAFT_ID}`, await signedInCookie()),
        params: { id: DRAFT_ID },
        context: {},
      }),
    );
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({
      detail: {
        prompt: { versions: [{ template: 'A watercolor painting of [subject] at dusk.' }] },
      },
    });
  });

  it('answers 403 to a non-admin and 404 for a prompt that is not there', async () => {
    const { loader } = await loadItem();
    const load = async () =>
      outcome(async () =>
        loader({
          request: pageRequest(`/admin/prompts/${DRAFT_ID}`, await signedInCookie()),
          params: { id: DRAFT_ID },
          context: {},
        }),
      );
    detailAnswer = problem(403, 'ADMIN_REQUIRED');
    expect((await load()).status).toBe(403);
    detailAnswer = problem(404, 'NOT_FOUND');
    expect((await load()).status).toBe(404);
  });

  it('approves through the editor’s admin route and goes back (303)', async () => {
    decisionAnswer = { status: 200, body: editorPrompt({ status: 'published' }) };
    const result = await decide({ intent: 'approve' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/admin/prompts/${DRAFT_ID}?notice=approve`);
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST /api/admin/prompts/${DRAFT_ID}/approve`,
    ]);
  });

  it('rejects and hides only with a reason', async () => {
    for (const intent of ['reject', 'hide']) {
      expect((await decide({ intent })).data).toMatchObject({ reasonError: expect.any(String) });
    }
    expect(api.calls).toEqual([]);
    decisionAnswer = { status: 200, body: editorPrompt({ status: 'rejected' }) };
    await decide({ intent: 'reject', reason: 'Add an example output.' });
    decisionAnswer = { status: 200, body: adminPromptDetail() };
    await decide({ intent: 'hide', reason: 'Copied from another seller.' });
    expect(api.calls.map((c) => [c.url, c.body])).toEqual([
      [`/api/admin/prompts/${DRAFT_ID}/reject`, { reason: 'Add an example output.' }],
      [`/api/admin/prompts/${DRAFT_ID}/hide`, { reason: 'Copied from another seller.' }],
    ]);
  });

  it('restores, dismisses reports and decides a single report', async () => {
    await decide({ intent: 'restore' });
    await decide({ intent: 'dismiss-reports', reason: 'The report was a mistake.' });
    decisionAnswer = { status: 200, body: report({ kind: 'prompt', targetId: DRAFT_ID }) };
    await decide({ intent: 'report-dismiss', reportId: REPORT_ID });
    expect(api.calls.map((c) => [c.url, c.body])).toEqual([
      [`/api/admin/prompts/${DRAFT_ID}/restore`, {}],
      [`/api/admin/prompts/${DRAFT_ID}/dismiss-reports`, { reason: 'The report was a mistake.' }],
      [`/api/admin/prompt-reports/${REPORT_ID}/dismiss`, {}],
    ]);
  });

  it('shows why a restore was refused (the seller is suspended: 409)', async () => {
    decisionAnswer = problem(409, 'CONFLICT', {
      detail: 'the seller is suspended: their prompts come back when the seller is reinstated',
    });
    const result = await decide({ intent: 'restore' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      intent: 'restore',
      formError: expect.stringMatching(/^The seller is suspended/),
    });
  });
});
