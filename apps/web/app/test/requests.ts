import { vi } from 'vitest';

export const SITE = 'http://127.0.0.1:3000';
export const CSRF = 'test-csrf-token';

/** Stubs the API and auth addresses, then loads a fresh copy of `load`'s modules. */
export async function withApi<T>(apiUrl: string, load: () => Promise<T>): Promise<T> {
  vi.stubEnv('API_URL', apiUrl);
  vi.resetModules();
  return load();
}

/**
 * A browser's form post to this site, with the session cookie holding the CSRF token
 * (an anonymous session unless `sessionCookie`, e.g. signedInCookie(), is given).
 */
export async function formPost(
  path: string,
  fields: Record<string, string>,
  sessionCookie?: string,
) {
  const { sessionStorage } = await import('../lib/session.server');
  const session = await sessionStorage.getSession();
  session.set('csrf', CSRF);
  const cookie = sessionCookie ?? (await sessionStorage.commitSession(session)).split(';')[0]!;
  const body = new URLSearchParams({ csrf: CSRF, ...fields });
  return new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Origin: SITE,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body,
  });
}

/** What a loader or action answered: a thrown or returned Response, or data(). */
export async function outcome(run: () => Promise<unknown>) {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    value = error;
  }
  if (value instanceof Response) {
    return { status: value.status, headers: value.headers, data: undefined as unknown };
  }
  const wrapped = value as { data?: unknown; init?: ResponseInit | null; type?: string };
  if (wrapped?.type === 'DataWithResponseInit') {
    return {
      status: wrapped.init?.status ?? 200,
      headers: new Headers(wrapped.init?.headers),
      data: wrapped.data,
    };
  }
  return { status: 200, headers: new Headers(), data: value };
}

/** The session a Set-Cookie header carries. */
export async function sessionFrom(headers: Headers) {
  const { sessionStorage } = await import('../lib/session.server');
  return sessionStorage.getSession((headers.get('Set-Cookie') ?? '').split(';')[0]);
}

/** The Cookie header of a signed-in session whose access token is good for an hour. */
export async function signedInCookie(accessToken = 'access-signed-in') {
  const { sessionStorage } = await import('../lib/session.server');
  const session = await sessionStorage.getSession();
  session.set('access_token', accessToken);
  session.set('refresh_token', 'refresh-signed-in');
  session.set('expires_at', Math.floor(Date.now() / 1000) + 3600);
  session.set('user_id', '7d6f1c2a-3b4e-4f5a-8b9c-0d1e2f3a4b5c');
  session.set('email', 'ada@example.com');
  session.set('display_name', 'Ada');
  session.set('csrf', CSRF);
  return (await sessionStorage.commitSession(session)).split(';')[0]!;
}

/** A GET of a page on this site, signed in when `cookie` is given. */
export function pageRequest(path: string, cookie?: string) {
  return new Request(`${SITE}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}
