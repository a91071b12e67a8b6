import {
  ADMIN_REVIEW_QUEUES,
  type AdminReviewQueueQuery,
  REVIEW_BULK_ACTIONS,
} from '@promptnx/schema';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { bulkDecision, queuePage } from '../lib/admin.server';

export type { BulkActionData } from '../lib/admin.server';

export const REVIEW_FILTERS = [
  'queue',
  'status',
  'reason',
  'from',
  'to',
  'q',
  'buyerId',
  'sellerId',
] as const;
export type ReviewFilters = Partial<Record<(typeof REVIEW_FILTERS)[number], string>>;

/** GET /admin/reviews: a queue (waiting, reported, all) with the filters of the URL. */
export function loader({ request }: LoaderFunctionArgs) {
  return queuePage(request, {
    filters: REVIEW_FILTERS,
    queues: ADMIN_REVIEW_QUEUES,
    where: 'admin reviews',
    load: (api, query) => api.admin.reviews(query as AdminReviewQueueQuery),
  });
}

/** POST /admin/reviews: one decision for the reviews ticked in the list. */
export function action({ request }: ActionFunctionArgs) {
  return bulkDecision(request, {
    actions: REVIEW_BULK_ACTIONS,
    noun: 'review',
    send: (api, input) => api.admin.bulkReviews(input),
  });
}
