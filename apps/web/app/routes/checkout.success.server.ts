import type { Order } from '@promptnx/schema';
import { data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { MAX_CHECKS } from '../lib/orders';
import { buyerPageFailure } from '../lib/orders.server';
import { requireUser } from '../lib/session.server';

const orderId = z.uuid();
const UNAVAILABLE = 'Your order is unavailable right now';

/**
 * GET /checkout/success?order=<id>: where the payment page sends the buyer back. The API
 * asks the payment provider about a pending order, so this often shows "paid" before the
 * provider's webhook has even arrived; otherwise the page checks again for a while.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const url = new URL(request.url);
  const id = url.searchParams.get('order');
  if (!id) throw redirect('/account/orders', { headers });
  if (!orderId.safeParse(id).success) {
    throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }
  let order: Order;
  try {
    order = await createApiClient(request, user.accessToken).orders.get(id);
  } catch (error) {
    return buyerPageFailure(error, request, session, 'checkout result', UNAVAILABLE);
  }
  const check = Math.max(0, Math.min(MAX_CHECKS, Number(url.searchParams.get('check')) || 0));
  const waiting = order.status === 'pending';
  return data(
    {
      order,
      check,
      // Without JavaScript the page reloads itself (a meta refresh) until this runs out.
      nextCheck:
        waiting && check < MAX_CHECKS
          ? `/checkout/success?order=${encodeURIComponent(id)}&check=${check + 1}`
          : null,
    },
    { headers },
  );
}
