import type { OrderList } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { buyerPageFailure } from '../lib/orders.server';
import { requireUser } from '../lib/session.server';

/** GET /account/orders: the signed-in buyer's orders, newest first, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const cursor = new URL(request.url).searchParams.get('cursor') || undefined;
  let orders: OrderList;
  try {
    orders = await createApiClient(request, user.accessToken).orders.list(cursor);
  } catch (error) {
    return buyerPageFailure(
      error,
      request,
      session,
      'orders',
      'Your orders are unavailable right now',
    );
  }
  return data(
    { orders: orders.items, nextCursor: orders.nextCursor, cursor: cursor ?? null },
    { headers },
  );
}
