import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { NOTIFICATION_2_ID, NOTIFICATION_ID, notification } from '../test/notifications';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let listAnswer: FakeAnswer;
let readAnswer: FakeAnswer;
let countAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/notifications?')) return listAnswer;
    if (call.method === 'GET' && call.url === '/api/notifications') return listAnswer;
    if (call.method === 'GET' && call.url === '/api/notifications/unread-count') return countAnswer;
    if (call.method === 'POST' && call.url === '/api/notifications/read-all') {
      return { status: 200, body: { updated: 2 } };
    }
    if (call.method === 'POST' && call.url.startsWith('/api/notifications/')) return readAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  listAnswer = {
    status: 200,
    body: {
      items: [
        notification(),
        notification({
          id: NOTIFICATION_2_ID,
          type: 'system',
          title: 'Welcome',
          path: '//evil.example/phish',
          readAt: '2026-11-20T11:00:00.000Z',
        }),
      ],
      nextCursor: 'next-page',
    },
  };
  readAnswer = { status: 200, body: notification({ readAt: '2026-11-21T00:00:00.000Z' }) };
  countAnswer = { status: 200, body: { count: 7 } };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./notifications.server'));

async function list(path = '/notifications', cookie?: string) {
  const { loader } = await load();
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

async function post(fields: Record<string, string>, signedIn = true) {
  const { action } = await load();
  const request = await formPost(
    '/notifications',
    fields,
    signedIn ? await signedInCookie() : undefined,
  );
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('the notifications page', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await list('/notifications?unread=1');
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fnotifications%3Funread%3D1');
  });

  it('lists the user’s notifications with safe links, and pages', async () => {
    const result = await list('/notifications?cursor=abc&notice=all-read', await signedInCookie());
    expect(result.status).toBe(200);
    expect(api.calls[0]?.url).toBe('/api/notifications?cursor=abc');
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const data = result.data as {
      items: { id: string; href: string | null }[];
      nextCursor: string | null;
      cursor: string | null;
      notice: string | null;
    };
    expect(data.items.map((n) => [n.id, n.href])).toEqual([
      [NOTIFICATION_ID, '/sell'],
      // A path that would leave the site is no link at all.
      [NOTIFICATION_2_ID, null],
    ]);
    expect(data).toMatchObject({ nextCursor: 'next-page', cursor: 'abc' });
    expect(data.notice).toMatch(/marked read/);
  });

  it('asks the API for unread ones only with ?unread=1', async () => {
    const result = await list('/notifications?unread=1', await signedInCookie());
    expect(api.calls[0]?.url).toBe('/api/notifications?unread=true');
    expect((result.data as { unreadOnly: boolean }).unreadOnly).toBe(true);
  });

  it('shows a 503 page when the API is down, and is private, no-store', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    listAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await list('/notifications', await signedInCookie())).status).toBe(503);
    expect(cacheControlOf(await import('./notifications'))).toBe(PRIVATE_NO_STORE);
  });
});

describe('marking notifications read', () => {
  it('opens one: marks it read and goes where it leads (303)', async () => {
    const result = await post({ intent: 'open', notificationId: NOTIFICATION_ID });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('/sell');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `POST /api/notifications/${NOTIFICATION_ID}/read`,
    ]);
  });

  it('never follows a path off the site', async () => {
    readAnswer = { status: 200, body: notification({ path: 'https://evil.example' }) };
    const result = await post({
      intent: 'open',
      notificationId: NOTIFICATION_ID,
      back: '/notifications?unread=1',
    });
    expect(result.headers.get('Location')).toBe('/notifications?unread=1');
  });

  it('marks one read and comes back to the same list', async () => {
    const result = await post({
      intent: 'read',
      notificationId: NOTIFICATION_ID,
      back: '/notifications?unread=1&cursor=abc',
    });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('/notifications?unread=1&cursor=abc');
    // `back` only ever leads to the list.
    const elsewhere = await post({
      intent: 'read',
      notificationId: NOTIFICATION_ID,
      back: '/account',
    });
    expect(elsewhere.headers.get('Location')).toBe('/notifications');
  });

  it('marks all read and says so', async () => {
    const result = await post({ intent: 'read-all', back: '/notifications?unread=1&cursor=abc' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe('/notifications?unread=1&notice=all-read');
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST /api/notifications/read-all',
    ]);
  });

  it('refuses a bad form without calling the API, and a forged one', async () => {
    expect((await post({ intent: 'delete-everything' })).status).toBe(400);
    expect((await post({ intent: 'read', notificationId: 'nope' })).status).toBe(400);
    expect((await post({ intent: 'read-all', csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('says so when the notification is not there (someone else’s)', async () => {
    readAnswer = problem(404, 'NOT_FOUND');
    const result = await post({ intent: 'read', notificationId: NOTIFICATION_ID });
    expect(result.status).toBe(404);
    expect(result.data).toMatchObject({
      notificationId: NOTIFICATION_ID,
      formError: expect.any(String),
    });
  });

  it('sends a signed-out visitor to sign in', async () => {
    const result = await post({ intent: 'read-all' }, false);
    expect(result.status).toBe(302);
  });
});

describe('the bell’s count', () => {
  async function count(cookie?: string) {
    const { loader } = await withApi(api.url, () => import('./notifications_.count.server'));
    const response = (await loader({
      request: pageRequest('/notifications/count', cookie),
      params: {},
      context: {},
    })) as Response;
    return {
      status: response.status,
      cache: response.headers.get('Cache-Control'),
      body: await response.json(),
    };
  }

  it('answers the signed-in user’s unread count, privately', async () => {
    expect(await count(await signedInCookie())).toEqual({
      status: 200,
      cache: PRIVATE_NO_STORE,
      body: { count: 7 },
    });
  });

  it('answers null for a visitor, without asking the API, and when the API fails', async () => {
    expect((await count()).body).toEqual({ count: null });
    expect(api.calls).toEqual([]);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    countAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await count(await signedInCookie())).body).toEqual({ count: null });
  });
});
