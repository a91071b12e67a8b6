import { ApiError, ApiUnavailableError, createClient, type PromptnxClient } from '@promptnx/sdk';
import { env } from '../env.server';

/**
 * An API client for one incoming request, acting for the signed-in user when an access
 * token is given; its x-request-id travels on to the API.
 */
export function createApiClient(request: Request, accessToken?: string): PromptnxClient {
  const headers: Record<string, string> = {};
  const requestId = request.headers.get('x-request-id');
  if (requestId) headers['x-request-id'] = requestId;
  return createClient({
    baseUrl: env.API_URL,
    authUrl: env.AUTH_URL,
    apiKey: env.SUPABASE_ANON_KEY,
    accessToken,
    headers,
  });
}

/** The API is down or failing: an outage for the visitor, not a bug in the page. */
export function isApiOutage(error: unknown): boolean {
  return error instanceof ApiUnavailableError || (error instanceof ApiError && error.status >= 500);
}

/** A 503 page for an API outage (logged as a warning, it is not our bug). */
export function outageResponse(error: unknown, where: string, message: string) {
  console.warn(`[web] ${where}: ${(error as Error).message}`);
  return new Response(message, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Retry-After': '30' },
  });
}
