import type { Order } from '@promptnx/schema';
import { type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { promptPath } from '../lib/catalog';
import { isPaidOrder, successPath } from '../lib/orders';
import { buyerPageFailure } from '../lib/orders.server';
import { requireUser } from '../lib/session.server';

const UNAVAILABLE = 'Your order is unavailable right now';

/**
 * GET /checkout/cancelled?order=<id>: the payment page's cancel link. Back to the prompt,
 * which says the checkout was cancelled; to the result page if the order got paid after all
 * (paid in another tab); to the order history when there is nothing to go back to.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const id = new URL(request.url).searchParams.get('order') ?? '';
  if (!z.uuid().safeParse(id).success) throw redirect('/account/orders', { headers });
  let order: Order;
  try {
    order = await createApiClient(request, user.accessToken).orders.get(id);
  } catch (error) {
    return buyerPageFailure(error, request, session, 'checkout cancelled', UNAVAILABLE);
  }
  if (isPaidOrder(order)) throw redirect(successPath(order.id), { headers });
  const first = order.items[0];
  if (!first) throw redirect('/account/orders', { headers });
  throw redirect(`${promptPath(first.prompt)}?checkout=cancelled`, { headers });
}
