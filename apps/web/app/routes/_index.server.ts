import { ApiError, ApiUnavailableError } from '@promptnx/sdk';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';

export const CATALOG_UNAVAILABLE = 'The catalog is unavailable right now';

export async function loader({ request }: LoaderFunctionArgs) {
  const api = createApiClient(request);
  try {
    const { items } = await api.categories.list();
    return { categories: items };
  } catch (error) {
    // An API that is down or failing is an outage for the visitor, not a bug in this page.
    if (
      error instanceof ApiUnavailableError ||
      (error instanceof ApiError && error.status >= 500)
    ) {
      console.warn(`[web] home: ${error.message}`);
      throw new Response(CATALOG_UNAVAILABLE, {
        status: 503,
        statusText: 'Service Unavailable',
        headers: { 'Retry-After': '30' },
      });
    }
    throw error;
  }
}
