import type { PromptCard, PromptList } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { data } from '@remix-run/node';
import { isApiOutage, outageResponse } from './api.server';
import { catalogCacheControl } from './cache-headers';
import { browserUrl } from './me.server';
import { getUser, type SignedInUser, signedOutRedirect, type WebSession } from './session.server';

export const CATALOG_UNAVAILABLE = 'The catalog is unavailable right now';

export interface Viewer {
  user: SignedInUser | null;
  /** Set-Cookie of a refreshed session, or empty. */
  headers: Headers;
  session: WebSession;
}

/** Who is looking: signed in or not decides what the page shows and how it may be cached. */
export function getViewer(request: Request): Promise<Viewer> {
  return getUser(request);
}

/**
 * A catalog loader's answer: its data, the session cookie when it changed, and the
 * Cache-Control it wants (catalogHeaders turns it into the page's header).
 */
export function catalogData<T>(payload: T, viewer: Pick<Viewer, 'user' | 'headers'>) {
  const headers = new Headers(viewer.headers);
  headers.set('Cache-Control', catalogCacheControl(viewer.user !== null));
  return data(payload, { headers });
}

/** A card with addresses a browser may load (the API may answer with relative ones). */
export function presentCard(card: PromptCard): PromptCard {
  return {
    ...card,
    coverUrl: browserUrl(card.coverUrl),
    seller: { ...card.seller, avatarUrl: browserUrl(card.seller.avatarUrl) },
  };
}

export function presentList(list: PromptList): PromptList {
  return { items: list.items.map(presentCard), nextCursor: list.nextCursor };
}

/**
 * What a catalog loader throws when the API fails: 404 for an unknown prompt or seller
 * (and, with `lookup`, for an address the API refuses as no id or slug at all), sign-in
 * again for a refused token, a 503 page for an outage; anything else is a bug.
 */
export async function catalogFailure(
  error: unknown,
  request: Request,
  where: string,
  session?: WebSession,
  options: { lookup?: boolean } = {},
): Promise<never> {
  const malformedId = options.lookup && error instanceof ApiError && error.status === 400;
  if ((error instanceof ApiError && error.status === 404) || malformedId) {
    throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }
  if (error instanceof ApiError && error.status === 401) {
    throw await signedOutRedirect(request, session);
  }
  if (isApiOutage(error)) throw outageResponse(error, where, CATALOG_UNAVAILABLE);
  throw error;
}
