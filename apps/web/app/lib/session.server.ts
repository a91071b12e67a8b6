import { randomBytes } from 'node:crypto';
import type { Session as AuthSession } from '@promptnx/schema';
import { AuthApiError, type PromptnxClient } from '@promptnx/sdk';
import { createCookieSessionStorage, redirect, type Session } from '@remix-run/node';
import { env } from '../env.server';
import { createApiClient } from './api.server';
import { safeRedirect } from './safe-redirect';

/** What the signed session cookie holds. Tokens never reach the browser's JavaScript. */
export interface SessionData {
  access_token: string;
  refresh_token: string;
  /** Seconds since the epoch, as the auth API sends it. */
  expires_at: number;
  user_id: string;
  email: string;
  display_name: string;
  /** The CSRF token of this browser session (signed in or not). */
  csrf: string;
  /** A hint the seller pages leave: this user sells, so the header shows seller links. */
  seller: boolean;
  /** A hint left at sign-in and by the admin pages: the header links the admin console. */
  admin: boolean;
}

export type WebSession = Session<SessionData>;

/** The signed-in user as the web server knows them. */
export interface SignedInUser {
  id: string;
  email: string;
  displayName: string | null;
  accessToken: string;
}

/** Access tokens this close to their expiry are refreshed before use. */
export const REFRESH_MARGIN_SECONDS = 60;

export const sessionStorage = createCookieSessionStorage<SessionData>({
  cookie: {
    name: '__session',
    httpOnly: true,
    sameSite: 'lax',
    secure: env.NODE_ENV === 'production',
    path: '/',
    // A refresh token keeps working; the cookie lasts a month from the last change.
    maxAge: 60 * 60 * 24 * 30,
    secrets: env.SESSION_SECRET,
  },
});

export function getSession(request: Request): Promise<WebSession> {
  return sessionStorage.getSession(request.headers.get('Cookie'));
}

/** Headers carrying the session cookie, for a loader's data() or a redirect. */
export async function commitSession(session: WebSession): Promise<Headers> {
  return new Headers({ 'Set-Cookie': await sessionStorage.commitSession(session) });
}

/** The CSRF token of this session, minted on first use; true when it was just minted. */
export function ensureCsrfToken(session: WebSession): { token: string; minted: boolean } {
  const existing = session.get('csrf');
  if (existing) return { token: existing, minted: false };
  const token = randomBytes(32).toString('base64url');
  session.set('csrf', token);
  return { token, minted: true };
}

/** Stores what the auth API answered (sign-in, sign-up, confirm or refresh). */
export function storeAuthSession(
  session: WebSession,
  auth: AuthSession,
  displayName?: string | null,
): void {
  const sameUser = session.get('user_id') === auth.user.id;
  const fromMetadata = auth.user.user_metadata.display_name;
  const name =
    displayName ??
    (sameUser ? session.get('display_name') : undefined) ??
    (typeof fromMetadata === 'string' ? fromMetadata : '');
  session.set('access_token', auth.access_token);
  session.set('refresh_token', auth.refresh_token);
  session.set('expires_at', auth.expires_at);
  session.set('user_id', auth.user.id);
  session.set('email', auth.user.email);
  session.set('display_name', name);
  if (!sameUser) session.unset('seller');
  if (!sameUser) session.unset('admin');
  // Every committed signed-in session carries its CSRF token, so any loader that commits
  // it writes the same cookie as the root loader would.
  ensureCsrfToken(session);
}

/** Forgets the user but keeps the CSRF token, so open forms keep working. */
export function clearUser(session: WebSession): void {
  for (const key of [
    'access_token',
    'refresh_token',
    'expires_at',
    'user_id',
    'email',
    'display_name',
    'seller',
    'admin',
  ] as const) {
    session.unset(key);
  }
}

function userFrom(session: WebSession): SignedInUser | null {
  const accessToken = session.get('access_token');
  const id = session.get('user_id');
  if (!accessToken || !id || !session.get('refresh_token')) return null;
  return {
    id,
    email: session.get('email') ?? '',
    displayName: session.get('display_name') || null,
    accessToken,
  };
}

// Refresh tokens are single-use. The root loader and the page's loader run in parallel
// on one request, and an action's follow-up loaders arrive with the old cookie: each
// would refresh the same token and the later ones would be refused. One refresh per
// token is shared by everything in this process that asks within a short window.
const REFRESH_REUSE_MS = 10_000;
const refreshes = new Map<string, { promise: Promise<AuthSession>; until: number }>();

function refreshOnce(api: PromptnxClient, refreshToken: string): Promise<AuthSession> {
  const now = Date.now();
  for (const [token, entry] of refreshes) if (entry.until <= now) refreshes.delete(token);
  const existing = refreshes.get(refreshToken);
  if (existing) return existing.promise;
  const entry = { promise: api.auth.refresh(refreshToken), until: Number.POSITIVE_INFINITY };
  refreshes.set(refreshToken, entry);
  entry.promise.then(
    () => {
      entry.until = Date.now() + REFRESH_REUSE_MS;
    },
    (error: unknown) => {
      // A definite answer is shared; an outage is not, so the next request tries again.
      if (error instanceof AuthApiError && isDefinitiveRefusal(error)) {
        entry.until = Date.now() + REFRESH_REUSE_MS;
      } else {
        refreshes.delete(refreshToken);
      }
    },
  );
  return entry.promise;
}

/** The auth API refused the refresh token itself (revoked, used, expired, user gone). */
function isDefinitiveRefusal(error: AuthApiError) {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * Reads the user from the session, refreshing the tokens first when they expire within
 * REFRESH_MARGIN_SECONDS. `changed` says the session must be committed.
 */
export async function resolveUser(
  request: Request,
  session: WebSession,
): Promise<{ user: SignedInUser | null; changed: boolean }> {
  const user = userFrom(session);
  if (!user) return { user: null, changed: false };
  const expiresAt = session.get('expires_at') ?? 0;
  const now = Date.now() / 1000;
  if (expiresAt - now > REFRESH_MARGIN_SECONDS) return { user, changed: false };

  try {
    const fresh = await refreshOnce(createApiClient(request), session.get('refresh_token')!);
    storeAuthSession(session, fresh);
    return { user: userFrom(session), changed: true };
  } catch (error) {
    if (error instanceof AuthApiError && isDefinitiveRefusal(error)) {
      // Revoked or expired: signed out, cleanly.
      clearUser(session);
      return { user: null, changed: true };
    }
    // The auth API is unreachable or failing: keep the session for a later try, and use
    // the access token while it still works.
    console.warn(`[web] session refresh failed: ${(error as Error).message}`);
    return { user: expiresAt > now ? user : null, changed: false };
  }
}

/**
 * The signed-in user, or null. Tokens about to expire are refreshed; `headers` then
 * carries the Set-Cookie to send with the response (it is empty otherwise). A caller that
 * changes `session` further commits that same object again (never a fresh read of the
 * request's cookie, which may hold tokens already refreshed away).
 */
export async function getUser(
  request: Request,
): Promise<{ user: SignedInUser | null; headers: Headers; session: WebSession }> {
  const session = await getSession(request);
  const { user, changed } = await resolveUser(request, session);
  return { user, session, headers: changed ? await commitSession(session) : new Headers() };
}

/** Where the sign-in page sends the visitor back to: this request's path and query. */
export function signInUrl(request: Request): string {
  const url = new URL(request.url);
  const back = safeRedirect(`${url.pathname}${url.search}`, '/');
  return back === '/' ? '/signin' : `/signin?redirectTo=${encodeURIComponent(back)}`;
}

/** The signed-in user; anyone else is sent to sign in and then back here. */
export async function requireUser(
  request: Request,
): Promise<{ user: SignedInUser; headers: Headers; session: WebSession }> {
  const { user, headers, session } = await getUser(request);
  if (!user) throw redirect(signInUrl(request), { headers });
  return { user, headers, session };
}

/**
 * The API refused the access token (signed out elsewhere, user deleted): forget it and
 * send the visitor to sign in again. Thrown from loaders and actions.
 */
export async function signedOutRedirect(request: Request, session?: WebSession): Promise<Response> {
  session ??= await getSession(request);
  clearUser(session);
  return redirect(signInUrl(request), { headers: await commitSession(session) });
}
