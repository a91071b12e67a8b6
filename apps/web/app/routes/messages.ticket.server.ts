import { ApiError } from '@promptnx/sdk';
import type { ActionFunctionArgs } from '@remix-run/node';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { realtimeSocketUrl } from '../lib/chat.server';
import { assertCsrf } from '../lib/csrf.server';
import { clearUser, commitSession, getUser } from '../lib/session.server';

function json(body: unknown, status: number, headers: Headers) {
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Cache-Control', 'private, no-store');
  return new Response(JSON.stringify(body), { status, headers });
}

/** GET /messages/ticket: not a page. */
export function loader() {
  return new Response('Method Not Allowed', { status: 405, headers: { Allow: 'POST' } });
}

/**
 * POST /messages/ticket (the page's script, with the session's CSRF token): a
 * single-use ticket for the realtime socket and where to open it. The access token
 * stays in the session cookie; the ticket is good for one socket, for a minute
 * (decision 0020). 401 when signed out, 403 for a foreign page.
 */
export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const { user, session, headers } = await getUser(request);
  if (!user) return json({ error: 'signed out' }, 401, headers);
  try {
    const { ticket, expiresAt } = await createApiClient(
      request,
      user.accessToken,
    ).realtime.ticket();
    return json({ ticket, expiresAt, url: realtimeSocketUrl() }, 200, headers);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      clearUser(session);
      return json({ error: 'signed out' }, 401, await commitSession(session));
    }
    if (isApiOutage(error)) {
      console.warn(`[web] realtime ticket: ${(error as Error).message}`);
      return json({ error: 'unavailable' }, 503, headers);
    }
    throw error;
  }
}
