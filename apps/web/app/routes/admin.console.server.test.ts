import { sessionSchema } from '@promptnx/schema';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEntry, overview, TARGET_USER_ID, userDetail } from '../test/admin';
import { problem } from '../test/catalog';
import { authSession, type FakeAnswer, me, startFakeApi, USER_ID } from '../test/fake-api';
import {
  formPost,
  outcome,
  pageRequest,
  sessionFrom,
  signedInCookie,
  withApi,
} from '../test/requests';

// The overview (/admin), the audit log (/admin/audit), users (/admin/users[/:id]) and the
// header's Admin link.

let api: Awaited<ReturnType<typeof startFakeApi>>;
let overviewAnswer: FakeAnswer;
let auditAnswer: FakeAnswer;
let usersAnswer: FakeAnswer;
let userAnswer: FakeAnswer;
let suspensionAnswer: FakeAnswer;
let syncAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url === '/api/admin/overview') return overviewAnswer;
    if (call.url.startsWith('/api/admin/audit-log')) return auditAnswer;
    if (call.url.startsWith('/api/admin/users?')) return usersAnswer;
    if (call.method === 'GET' && call.url.startsWith('/api/admin/users/')) return userAnswer;
    if (call.method === 'POST' && call.url.startsWith('/api/admin/users/')) return suspensionAnswer;
    if (call.url === '/api/profiles/sync') return syncAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  overviewAnswer = { status: 200, body: overview() };
  auditAnswer = { status: 200, body: { items: [auditEntry()], nextCursor: 'older' } };
  usersAnswer = { status: 200, body: { items: [userDetail()] } };
  userAnswer = { status: 200, body: userDetail() };
  suspensionAnswer = { status: 200, body: userDetail({ status: 'suspended' }) };
  syncAnswer = { status: 200, body: me() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function load(module: string, path: string, params: Record<string, string> = {}) {
  const route = await withApi(api.url, () => import(`./${module}.server.ts`));
  return outcome(async () =>
    route.loader({ request: pageRequest(path, await signedInCookie()), params, context: {} }),
  );
}

async function suspension(fields: Record<string, string>, id = TARGET_USER_ID) {
  const { action } = await withApi(api.url, () => import('./admin.users.$id.server'));
  const request = await formPost(`/admin/users/${id}`, fields, await signedInCookie());
  return outcome(() => action({ request, params: { id }, context: {} }));
}

describe('the overview', () => {
  it('shows the queue counts to an admin, and 403 to anyone else', async () => {
    const result = await load('admin._index', '/admin');
    expect(result.data).toMatchObject({ overview: { reviews: { pending: 3 } } });
    overviewAnswer = problem(403, 'ADMIN_REQUIRED');
    expect((await load('admin._index', '/admin')).status).toBe(403);
    overviewAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await load('admin._index', '/admin')).status).toBe(503);
  });
});

describe('the audit log page', () => {
  it('passes the filters and the page to the API', async () => {
    const result = await load(
      'admin.audit',
      '/admin/audit?action=review.*&entityType=review&from=2026-11-01&cursor=abc',
    );
    expect(api.calls[0]?.url).toBe(
      '/api/admin/audit-log?entityType=review&action=review.*&from=2026-11-01&cursor=abc&limit=50',
    );
    expect(result.data).toMatchObject({
      items: [{ action: 'review.hidden', before: { status: 'published' } }],
      nextCursor: 'older',
      filterError: null,
    });
  });

  it('says which filter the API refused', async () => {
    auditAnswer = problem(400, 'VALIDATION_FAILED', {
      errors: [{ field: 'query.action', message: 'an action like review.hidden, or review.*' }],
    });
    const result = await load('admin.audit', '/admin/audit?action=DROP');
    expect(result.data).toMatchObject({ items: [], filterError: expect.stringMatching(/^action/) });
  });
});

describe('users', () => {
  it('searches by the words, role and status of the URL', async () => {
    const result = await load('admin.users._index', '/admin/users?q=grace&status=suspended');
    expect(api.calls[0]?.url).toBe('/api/admin/users?q=grace&status=suspended&limit=50');
    expect(result.data).toMatchObject({ users: [{ id: TARGET_USER_ID }] });
  });

  it('shows an account, and whether it is the admin’s own', async () => {
    const other = await load('admin.users.$id', `/admin/users/${TARGET_USER_ID}`, {
      id: TARGET_USER_ID,
    });
    expect(other.data).toMatchObject({ user: { id: TARGET_USER_ID }, self: false });
    userAnswer = { status: 200, body: userDetail({ id: USER_ID }) };
    const own = await load('admin.users.$id', `/admin/users/${USER_ID}`, { id: USER_ID });
    expect(own.data).toMatchObject({ self: true });
  });

  it('suspends with a reason and goes back to the account (303)', async () => {
    const result = await suspension({ intent: 'suspend', reason: 'Selling copied prompts.' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/admin/users/${TARGET_USER_ID}?notice=suspend`);
    expect(api.calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', `/api/admin/users/${TARGET_USER_ID}/suspend`, { reason: 'Selling copied prompts.' }],
    ]);
  });

  it('asks for a reason to suspend or reinstate, without calling the API', async () => {
    for (const intent of ['suspend', 'reinstate']) {
      const result = await suspension({ intent, reason: '' });
      expect(result.status).toBe(400);
      expect(result.data).toMatchObject({ reasonError: expect.any(String) });
    }
    expect((await suspension({ intent: 'ban', reason: 'Spam everywhere.' })).status).toBe(400);
    expect(api.calls).toEqual([]);
  });

  it('shows the API’s words when the account is suspended already (409)', async () => {
    suspensionAnswer = problem(409, 'CONFLICT', { detail: 'this account is suspended already' });
    const result = await suspension({ intent: 'suspend', reason: 'Again.' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({ formError: 'This account is suspended already.' });
  });
});

describe("the header's Admin link", () => {
  it('is remembered at sign-in for an admin, and only for an admin', async () => {
    const { startSession } = await withApi(api.url, () => import('../lib/auth.server'));
    syncAnswer = { status: 200, body: me({ role: 'admin' }) };
    const asAdmin = await sessionFrom(
      await startSession(pageRequest('/signin'), sessionSchema.parse(authSession())),
    );
    expect(asAdmin.get('admin')).toBe(true);
    syncAnswer = { status: 200, body: me({ role: 'buyer' }) };
    const asBuyer = await sessionFrom(
      await startSession(pageRequest('/signin'), sessionSchema.parse(authSession())),
    );
    expect(asBuyer.get('admin')).toBe(false);
  });
});
