import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authSession, type FakeAnswer, startFakeApi, USER_ID } from './test/fake-api';

let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url === '/auth/v1/token?grant_type=refresh_token') {
      return { status: 200, body: authSession(3600) };
    }
    if (call.url === '/api/notifications/unread-count') return unreadAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
let unreadAnswer: FakeAnswer = { status: 200, body: { count: 4 } };
afterEach(() => {
  unreadAnswer = { status: 200, body: { count: 4 } };
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function importRoot() {
  vi.stubEnv('API_URL', api.url);
  vi.resetModules();
  return {
    root: await import('./root.server'),
    session: await import('./lib/session.server'),
  };
}

type Loaded = Awaited<ReturnType<Awaited<ReturnType<typeof importRoot>>['root']['loader']>>;

// A page with forms (catalog pages get no token: see the last describe).
function callLoader(loader: (args: never) => Promise<Loaded>, cookie?: string) {
  const request = new Request('http://127.0.0.1:3000/signin', {
    headers: cookie ? { Cookie: cookie } : {},
  });
  return loader({ request, params: {}, context: {} } as never);
}

describe('root loader', () => {
  it('mints a CSRF token for a new visitor and sets it in the session cookie', async () => {
    const { root, session } = await importRoot();
    const result = await callLoader(root.loader);
    expect(result.data.user).toBeNull();
    expect(result.data.csrfToken).toMatch(/^[\w-]{43}$/);
    const setCookie = new Headers(result.init?.headers).get('Set-Cookie') ?? '';
    const stored = await session.sessionStorage.getSession(setCookie.split(';')[0]);
    expect(stored.get('csrf')).toBe(result.data.csrfToken);
  });

  it('returns the user without tokens, and sets no cookie when nothing changed', async () => {
    const { root, session } = await importRoot();
    const s = await session.sessionStorage.getSession();
    s.set('access_token', 'secret-access');
    s.set('refresh_token', 'secret-refresh');
    s.set('expires_at', Math.floor(Date.now() / 1000) + 3600);
    s.set('user_id', USER_ID);
    s.set('email', 'ada@example.com');
    s.set('display_name', 'Ada');
    s.set('csrf', 'known-token');
    const cookie = (await session.sessionStorage.commitSession(s)).split(';')[0];

    const result = await callLoader(root.loader, cookie);
    expect(result.data.user).toEqual({ id: USER_ID, email: 'ada@example.com', displayName: 'Ada' });
    expect(JSON.stringify(result.data)).not.toMatch(/secret-/);
    expect(result.data.csrfToken).toBe('known-token');
    expect(new Headers(result.init?.headers).get('Set-Cookie')).toBeNull();
    // The only API call: the bell's unread count, with the user's token.
    expect(api.calls.map((c) => c.url)).toEqual(['/api/notifications/unread-count']);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer secret-access');
    expect(result.data.unreadNotifications).toBe(4);
  });

  it('shows the bell without a number when the API cannot count, and asks nothing for visitors', async () => {
    const { root, session } = await importRoot();
    unreadAnswer = { status: 503, body: { title: 'down' } };
    const s = await session.sessionStorage.getSession();
    s.set('access_token', 'a');
    s.set('refresh_token', 'r');
    s.set('expires_at', Math.floor(Date.now() / 1000) + 3600);
    s.set('user_id', USER_ID);
    const cookie = (await session.sessionStorage.commitSession(s)).split(';')[0];
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect((await callLoader(root.loader, cookie)).data.unreadNotifications).toBeNull();
    api.calls.length = 0;
    expect((await callLoader(root.loader)).data.unreadNotifications).toBeNull();
    expect(api.calls).toEqual([]);
  });
});

describe('root loader on catalog pages', () => {
  async function load(path: string, cookie?: string) {
    const { root } = await importRoot();
    const request = new Request(`http://127.0.0.1:3000${path}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    return root.loader({ request, params: {}, context: {} } as never);
  }

  it('mints no token and sets no cookie for an anonymous visitor, so the page can be shared', async () => {
    for (const path of ['/', '/search?q=essay', '/p/code-review', '/sellers/demo_seller']) {
      const result = await load(path);
      expect(result.data.csrfToken).toBeNull();
      expect(new Headers(result.init?.headers).get('Set-Cookie')).toBeNull();
    }
  });

  it('does not put an anonymous session’s existing token into a shared page', async () => {
    const { session } = await importRoot();
    const s = await session.sessionStorage.getSession();
    s.set('csrf', 'anonymous-token');
    const cookie = (await session.sessionStorage.commitSession(s)).split(';')[0];
    expect((await load('/search', cookie)).data.csrfToken).toBeNull();
    expect((await load('/signin', cookie)).data.csrfToken).toBe('anonymous-token');
  });

  it('gives a signed-in visitor their token on catalog pages too', async () => {
    const { session } = await importRoot();
    const s = await session.sessionStorage.getSession();
    s.set('access_token', 'a');
    s.set('refresh_token', 'r');
    s.set('expires_at', Math.floor(Date.now() / 1000) + 3600);
    s.set('user_id', USER_ID);
    s.set('csrf', 'signed-in-token');
    const cookie = (await session.sessionStorage.commitSession(s)).split(';')[0];
    expect((await load('/p/code-review', cookie)).data.csrfToken).toBe('signed-in-token');
  });
});
