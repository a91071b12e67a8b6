import {
  ADMIN_PROMPT_QUEUES,
  type AdminPromptQueueQuery,
  PROMPT_BULK_ACTIONS,
} from '@promptnx/schema';
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { bulkDecision, queuePage } from '../lib/admin.server';

export type { BulkActionData } from '../lib/admin.server';

export const PROMPT_FILTERS = ['queue', 'status', 'reason', 'from', 'to', 'q', 'sellerId'] as const;
export type PromptFilters = Partial<Record<(typeof PROMPT_FILTERS)[number], string>>;

/** GET /admin/prompts: a queue (waiting, reported, hidden, all) with the filters of the URL. */
export function loader({ request }: LoaderFunctionArgs) {
  return queuePage(request, {
    filters: PROMPT_FILTERS,
    queues: ADMIN_PROMPT_QUEUES,
    where: 'admin prompts',
    load: (api, query) => api.admin.prompts(query as AdminPromptQueueQuery),
  });
}

/** POST /admin/prompts: one decision for the prompts ticked in the list. */
export function action({ request }: ActionFunctionArgs) {
  return bulkDecision(request, {
    actions: PROMPT_BULK_ACTIONS,
    noun: 'prompt',
    send: (api, input) => api.admin.bulkPrompts(input),
  });
}
