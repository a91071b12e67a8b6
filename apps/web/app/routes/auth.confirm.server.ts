import { AuthApiError } from '@promptnx/sdk';
import { data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient } from '../lib/api.server';
import { startSession } from '../lib/auth.server';
import { safeRedirect } from '../lib/safe-redirect';

const confirmQuerySchema = z.object({
  token_hash: z.string().min(16).max(255),
  type: z.enum(['signup', 'recovery', 'email', 'email_change']),
});

export type ConfirmProblem = 'invalid' | 'unavailable';

// The link in a sign-up or password-reset e-mail: confirms it, signs the visitor in and
// sends them on (to `next`, a path on this site).
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = confirmQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) return data({ problem: 'invalid' as ConfirmProblem }, { status: 400 });

  let headers: Headers;
  try {
    const session = await createApiClient(request).auth.verify({
      type: query.data.type,
      tokenHash: query.data.token_hash,
    });
    headers = await startSession(request, session);
  } catch (error) {
    if (error instanceof AuthApiError && error.status < 500 && error.status !== 429) {
      // otp_expired, or a link that was used already or never existed.
      return data({ problem: 'invalid' as ConfirmProblem }, { status: 400 });
    }
    console.warn(`[web] confirm link: ${(error as Error).message}`);
    return data({ problem: 'unavailable' as ConfirmProblem }, { status: 503 });
  }
  throw redirect(safeRedirect(url.searchParams.get('next'), '/account'), { headers });
}
