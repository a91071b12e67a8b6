import { ApiError } from '@promptnx/sdk';
import { redirect } from '@remix-run/node';
import { isApiOutage, outageResponse } from './api.server';
import {
  commitSession,
  type SignedInUser,
  signedOutRedirect,
  type WebSession,
} from './session.server';

// The server side of the seller dashboard and payouts pages.

export interface SellerPageContext {
  user: SignedInUser;
  session: WebSession;
  /** Set-Cookie of a refreshed session, or empty. */
  headers: Headers;
}

/**
 * Remembers in the session whether this user sells, so the header can show the seller
 * links (the root loader knows no roles). Answers the headers to send: the given ones, or
 * a Set-Cookie of the same session object when the hint changed.
 */
export async function rememberSeller(context: SellerPageContext, sells: boolean) {
  if ((context.session.get('seller') === true) === sells) return context.headers;
  if (sells) context.session.set('seller', true);
  else context.session.unset('seller');
  return commitSession(context.session);
}

/**
 * What a seller page loader throws when the API fails: sign in again for a refused token,
 * /sell (to become a seller) for someone who does not sell, a 503 page for an outage;
 * anything else is a bug.
 */
export async function sellerPageFailure(
  error: unknown,
  request: Request,
  context: SellerPageContext,
  where: string,
  unavailable: string,
): Promise<never> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, context.session);
    if (error.code === 'SELLER_REQUIRED') {
      throw redirect('/sell', { headers: await rememberSeller(context, false) });
    }
    if (error.status === 404 || error.status === 403) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
  }
  if (isApiOutage(error)) throw outageResponse(error, where, unavailable);
  throw error;
}

/** The field a 400 named, as the dashboard's range form says it. */
export function rangeProblem(error: ApiError): string {
  const first = error.problem.errors?.[0];
  switch (first?.field) {
    case 'query.interval':
      return 'Choose days, weeks or months.';
    case 'query.from':
    case 'query.to':
      return /after/.test(first.message)
        ? 'The start date must be on or before the end date.'
        : /at most/.test(first.message)
          ? `That range is too long for one chart (${first.message.replace(/^the range holds /, '')}).`
          : 'Enter dates as YYYY-MM-DD.';
    default:
      return 'That range cannot be shown.';
  }
}
