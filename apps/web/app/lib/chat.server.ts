import type { ChatThread } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { getPublicEnv } from '../env.server';
import { isApiOutage, outageResponse } from './api.server';
import { browserUrl } from './me.server';
import { signedOutRedirect, type WebSession } from './session.server';

export const NOT_A_PARTICIPANT = 'Only the two people in this conversation can see it.';

/**
 * What a chat page's loader throws when the API fails: sign in again for a refused
 * token, a 403 page for a conversation of other people, 404 for one that is not there
 * (or an id that cannot be one), a 503 page for an outage.
 */
export async function chatPageFailure(
  error: unknown,
  request: Request,
  session: WebSession,
  where: string,
  unavailable: string,
): Promise<never> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, session);
    if (error.status === 403) {
      throw new Response(NOT_A_PARTICIPANT, { status: 403, statusText: 'Forbidden' });
    }
    if (error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED')) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
  }
  if (isApiOutage(error)) throw outageResponse(error, where, unavailable);
  throw error;
}

/** A thread with avatar addresses a browser may load. */
export function presentThread(thread: ChatThread): ChatThread {
  return {
    ...thread,
    buyer: { ...thread.buyer, avatarUrl: browserUrl(thread.buyer.avatarUrl) },
    seller: { ...thread.seller, avatarUrl: browserUrl(thread.seller.avatarUrl) },
  };
}

/** Where browsers open the realtime socket: the API's public address, ws(s)://…/api/realtime. */
export function realtimeSocketUrl(): string {
  const url = new URL('/api/realtime', getPublicEnv().PUBLIC_API_URL);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
