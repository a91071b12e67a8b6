import type { LoaderFunctionArgs } from '@remix-run/node';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { unreadNotificationCount } from '../lib/notifications.server';
import { getUser } from '../lib/session.server';

/** GET /notifications/count: `{ count }` for the signed-in user; null when signed out or unknown. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, headers } = await getUser(request);
  headers.set('Cache-Control', PRIVATE_NO_STORE);
  const count = user ? await unreadNotificationCount(request, user.accessToken) : null;
  return Response.json({ count }, { headers });
}
