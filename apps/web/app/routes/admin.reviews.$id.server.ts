import type { AdminReviewDetail } from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { adminReviewPath } from '../lib/admin';
import {
  adminContext,
  adminPageFailure,
  DECISION_NOTICES,
  itemDecision,
  rememberAdmin,
} from '../lib/admin.server';

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

/** POST /admin/reviews/:id: one decision about the review, or about one of its reports. */
export function action({ request, params }: ActionFunctionArgs) {
  const reviewId = params.id ?? '';
  return itemDecision(request, {
    kind: 'review',
    id: reviewId,
    path: adminReviewPath(reviewId),
    decide: (api, intent, reason) => api.admin.decideReview(reviewId, intent, reason),
  });
}
