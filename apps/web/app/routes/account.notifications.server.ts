import {
  CONFIGURABLE_EMAIL_TYPES,
  type NotificationPreferences,
  type UpdateNotificationPreferences,
} from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { buyerPageFailure, problemMessage } from '../lib/orders.server';
import { requireUser, signedOutRedirect } from '../lib/session.server';

export const SAVED = 'Your notification settings are saved.';

/** GET /account/notifications: per type, in the app (always) and by e-mail (a switch). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  let preferences: NotificationPreferences;
  try {
    preferences = await createApiClient(request, user.accessToken).notifications.preferences();
  } catch (error) {
    return buyerPageFailure(
      error,
      request,
      session,
      'notification settings',
      'Your notification settings are unavailable right now',
    );
  }
  const saved = new URL(request.url).searchParams.get('saved') === '1' ? SAVED : null;
  return data({ preferences: preferences.items, saved }, { headers });
}

export interface PreferencesActionData {
  formError: string;
}

/**
 * POST /account/notifications: one checkbox per type that can be switched; an
 * unticked box is e-mail off. Saves every switchable type at once.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const email = Object.fromEntries(
    CONFIGURABLE_EMAIL_TYPES.map((type) => [type, formData.get(`email.${type}`) === 'on']),
  ) as UpdateNotificationPreferences['email'];
  const refused = (status: number, formError: string) =>
    data<PreferencesActionData>({ formError }, { status, headers });
  try {
    await createApiClient(request, user.accessToken).notifications.updatePreferences({ email });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    if (isApiOutage(error)) {
      console.warn(`[web] notification settings: ${(error as Error).message}`);
      return refused(503, 'Your settings could not be saved. Please try again in a moment.');
    }
    if (error instanceof ApiError) return refused(error.status, problemMessage(error));
    throw error;
  }
  throw redirect('/account/notifications?saved=1', { status: 303, headers });
}
