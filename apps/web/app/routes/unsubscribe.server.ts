import { type UnsubscribeState, unsubscribeTokenSchema } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { createApiClient, isApiOutage, outageResponse } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';

// The page an e-mail's unsubscribe link opens. Signed in or not: the token in
// the link is the authority. Opening the page changes nothing (link scanners
// open links); the button does. Mail clients use the API's one-click POST.

export const INVALID_LINK = 'This unsubscribe link is not valid.';
const UNAVAILABLE = 'Unsubscribing is unavailable right now';

function invalid(status: 400 | 404) {
  return new Response(INVALID_LINK, {
    status,
    statusText: status === 404 ? 'Not Found' : 'Bad Request',
  });
}

async function failure(error: unknown): Promise<never> {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    throw invalid(error.status);
  }
  if (isApiOutage(error)) throw outageResponse(error, 'unsubscribe', UNAVAILABLE);
  throw error;
}

/** GET /unsubscribe?token=…: what the link turns off, and whether it is off already. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  if (!unsubscribeTokenSchema.safeParse(token).success) throw invalid(400);
  let state: UnsubscribeState;
  try {
    state = await createApiClient(request).notifications.unsubscribeState(token);
  } catch (error) {
    return failure(error);
  }
  return data({ token, type: state.type, unsubscribed: !state.email });
}

/** POST /unsubscribe: turns that kind of e-mail off, then shows the page again (303). */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const token = formText(formData, 'token');
  if (!unsubscribeTokenSchema.safeParse(token).success) throw invalid(400);
  try {
    await createApiClient(request).notifications.unsubscribe(token);
  } catch (error) {
    return failure(error);
  }
  throw redirect(`/unsubscribe?token=${encodeURIComponent(token)}`, { status: 303 });
}
