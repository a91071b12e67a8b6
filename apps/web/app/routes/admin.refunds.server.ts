import { denyRefundSchema, type Refund } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage, outageResponse } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { problemMessage } from '../lib/orders.server';
import { requireUser, signedOutRedirect, type WebSession } from '../lib/session.server';

// A minimal admin page for refund requests, until the admin console arrives. The API
// decides who is an admin; everyone else gets a 403 page.

export const ADMINS_ONLY = 'Only admins can see this page.';
const UNAVAILABLE = 'Refund requests are unavailable right now';

const NOTICES: Record<string, string> = {
  approved: 'The refund is approved; the money goes back to the buyer.',
  denied: 'The refund is denied; the buyer sees your reason.',
};

function isNotAdmin(error: unknown) {
  return (
    error instanceof ApiError &&
    (error.code === 'ADMIN_REQUIRED' || error.code === 'FORBIDDEN' || error.status === 403)
  );
}

function forbidden(headers: Headers) {
  return new Response(ADMINS_ONLY, { status: 403, statusText: 'Forbidden', headers });
}

async function adminFailure(
  error: unknown,
  request: Request,
  session: WebSession,
  headers: Headers,
): Promise<never> {
  if (error instanceof ApiError && error.status === 401) {
    throw await signedOutRedirect(request, session);
  }
  if (isNotAdmin(error)) throw forbidden(headers);
  if (isApiOutage(error)) throw outageResponse(error, 'admin refunds', UNAVAILABLE);
  throw error;
}

/** GET /admin/refunds: refund requests waiting for a decision, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  let refunds: Refund[];
  try {
    refunds = await createApiClient(request, user.accessToken).admin.refundRequests();
  } catch (error) {
    return adminFailure(error, request, session, headers);
  }
  const notice = NOTICES[new URL(request.url).searchParams.get('notice') ?? ''] ?? null;
  return data({ refunds, notice }, { headers });
}

/** What a refused decision shows, beside the refund it was about. */
export interface DecisionActionData {
  refundId: string | null;
  formError: string | null;
  reasonError: string | null;
  reason: string;
}

const decisionForm = z.object({
  intent: z.enum(['approve', 'deny']),
  refundId: z.uuid(),
});

/** POST /admin/refunds: approves a refund request, or denies it with a reason. */
export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const reason = formText(formData, 'reason');
  const parsed = decisionForm.safeParse({
    intent: formText(formData, 'intent'),
    refundId: formText(formData, 'refundId'),
  });
  const refused = (status: number, answer: Partial<DecisionActionData>) =>
    data<DecisionActionData>(
      {
        refundId: parsed.success ? parsed.data.refundId : null,
        formError: null,
        reasonError: null,
        reason,
        ...answer,
      },
      { status, headers },
    );
  if (!parsed.success) {
    return refused(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  const { intent, refundId } = parsed.data;
  if (intent === 'deny' && !denyRefundSchema.safeParse({ reason }).success) {
    return refused(400, {
      reasonError: 'Say why in a few words (3 to 1000 characters): the buyer sees it.',
    });
  }
  const api = createApiClient(request, user.accessToken);
  try {
    if (intent === 'approve') await api.admin.approveRefund(refundId);
    else await api.admin.denyRefund(refundId, reason);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || isNotAdmin(error))) {
      return adminFailure(error, request, session, headers);
    }
    if (error instanceof ApiError && error.code === 'PAYMENTS_UNAVAILABLE') {
      console.warn(`[web] refund decision: ${error.message}`);
      return refused(503, {
        formError: 'The payment provider is unavailable. Please try again in a few minutes.',
      });
    }
    if (isApiOutage(error)) {
      console.warn(`[web] refund decision: ${(error as Error).message}`);
      return refused(503, { formError: 'That did not work. Please try again in a moment.' });
    }
    // Already decided, not found: the API says which.
    if (error instanceof ApiError)
      return refused(error.status, { formError: problemMessage(error) });
    throw error;
  }
  throw redirect(`/admin/refunds?notice=${intent === 'approve' ? 'approved' : 'denied'}`, {
    status: 303,
    headers,
  });
}
