import { createClient, type PromptnxClient } from '@promptnx/sdk';
import { env } from '../env.server';

/** An API client for one incoming request; its x-request-id travels on to the API. */
export function createApiClient(request: Request): PromptnxClient {
  const headers: Record<string, string> = {};
  const requestId = request.headers.get('x-request-id');
  if (requestId) headers['x-request-id'] = requestId;
  return createClient({ baseUrl: env.API_URL, headers });
}
