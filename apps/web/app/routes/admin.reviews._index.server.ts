import {
  ADMIN_REVIEW_QUEUES,
  type AdminReviewList,
  type AdminReviewQueueQuery,
  type BulkResult,
  REVIEW_BULK_ACTIONS,
} from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import {
  adminContext,
  adminForm,
  adminPageFailure,
  DECISION_NOTICES,
  decisionFailure,
  filterProblem,
  readReason,
  rememberAdmin,
  urlFilters,
  withoutEmptyParams,
} from '../lib/admin.server';
import { formText } from '../lib/form-errors';

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
type Queue = (typeof ADMIN_REVIEW_QUEUES)[number];

const isQueue = (value: string | undefined): value is Queue =>
  (ADMIN_REVIEW_QUEUES as readonly string[]).includes(value ?? '');

/** GET /admin/reviews: a queue (waiting, reported, all) with the filters of the URL. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  withoutEmptyParams(request, context.headers);
  const filters: ReviewFilters = urlFilters(request, REVIEW_FILTERS);
  const queue: Queue = isQueue(filters.queue) ? filters.queue : 'pending';
  const cursor = new URL(request.url).searchParams.get('cursor') ?? undefined;
  const notice = new URL(request.url).searchParams.get('notice');
  let list: AdminReviewList;
  let filterError: string | null = null;
  try {
    list = await context.api.admin.reviews({
      ...filters,
      queue,
      cursor,
      limit: 25,
    } as AdminReviewQueueQuery);
  } catch (error) {
    filterError = filterProblem(error);
    if (!filterError) return adminPageFailure(error, request, context, 'admin reviews');
    list = { items: [], nextCursor: null };
  }
  return data(
    {
      queue,
      filters,
      items: list.items,
      nextCursor: list.nextCursor,
      filterError,
      notice: notice ? (DECISION_NOTICES[notice] ?? null) : null,
    },
    { headers: await rememberAdmin(context) },
  );
}

export interface BulkActionData {
  intent: string | null;
  formError: string | null;
  reasonError: string | null;
  reason: string;
  bulk: BulkResult | null;
}

const bulkForm = z.object({
  intent: z.enum(REVIEW_BULK_ACTIONS),
  ids: z.array(z.uuid()).max(100),
});

/** POST /admin/reviews: one decision for the reviews ticked in the list. */
export async function action({ request }: ActionFunctionArgs) {
  const { context, formData } = await adminForm(request);
  const parsed = bulkForm.safeParse({
    intent: formText(formData, 'intent'),
    ids: formData.getAll('ids').filter((v): v is string => typeof v === 'string'),
  });
  const intent = parsed.success ? parsed.data.intent : null;
  const needsReason = intent === 'hide' || intent === 'reject';
  const { reason, error: reasonError } = readReason(formData, needsReason);
  const answer = (status: number, values: Partial<BulkActionData>) =>
    data<BulkActionData>(
      { intent, formError: null, reasonError: null, reason, bulk: null, ...values },
      { status, headers: context.headers },
    );
  if (!parsed.success) {
    return answer(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  if (parsed.data.ids.length === 0) {
    return answer(400, { formError: 'Tick at least one review first.' });
  }
  if (reasonError) return answer(400, { reasonError });
  try {
    const bulk = await context.api.admin.bulkReviews({
      action: parsed.data.intent,
      ids: parsed.data.ids,
      ...(reason ? { reason } : {}),
    });
    return answer(200, { bulk });
  } catch (error) {
    const refused = await decisionFailure(error, request, context, {
      intent,
      targetId: null,
      reason,
    });
    return answer(refused.init?.status ?? 500, {
      formError: refused.data.formError,
      reasonError: refused.data.reasonError,
    });
  }
}
