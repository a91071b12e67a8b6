import { type BulkResult, moderationReasonSchema } from '@promptnx/schema';
import { ApiError, type PromptnxClient } from '@promptnx/sdk';
import { data, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage, outageResponse } from './api.server';
import { assertCsrf } from './csrf.server';
import { formText } from './form-errors';
import { problemMessage } from './orders.server';
import {
  commitSession,
  requireUser,
  type SignedInUser,
  signedOutRedirect,
  type WebSession,
} from './session.server';

// The admin console's pages (routes/admin.*) load and decide through the API, which says
// who is an admin: anyone else gets a 403 page, a signed-out visitor the sign-in page.

export const ADMINS_ONLY = 'Only admins can see this page.';

export interface AdminContext {
  user: SignedInUser;
  session: WebSession;
  headers: Headers;
  api: PromptnxClient;
}

/** The signed-in user and an API client acting for them (redirects to sign in otherwise). */
export async function adminContext(request: Request): Promise<AdminContext> {
  const { user, session, headers } = await requireUser(request);
  return { user, session, headers, api: createApiClient(request, user.accessToken) };
}

export function isNotAdmin(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** The 403 page; the header's Admin link (a hint in the session) goes with it. */
async function forbidden(context: AdminContext): Promise<Response> {
  const headers = new Headers(context.headers);
  if (context.session.get('admin')) {
    context.session.set('admin', false);
    headers.set('Set-Cookie', (await commitSession(context.session)).get('Set-Cookie') ?? '');
  }
  return new Response(ADMINS_ONLY, { status: 403, statusText: 'Forbidden', headers });
}

/** Keeps the header's Admin link for someone the API just answered as an admin. */
export async function rememberAdmin(context: AdminContext): Promise<Headers> {
  if (context.session.get('admin') === true) return context.headers;
  context.session.set('admin', true);
  return commitSession(context.session);
}

/**
 * What an admin page's loader throws when the API refuses or fails: sign in again for a
 * refused token, 403 for a non-admin, 404 for an item that is not there (or an id that
 * cannot be one), 503 for an outage. Anything else is a bug.
 */
export async function adminPageFailure(
  error: unknown,
  request: Request,
  context: AdminContext,
  where: string,
): Promise<never> {
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, context.session);
    if (isNotAdmin(error)) throw await forbidden(context);
    if (error.status === 404 || (error.status === 400 && error.code === 'VALIDATION_FAILED')) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
  }
  if (isApiOutage(error)) {
    throw outageResponse(error, where, 'The admin console is unavailable right now');
  }
  throw error;
}

/**
 * A filter form sends its empty fields too (`?reason=&q=lantern`); a list page answers such a
 * URL with a redirect to the same list without them, so URLs stay short and shareable.
 */
export function withoutEmptyParams(request: Request, headers: Headers): void {
  const url = new URL(request.url);
  const empty = [...url.searchParams].filter(([, value]) => !value.trim()).map(([key]) => key);
  if (empty.length === 0) return;
  for (const key of empty) url.searchParams.delete(key);
  throw redirect(`${url.pathname}${url.search}`, { headers });
}

/** The query of a list page: the URL's non-empty parameters among `names`. */
export function urlFilters<K extends string>(
  request: Request,
  names: readonly K[],
): Partial<Record<K, string>> {
  const params = new URL(request.url).searchParams;
  const filters: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/**
 * A list page's loader when the API refuses its filters (a date that is no date, an id that
 * is no id): the page still renders, with the filters and the API's words.
 */
export function filterProblem(error: unknown): string | null {
  if (error instanceof ApiError && error.status === 400) {
    const first = error.problem.errors?.[0];
    if (first) return `${first.field.replace(/^query\./, '')}: ${first.message}`;
    return problemMessage(error);
  }
  return null;
}

/** What a refused decision shows next to its form. */
export interface DecisionResult {
  intent: string | null;
  targetId: string | null;
  formError: string | null;
  reasonError: string | null;
  reason: string;
}

export const REASON_HINT = 'Say why in a few words (3 to 1000 characters): the user is told.';

/** The reason field of a decision form, checked like the API checks it. */
export function readReason(formData: FormData, required: boolean) {
  const reason = formText(formData, 'reason');
  if (!reason && !required) return { reason, error: null };
  return moderationReasonSchema.safeParse(reason).success
    ? { reason, error: null }
    : { reason, error: REASON_HINT };
}

/** Reads the form of an admin action after its CSRF check. */
export async function adminForm(request: Request) {
  const context = await adminContext(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  return { context, formData };
}

/**
 * Turns a refused decision into the answer its form shows: sign in again, 403, 503 with
 * a retry message, or the API's own words (409: decided already, 404, 400 on the reason).
 */
export async function decisionFailure(
  error: unknown,
  request: Request,
  context: AdminContext,
  result: Omit<DecisionResult, 'formError' | 'reasonError'>,
) {
  const refused = (status: number, answer: Partial<DecisionResult>) =>
    data<DecisionResult>(
      { ...result, formError: null, reasonError: null, ...answer },
      { status, headers: context.headers },
    );
  if (error instanceof ApiError) {
    if (error.status === 401) throw await signedOutRedirect(request, context.session);
    if (isNotAdmin(error)) throw await forbidden(context);
    if (error.status === 400) {
      const reason = error.problem.errors?.find((e) => e.field.replace(/^body\./, '') === 'reason');
      if (reason) return refused(400, { reasonError: REASON_HINT });
    }
  }
  if (isApiOutage(error)) {
    console.warn(`[web] admin decision: ${(error as Error).message}`);
    return refused(503, { formError: 'That did not work. Please try again in a moment.' });
  }
  if (error instanceof ApiError) return refused(error.status, { formError: problemMessage(error) });
  throw error;
}

/** After a decision: back to the page it was made on (303), with what happened. */
export function decided(path: string, notice: string, headers: Headers) {
  const url = new URL(path, 'http://x');
  url.searchParams.set('notice', notice);
  return redirect(`${url.pathname}${url.search}`, { status: 303, headers });
}

/** Plain words for a decision that was made, by its notice key. */
export const DECISION_NOTICES: Record<string, string> = {
  approve: 'Approved: it is published, and its author is told.',
  reject: 'Rejected: its author is told why.',
  hide: 'Hidden: it left the site at once, and its author is told why.',
  restore: 'Restored: it is back on the site.',
  'dismiss-reports': 'The reports are dismissed; it stays up.',
  'report-resolve': 'The report is resolved.',
  'report-dismiss': 'The report is dismissed.',
  suspend: 'The account is suspended; its prompts left the catalog and search.',
  reinstate: 'The account is reinstated; its prompts are back.',
};

/** A page of one of the console's queues (prompts, reviews), as the API answers it. */
interface QueuePage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * The loader of a queue page (/admin/prompts, /admin/reviews): the queue and filters of
 * the URL, one page from the API (filters it refuses are shown, not thrown), and the
 * notice a decision left in the URL.
 */
export async function queuePage<F extends string, Q extends string, T>(
  request: Request,
  options: {
    filters: readonly F[];
    queues: readonly Q[];
    /** Where the page is, for the log when the API fails. */
    where: string;
    load: (
      api: PromptnxClient,
      query: Partial<Record<F, string>> & { queue: Q; cursor?: string; limit: number },
    ) => Promise<QueuePage<T>>;
  },
) {
  const context = await adminContext(request);
  withoutEmptyParams(request, context.headers);
  const filters = urlFilters(request, options.filters);
  const asked = (filters as Partial<Record<string, string>>).queue;
  const queue = (options.queues as readonly string[]).includes(asked ?? '')
    ? (asked as Q)
    : ('pending' as Q);
  const params = new URL(request.url).searchParams;
  const cursor = params.get('cursor') ?? undefined;
  const notice = params.get('notice');
  let list: QueuePage<T>;
  let filterError: string | null = null;
  try {
    list = await options.load(context.api, { ...filters, queue, cursor, limit: 25 });
  } catch (error) {
    filterError = filterProblem(error);
    if (!filterError) return adminPageFailure(error, request, context, options.where);
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

/**
 * The action of a queue page: one decision (hide and reject need a reason) for the items
 * ticked in the list, sent to the API as one bulk request.
 */
export async function bulkDecision<A extends string>(
  request: Request,
  options: {
    actions: readonly [A, ...A[]];
    /** What the list holds, for "Tick at least one … first". */
    noun: string;
    send: (
      api: PromptnxClient,
      input: { action: A; ids: string[]; reason?: string },
    ) => Promise<BulkResult>;
  },
) {
  const { context, formData } = await adminForm(request);
  const parsed = z
    .object({ intent: z.enum(options.actions), ids: z.array(z.uuid()).max(100) })
    .safeParse({
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
    return answer(400, { formError: `Tick at least one ${options.noun} first.` });
  }
  if (reasonError) return answer(400, { reasonError });
  try {
    const bulk = await options.send(context.api, {
      action: parsed.data.intent as A,
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

/** What an item page's forms may decide: the item itself, or one of its reports. */
export const ITEM_INTENTS = [
  'approve',
  'reject',
  'hide',
  'restore',
  'dismiss-reports',
  'report-resolve',
  'report-dismiss',
] as const;
export type ItemDecision = Exclude<
  (typeof ITEM_INTENTS)[number],
  'report-resolve' | 'report-dismiss'
>;

const itemDecisionForm = z.object({
  intent: z.enum(ITEM_INTENTS),
  reportId: z.uuid().optional(),
});

/**
 * The action of an item page (/admin/prompts/:id, /admin/reviews/:id): one decision about
 * the item (hide and reject need a reason), or about one of its reports; back to the
 * page with a notice, or the form with what was refused.
 */
export async function itemDecision(
  request: Request,
  options: {
    kind: 'prompt' | 'review';
    id: string;
    /** The item's page, where a decision leads back to. */
    path: string;
    decide: (
      api: PromptnxClient,
      intent: ItemDecision,
      reason: string | undefined,
    ) => Promise<unknown>;
  },
) {
  const { context, formData } = await adminForm(request);
  const parsed = itemDecisionForm.safeParse({
    intent: formText(formData, 'intent'),
    reportId: formText(formData, 'reportId') || undefined,
  });
  const intent = parsed.success ? parsed.data.intent : null;
  const { reason, error: reasonError } = readReason(
    formData,
    intent === 'reject' || intent === 'hide',
  );
  const result = { intent, targetId: options.id, reason };
  const refused = (status: number, answer: Partial<DecisionResult>) =>
    data<DecisionResult>(
      { ...result, formError: null, reasonError: null, ...answer },
      { status, headers: context.headers },
    );
  if (!parsed.success || (intent?.startsWith('report-') && !parsed.data.reportId)) {
    return refused(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  if (reasonError) return refused(400, { reasonError });
  const chosen = parsed.data.intent;
  try {
    if (chosen === 'report-resolve' || chosen === 'report-dismiss') {
      await context.api.admin.decideReport(
        options.kind,
        parsed.data.reportId!,
        chosen === 'report-resolve' ? 'resolve' : 'dismiss',
        reason || undefined,
      );
    } else {
      await options.decide(context.api, chosen, reason || undefined);
    }
  } catch (error) {
    return decisionFailure(error, request, context, result);
  }
  throw decided(options.path, chosen, context.headers);
}
