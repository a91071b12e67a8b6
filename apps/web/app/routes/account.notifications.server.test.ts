import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { preferences } from '../test/notifications';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let getAnswer: FakeAnswer;
let putAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url !== '/api/me/notification-preferences') return undefined;
    return call.method === 'PUT' ? putAnswer : getAnswer;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  getAnswer = { status: 200, body: preferences() };
  putAnswer = { status: 200, body: preferences({ sale: false }) };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./account.notifications.server'));

async function show(path = '/account/notifications', cookie?: string) {
  const { loader } = await load();
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

async function save(fields: Record<string, string>, signedIn = true) {
  const { action } = await load();
  const request = await formPost(
    '/account/notifications',
    fields,
    signedIn ? await signedInCookie() : undefined,
  );
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('notification settings', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await show();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Faccount%2Fnotifications');
  });

  it('shows every type with its e-mail switch, and the saved notice', async () => {
    const result = await show('/account/notifications?saved=1', await signedInCookie());
    expect(result.status).toBe(200);
    const data = result.data as {
      preferences: { type: string; email: boolean; emailConfigurable: boolean }[];
      saved: string | null;
    };
    expect(data.preferences.map((p) => p.type)).toContain('purchase');
    expect(data.preferences.find((p) => p.type === 'purchase')?.emailConfigurable).toBe(false);
    expect(data.saved).toMatch(/saved/);
    expect(cacheControlOf(await import('./account.notifications'))).toBe(PRIVATE_NO_STORE);
  });

  it('saves every switchable type: ticked on, unticked off', async () => {
    const result = await save({
      'email.message': 'on',
      'email.payout': 'on',
      'email.purchase': 'on',
    });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('/account/notifications?saved=1');
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]).toMatchObject({ method: 'PUT' });
    // A receipt cannot be switched: the form's box for it is ignored.
    expect(api.calls[0]?.body).toEqual({
      email: {
        message: true,
        sale: false,
        review: false,
        review_reply: false,
        payout: true,
        moderation: false,
        system: false,
      },
    });
  });

  it('shows the API’s words when it refuses, a retry note when it is down, 403 for a forged form', async () => {
    putAnswer = problem(400, 'VALIDATION_FAILED', { detail: 'invalid email.sale' });
    const refused = await save({});
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ formError: 'Invalid email.sale.' });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    putAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await save({})).status).toBe(503);
    api.calls.length = 0;
    expect((await save({ csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
