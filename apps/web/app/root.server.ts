import type { LoaderFunctionArgs } from '@remix-run/node';
import { data } from '@remix-run/node';
import { getPublicEnv } from './env.server';
import { isCatalogPath } from './lib/cache-headers';
import { unreadNotificationCount } from './lib/notifications.server';
import { commitSession, ensureCsrfToken, getSession, resolveUser } from './lib/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const { user, changed } = await resolveUser(request, session);
  // Anonymous catalog pages are cached and shared (lib/cache-headers.ts), so they carry no
  // session's CSRF token and set no cookie. They have no form that posts; leaving them
  // reloads this loader (shouldRevalidate in root.tsx), which mints the token then.
  const shared = !user && isCatalogPath(new URL(request.url).pathname);
  const { token, minted } = shared ? { token: null, minted: false } : ensureCsrfToken(session);
  const headers = changed || minted ? await commitSession(session) : new Headers();
  // The bell's number; null when the API cannot say (the header shows the bell without it).
  const unreadNotifications = user
    ? await unreadNotificationCount(request, user.accessToken)
    : null;
  return data(
    {
      ENV: getPublicEnv(),
      // Only what the header shows: tokens stay in the httpOnly cookie.
      user: user ? { id: user.id, email: user.email, displayName: user.displayName } : null,
      csrfToken: token,
      unreadNotifications,
      // The seller pages leave this hint in the session: the header then links them.
      sellerLinks: user ? session.get('seller') === true : false,
      // Left at sign-in (and by the admin pages) for admins: the header links the console.
      adminLinks: user ? session.get('admin') === true : false,
    },
    { headers },
  );
}
