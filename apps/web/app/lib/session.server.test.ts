import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  authError,
  authSession,
  deadUrl,
  type FakeAnswer,
  type RecordedCall,
  startFakeApi,
  USER_ID,
} from '../test/fake-api';

type SessionModule = typeof import('./session.server');

const REVOKED = 'refresh-revoked';
let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  // Answers like GoTrue's POST /auth/v1/token?grant_type=refresh_token.
  api = await startFakeApi((call: RecordedCall): FakeAnswer | undefined => {
    if (call.method === 'POST' && call.url === '/auth/v1/token?grant_type=refresh_token') {
      const { refresh_token } = call.body as { refresh_token: string };
      if (refresh_token === REVOKED) {
        return authError(
          400,
          'refresh_token_not_found',
          'Invalid Refresh Token: Refresh Token Not Found',
        );
      }
      // A little latency, so parallel callers really overlap.
      return { status: 200, body: authSession(3600), delayMs: 50 };
    }
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** The session module with its auth API at `authUrl` (env is read once, at import). */
async function importSession(authUrl = api.url): Promise<SessionModule> {
  vi.stubEnv('AUTH_URL', authUrl);
  vi.stubEnv('SUPABASE_ANON_KEY', 'anon-key');
  vi.resetModules();
  return import('./session.server');
}

interface CookieFields {
  expiresIn?: number;
  refreshToken?: string;
  csrf?: string;
}

/** A Cookie header holding a signed-in session, as the web server would have set it. */
async function signedInCookie(mod: SessionModule, fields: CookieFields = {}) {
  const session = await mod.sessionStorage.getSession();
  session.set('access_token', 'access-old');
  session.set('refresh_token', fields.refreshToken ?? `refresh-${Math.random()}`);
  session.set('expires_at', Math.floor(Date.now() / 1000) + (fields.expiresIn ?? 3600));
  session.set('user_id', USER_ID);
  session.set('email', 'ada@example.com');
  session.set('display_name', 'Ada L.');
  session.set('csrf', fields.csrf ?? 'csrf-token');
  return cookieFrom(await mod.sessionStorage.commitSession(session));
}

function cookieFrom(setCookie: string) {
  return setCookie.split(';')[0]!;
}

function requestWith(cookie?: string, path = '/account') {
  return new Request(`http://127.0.0.1:3000${path}`, {
    headers: cookie ? { Cookie: cookie } : {},
  });
}

function refreshCalls() {
  return api.calls.filter((c) => c.url.startsWith('/auth/v1/token'));
}

describe('getUser', () => {
  it('is null without a session cookie, and sets none', async () => {
    const mod = await importSession();
    const { user, headers } = await mod.getUser(requestWith());
    expect(user).toBeNull();
    expect(headers.get('Set-Cookie')).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('reads the user from the session while the access token is fresh', async () => {
    const mod = await importSession();
    const { user, headers } = await mod.getUser(requestWith(await signedInCookie(mod)));
    expect(user).toEqual({
      id: USER_ID,
      email: 'ada@example.com',
      displayName: 'Ada L.',
      accessToken: 'access-old',
    });
    expect(headers.get('Set-Cookie')).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('refreshes tokens that expire within 60 seconds and commits the new ones', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod, { expiresIn: 30, refreshToken: 'refresh-a' });
    const { user, headers } = await mod.getUser(requestWith(cookie));

    expect(refreshCalls()).toHaveLength(1);
    const [call] = refreshCalls();
    expect(call?.body).toEqual({ refresh_token: 'refresh-a' });
    expect(call?.headers.apikey).toBe('anon-key');
    expect(user?.accessToken).toMatch(/^access-/);
    expect(user?.accessToken).not.toBe('access-old');
    expect(user?.displayName).toBe('Ada L.');

    const setCookie = headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^__session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i);

    // The committed cookie holds the new tokens and the same CSRF token: no second refresh.
    const session = await mod.sessionStorage.getSession(cookieFrom(setCookie));
    expect(session.get('access_token')).toBe(user?.accessToken);
    expect(session.get('refresh_token')).toMatch(/^refresh-/);
    expect(session.get('refresh_token')).not.toBe('refresh-a');
    expect(session.get('csrf')).toBe('csrf-token');
    const again = await mod.getUser(requestWith(cookieFrom(setCookie)));
    expect(again.user?.accessToken).toBe(user?.accessToken);
    expect(again.headers.get('Set-Cookie')).toBeNull();
    expect(refreshCalls()).toHaveLength(1);
  });

  it('refreshes an access token that has already expired', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod, { expiresIn: -600 });
    const { user, headers } = await mod.getUser(requestWith(cookie));
    expect(user?.accessToken).not.toBe('access-old');
    expect(headers.get('Set-Cookie')).toMatch(/^__session=/);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('refreshes a token once when several loaders of one request ask at the same time', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod, { expiresIn: 10, refreshToken: 'refresh-shared' });
    const results = await Promise.all([
      mod.getUser(requestWith(cookie)),
      mod.getUser(requestWith(cookie)),
      mod.getUser(requestWith(cookie, '/')),
    ]);
    expect(refreshCalls()).toHaveLength(1);
    const tokens = new Set(results.map((r) => r.user?.accessToken));
    expect(tokens.size).toBe(1);
    // An action's follow-up request, still carrying the old cookie, gets the same answer.
    const later = await mod.getUser(requestWith(cookie));
    expect(later.user?.accessToken).toBe(results[0]?.user?.accessToken);
    expect(refreshCalls()).toHaveLength(1);
  });

  it('signs the user out cleanly when the refresh token is refused', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod, { expiresIn: 5, refreshToken: REVOKED });
    const { user, headers } = await mod.getUser(requestWith(cookie));
    expect(user).toBeNull();

    const setCookie = headers.get('Set-Cookie') ?? '';
    const session = await mod.sessionStorage.getSession(cookieFrom(setCookie));
    expect(session.has('access_token')).toBe(false);
    expect(session.has('refresh_token')).toBe(false);
    expect(session.has('user_id')).toBe(false);
    // Forms already open in other tabs keep working.
    expect(session.get('csrf')).toBe('csrf-token');
    const after = await mod.getUser(requestWith(cookieFrom(setCookie)));
    expect(after.user).toBeNull();
    expect(refreshCalls()).toHaveLength(1);
  });

  it('keeps the session and the still-valid token when the auth API is unreachable', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const mod = await importSession(await deadUrl());
    const cookie = await signedInCookie(mod, { expiresIn: 30 });
    const { user, headers } = await mod.getUser(requestWith(cookie));
    expect(user?.accessToken).toBe('access-old');
    expect(headers.get('Set-Cookie')).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toMatch(/session refresh failed/);

    // Expired and unreachable: signed out for this request, but the cookie is left alone.
    const expired = await signedInCookie(mod, { expiresIn: -5 });
    const later = await mod.getUser(requestWith(expired));
    expect(later.user).toBeNull();
    expect(later.headers.get('Set-Cookie')).toBeNull();
  });

  it('ignores a cookie signed with another secret', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod);
    vi.stubEnv('SESSION_SECRET', 'another-secret-that-is-long-enough-1234');
    vi.resetModules();
    const other: SessionModule = await import('./session.server');
    const { user } = await other.getUser(requestWith(cookie));
    expect(user).toBeNull();
  });
});

describe('requireUser', () => {
  it('sends visitors to sign in, and back to this page with its query afterwards', async () => {
    const mod = await importSession();
    const thrown = await mod
      .requireUser(requestWith(undefined, '/account?tab=links&x=1'))
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(
      `/signin?redirectTo=${encodeURIComponent('/account?tab=links&x=1')}`,
    );
  });

  it('clears the session it could not refresh while redirecting', async () => {
    const mod = await importSession();
    const cookie = await signedInCookie(mod, { expiresIn: 5, refreshToken: REVOKED });
    const response = (await mod
      .requireUser(requestWith(cookie, '/sell'))
      .catch((e) => e)) as Response;
    expect(response.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell');
    expect(response.headers.get('Set-Cookie')).toMatch(/^__session=/);
  });

  it('returns the user when signed in', async () => {
    const mod = await importSession();
    const { user } = await mod.requireUser(requestWith(await signedInCookie(mod)));
    expect(user.id).toBe(USER_ID);
  });
});

describe('the session cookie', () => {
  it('is Secure in production', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('SESSION_SECRET', 'a-production-secret-of-at-least-32-chars');
    vi.resetModules();
    const mod: SessionModule = await import('./session.server');
    const session = await mod.sessionStorage.getSession();
    session.set('csrf', 'x');
    expect(await mod.sessionStorage.commitSession(session)).toMatch(/; Secure/);
  });
});
