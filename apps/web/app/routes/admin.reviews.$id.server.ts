import type { AdminReviewDetail } from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { adminReviewPath } from '../lib/admin';
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

/** GET /admin/reviews/:id: the review with its purchase, both records and its reports. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  let review: AdminReviewDetail;
  try {
    review = await context.api.admin.review(params.id ?? '');
  } catch (error) {
    return adminPageFailure(error, request, context, 'admin review');
  }
  const notice = new URL(request.url).searchParams.get('notice');
  return data(
    { review, notice: notice ? (DECISION_NOTICES[notice] ?? null) : null },
    { headers: await rememberAdmin(context) },
  );
}

const REVIEW_INTENTS = [
  'approve',
  'reject',
  'hide',
  'restore',
  'dismiss-reports',
  'report-resolve',
  'report-dismiss',
] as const;
const decisionForm = z.object({
  intent: z.enum(REVIEW_INTENTS),
  reportId: z.uuid().optional(),
});

/** POST /admin/reviews/:id: one decision about the review, or about one of its reports. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { context, formData } = await adminForm(request);
  const reviewId = params.id ?? '';
  const parsed = decisionForm.safeParse({
    intent: formText(formData, 'intent'),
    reportId: formText(formData, 'reportId') || undefined,
  });
  const intent = parsed.success ? parsed.data.intent : null;
  const { reason, error: reasonError } = readReason(
    formData,
    intent === 'reject' || intent === 'hide',
  );
  const result = { intent, targetId: reviewId, reason };
  const refused = (status: number, answer: Partial<DecisionResult>) =>
    data<DecisionResult>(
      { ...result, formError: null, reasonError: null, ...answer },
      { status, headers: context.headers },
    );
  if (!parsed.success || (intent?.startsWith('report-') && !parsed.data.reportId)) {
    return refused(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  if (reasonError) return refused(400, { reasonError });
  const { api } = context;
  try {
    switch (parsed.data.intent) {
      case 'report-resolve':
      case 'report-dismiss':
        await api.admin.decideReport(
          'review',
          parsed.data.reportId!,
          parsed.data.intent === 'report-resolve' ? 'resolve' : 'dismiss',
          reason || undefined,
        );
        break;
      default:
        await api.admin.decideReview(reviewId, parsed.data.intent, reason || undefined);
    }
  } catch (error) {
    return decisionFailure(error, request, context, result);
  }
  throw decided(adminReviewPath(reviewId), parsed.data.intent, context.headers);
}
