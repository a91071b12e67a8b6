import type { AdminUserDetail } from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { adminUserPath } from '../lib/admin';
import {
  adminContext,
  adminForm,
  adminPageFailure,
  DECISION_NOTICES,
  type DecisionResult,
  decided,
  decisionFailure,
  readReason,
  rememberAdmin,
} from '../lib/admin.server';
import { formText } from '../lib/form-errors';

/** GET /admin/users/:id: the account, its record and the decisions about it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  let user: AdminUserDetail;
  try {
    user = await context.api.admin.user(params.id ?? '');
  } catch (error) {
    return adminPageFailure(error, request, context, 'admin user');
  }
  const notice = new URL(request.url).searchParams.get('notice');
  return data(
    {
      user,
      self: user.id === context.user.id,
      notice: notice ? (DECISION_NOTICES[notice] ?? null) : null,
    },
    { headers: await rememberAdmin(context) },
  );
}

const suspensionForm = z.object({ intent: z.enum(['suspend', 'reinstate']) });

/** POST /admin/users/:id: suspend or reinstate, always with a reason the user is told. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { context, formData } = await adminForm(request);
  const userId = params.id ?? '';
  const parsed = suspensionForm.safeParse({ intent: formText(formData, 'intent') });
  const intent = parsed.success ? parsed.data.intent : null;
  const { reason, error: reasonError } = readReason(formData, true);
  const result = { intent, targetId: userId, reason };
  const refused = (status: number, answer: Partial<DecisionResult>) =>
    data<DecisionResult>(
      { ...result, formError: null, reasonError: null, ...answer },
      { status, headers: context.headers },
    );
  if (!parsed.success) {
    return refused(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  if (reasonError) return refused(400, { reasonError });
  try {
    await context.api.admin.setSuspension(userId, parsed.data.intent, reason);
  } catch (error) {
    return decisionFailure(error, request, context, result);
  }
  throw decided(adminUserPath(userId), parsed.data.intent, context.headers);
}
