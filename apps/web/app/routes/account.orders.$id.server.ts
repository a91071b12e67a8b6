import { type Order, type Refund, refundRequestSchema } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { assertCsrf } from '../lib/csrf.server';
import { type FieldErrors, fieldErrorsFromApi, formText } from '../lib/form-errors';
import { orderPath } from '../lib/orders';
import { buyerPageFailure, problemMessage } from '../lib/orders.server';
import { requireUser } from '../lib/session.server';

const UNAVAILABLE = 'Your order is unavailable right now';
const NOTICES: Record<string, string> = {
  'refund-requested':
    'Your refund request is sent. An admin looks at it soon; its state is shown below.',
};

/** GET /account/orders/:id: the receipt, its refunds, and the refund request form. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const id = params.id ?? '';
  if (!z.uuid().safeParse(id).success) {
    throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  }
  const api = createApiClient(request, user.accessToken);
  let order: Order;
  let refunds: Refund[];
  try {
    [order, refunds] = await Promise.all([api.orders.get(id), api.orders.refunds(id)]);
  } catch (error) {
    return buyerPageFailure(error, request, session, 'order', UNAVAILABLE);
  }
  const notice = NOTICES[new URL(request.url).searchParams.get('notice') ?? ''] ?? null;
  return data(
    {
      order,
      refunds: [...refunds].sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      billedTo: user.email,
      notice,
    },
    { headers },
  );
}

/** What a refused refund request shows beside its form. */
export interface RefundActionData {
  errors: FieldErrors;
  formError: string | null;
  values: { itemIds: string[]; reason: string };
}

const refundForm = z.object({
  itemIds: z.array(z.uuid()).min(1, 'choose at least one prompt to refund').max(20),
  reason: refundRequestSchema.shape.reason,
});

/** POST /account/orders/:id: asks for a refund of some of the order's prompts. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const id = params.id ?? '';
  const values = {
    itemIds: formData.getAll('itemId').filter((v): v is string => typeof v === 'string'),
    reason: formText(formData, 'reason'),
  };
  const refused = (status: number, problem: Partial<RefundActionData>) =>
    data<RefundActionData>(
      { errors: {}, formError: null, values, ...problem },
      { status, headers },
    );

  const parsed = refundForm.safeParse(values);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === 'reason' ? 'reason' : 'itemIds';
      errors[field] ??=
        field === 'reason'
          ? 'Tell us in a few words why you want a refund (3 to 1000 characters).'
          : 'Choose at least one prompt to refund.';
    }
    return refused(400, { errors });
  }
  try {
    await createApiClient(request, user.accessToken).orders.requestRefund(id, parsed.data);
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 404 || error.status === 401) {
        return buyerPageFailure(error, request, session, 'refund request', UNAVAILABLE);
      }
      if (error.code === 'VALIDATION_FAILED') {
        const errors: FieldErrors = {};
        for (const [field, message] of Object.entries(fieldErrorsFromApi(error.problem.errors))) {
          const key = field.startsWith('itemIds')
            ? 'itemIds'
            : field === 'reason'
              ? 'reason'
              : null;
          if (key) errors[key] ??= message;
        }
        const placed = Object.keys(errors).length > 0;
        return refused(400, { errors, formError: placed ? null : problemMessage(error) });
      }
      if (isApiOutage(error)) {
        console.warn(`[web] refund request: ${error.message}`);
        return refused(503, {
          formError: 'We could not send your request. Please try again in a moment.',
        });
      }
      // Outside the refund window, already refunded or asked for, suspended: the API says.
      return refused(error.status, { formError: problemMessage(error) });
    }
    if (isApiOutage(error)) {
      console.warn(`[web] refund request: ${(error as Error).message}`);
      return refused(503, {
        formError: 'We could not reach PromptNX. Please try again in a moment.',
      });
    }
    throw error;
  }
  throw redirect(`${orderPath(id)}?notice=refund-requested`, { status: 303, headers });
}
