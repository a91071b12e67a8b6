import type { PayoutList } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { rememberSeller, sellerPageFailure } from '../lib/seller-dashboard.server';
import { requireUser } from '../lib/session.server';

export const PAYOUTS_UNAVAILABLE = 'Your payouts are unavailable right now';

/** GET /sell/payouts: balances, the next payout and past payouts, a page at a time. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await requireUser(request);
  const api = createApiClient(request, context.user.accessToken);
  const cursor = new URL(request.url).searchParams.get('cursor')?.slice(0, 500) || undefined;
  let payouts: PayoutList;
  let usedCursor = cursor ?? null;
  try {
    try {
      payouts = await api.payouts.list({ cursor });
    } catch (error) {
      // An old or edited address: the first page instead.
      if (!(cursor && error instanceof ApiError && error.code === 'VALIDATION_FAILED')) throw error;
      payouts = await api.payouts.list();
      usedCursor = null;
    }
  } catch (error) {
    return sellerPageFailure(error, request, context, 'seller payouts', PAYOUTS_UNAVAILABLE);
  }
  const headers = await rememberSeller(context, true);
  return data(
    {
      summary: payouts.summary,
      payouts: payouts.items,
      nextCursor: payouts.nextCursor,
      cursor: usedCursor,
    },
    { headers },
  );
}
