import type { Session as AuthSession } from '@promptnx/schema';
import { AuthApiError } from '@promptnx/sdk';
import { createApiClient } from './api.server';
import { commitSession, getSession, storeAuthSession } from './session.server';

/** This site's origin as the visitor reached it, for links the auth API e-mails. */
export function siteOrigin(request: Request): string {
  return new URL(request.url).origin;
}

/**
 * Signs the visitor in with a session from the auth API: makes sure their profile exists
 * (once, right after sign-in or confirmation) and returns the Set-Cookie to send.
 */
export async function startSession(request: Request, auth: AuthSession): Promise<Headers> {
  const session = await getSession(request);
  let displayName: string | null = null;
  let admin = false;
  try {
    const me = await createApiClient(request, auth.access_token).me.sync();
    displayName = me.displayName;
    admin = me.role === 'admin';
  } catch (error) {
    // The profile row also comes from the sign-up trigger; the account page retries.
    console.warn(`[web] profile sync after sign-in failed: ${(error as Error).message}`);
  }
  storeAuthSession(session, auth, displayName);
  // Only a hint for the header's Admin link: the API decides who is an admin.
  session.set('admin', admin);
  return commitSession(session);
}

/** Auth API answers that mean "too many attempts", whatever the limit was about. */
export function isRateLimited(error: AuthApiError) {
  return error.status === 429 || error.code.startsWith('over_');
}

export const RATE_LIMITED_MESSAGE = 'Too many attempts. Please wait a minute and try again.';
export const AUTH_UNAVAILABLE_MESSAGE =
  'We cannot reach the sign-in service right now. Please try again in a moment.';

/** A message a visitor can act on, for an auth API error no field owns. */
export function authErrorMessage(error: unknown): string {
  if (error instanceof AuthApiError) {
    if (isRateLimited(error)) return RATE_LIMITED_MESSAGE;
    if (error.status >= 500) return AUTH_UNAVAILABLE_MESSAGE;
    return error.message;
  }
  return AUTH_UNAVAILABLE_MESSAGE;
}
