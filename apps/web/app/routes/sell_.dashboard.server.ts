import type { DashboardQuery, SellerDashboard } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { isInterval, type RangeQuery, rangeQueryFrom } from '../lib/seller-dashboard';
import { rangeProblem, rememberSeller, sellerPageFailure } from '../lib/seller-dashboard.server';
import { requireUser } from '../lib/session.server';

export const DASHBOARD_UNAVAILABLE = 'Your dashboard is unavailable right now';

/**
 * GET /sell/dashboard?interval=day|week|month&from=YYYY-MM-DD&to=YYYY-MM-DD: the signed-in
 * seller's dashboard. A range the API refuses shows the default range and says why.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await requireUser(request);
  const api = createApiClient(request, context.user.accessToken);
  const asked: RangeQuery = rangeQueryFrom(new URL(request.url).searchParams);
  let dashboard: SellerDashboard;
  let rangeError: string | null = null;
  try {
    dashboard = await api.sellers.dashboard(context.user.id, asked as DashboardQuery);
  } catch (error) {
    const refused = error instanceof ApiError && error.code === 'VALIDATION_FAILED';
    if (!refused || Object.keys(asked).length === 0) {
      return sellerPageFailure(error, request, context, 'seller dashboard', DASHBOARD_UNAVAILABLE);
    }
    rangeError = rangeProblem(error);
    try {
      dashboard = await api.sellers.dashboard(context.user.id, {
        ...(isInterval(asked.interval) ? { interval: asked.interval } : {}),
      });
    } catch (again) {
      return sellerPageFailure(again, request, context, 'seller dashboard', DASHBOARD_UNAVAILABLE);
    }
  }
  const headers = await rememberSeller(context, true);
  return data(
    {
      dashboard,
      rangeError,
      // What the range form shows: what was asked when it was refused, else what is shown.
      range: rangeError
        ? { interval: asked.interval ?? '', from: asked.from ?? '', to: asked.to ?? '' }
        : {
            interval: dashboard.series.interval,
            from: dashboard.series.from,
            to: dashboard.series.to,
          },
    },
    { headers },
  );
}
