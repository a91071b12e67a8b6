import type { Me } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { getPublicEnv } from '../env.server';
import { createApiClient, isApiOutage, outageResponse } from './api.server';
import { type SignedInUser, signedOutRedirect, type WebSession } from './session.server';

/**
 * The signed-in user's profile. A token the API refuses signs the visitor out; a missing
 * profile is created (sync); an outage is a 503 page.
 */
export async function loadMe(
  request: Request,
  user: SignedInUser,
  session: WebSession,
): Promise<Me> {
  const api = createApiClient(request, user.accessToken);
  try {
    try {
      return await api.me.get();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'NOT_FOUND') return await api.me.sync();
      throw error;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    if (isApiOutage(error)) {
      throw outageResponse(error, 'account', 'Your account is unavailable right now');
    }
    throw error;
  }
}

/** An address the browser can load: the API may answer with paths relative to itself. */
export function browserUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const resolved = new URL(url, getPublicEnv().PUBLIC_API_URL);
    return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : null;
  } catch {
    return null;
  }
}
