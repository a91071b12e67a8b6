import { ApiError } from '@promptnx/sdk';
import { isApiOutage, outageResponse } from './api.server';
import { signedOutRedirect, type WebSession } from './session.server';

// The buyer's pages (checkout result, library, orders, refunds) turn API failures into
// pages the same way.

/**
 * What a buyer page's loader throws when the API fails: sign in again for a refused token,
 * 404 for something that is not there or not theirs (the API answers 404 for another
 * buyer's order, and 400 for an id that cannot be one), a 503 page for an outage.
 * Anything else is a bug.
 */
export async function buyerPageFailure(
  error: unknown,
  request: Request,
  session: WebSession,
  where: string,
  unavailable: string,
): Promise<never> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, session);
    if (error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED')) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
  }
  if (isApiOutage(error)) throw outageResponse(error, where, unavailable);
  throw error;
}

/** A problem's words for people: its detail when it has one, else its title. */
export function problemMessage(error: ApiError): string {
  const text = (error.problem.detail ?? error.problem.title).trim();
  if (!text) return 'That did not work. Please try again.';
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
