import { type ActionFunctionArgs, redirect } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { getSession, sessionStorage } from '../lib/session.server';

// Signing out changes state, so it is a POST; a link or a prefetch cannot sign anyone out.
export function loader() {
  return new Response('Sign out with the button in the header.', {
    status: 405,
    headers: { Allow: 'POST' },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const session = await getSession(request);
  const accessToken = session.get('access_token');
  if (accessToken) {
    try {
      await createApiClient(request).auth.signOut(accessToken);
    } catch (error) {
      // An expired or already revoked token: the visitor is signed out here all the same.
      console.warn(`[web] sign-out: ${(error as Error).message}`);
    }
  }
  return redirect('/', {
    headers: { 'Set-Cookie': await sessionStorage.destroySession(session) },
  });
}
