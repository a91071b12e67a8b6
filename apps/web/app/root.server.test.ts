import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authSession, startFakeApi, USER_ID } from './test/fake-api';

let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.url === '/auth/v1/token?grant_type=refresh_token'
      ? { status: 200, body: authSession(3600) }
      : undefined,
  );
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
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
