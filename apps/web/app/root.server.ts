import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { getPublicEnv } from './env.server';
import { commitSession, ensureCsrfToken, getSession, resolveUser } from './lib/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const { user, changed } = await resolveUser(request, session);
  const { token, minted } = ensureCsrfToken(session);
  const headers = changed || minted ? await commitSession(session) : new Headers();
  return data(
    {
      ENV: getPublicEnv(),
      // Only what the header shows: tokens stay in the httpOnly cookie.
      user: user ? { id: user.id, email: user.email, displayName: user.displayName } : null,
      csrfToken: token,
    },
    { headers },
  );
}
