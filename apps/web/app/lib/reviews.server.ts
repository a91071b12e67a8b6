import {
  createPromptReportSchema,
  createReviewReportSchema,
  type MyReview,
  type PromptDetail,
  type ReviewList,
  type ReviewSort,
  replySchema,
  saveReviewSchema,
} from '@promptnx/schema';
import { ApiError, type PromptnxClient } from '@promptnx/sdk';
import { data, redirect } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from './api.server';
import { promptPath } from './catalog';
import { type FieldErrors, fieldErrorsFromApi, formText } from './form-errors';
import { problemMessage } from './orders.server';
import { isReviewSort, REVIEW_NOTICES, reviewAnchor } from './reviews';
import { type SignedInUser, signedOutRedirect, type WebSession } from './session.server';

// The review section of the prompt page: its data (loader) and its forms (action).

export interface ReviewSection {
  /** One page of published reviews and the summary; null when they could not be loaded. */
  list: ReviewList | null;
  sort: ReviewSort;
  /** The cursor of the page shown (null on the first page). */
  cursor: string | null;
  /** The viewer's own review and whether they may write one (owners only). */
  mine: MyReview | null;
  /** What the last review form did, from the `done` query parameter. */
  notice: string | null;
}

/**
 * The reviews of a prompt for its page: sort and page from the address, the viewer's own
 * review when they own the prompt. A failure here does not take the page down: the
 * section says reviews are unavailable.
 */
export async function loadReviewSection(
  request: Request,
  api: PromptnxClient,
  prompt: PromptDetail,
): Promise<ReviewSection> {
  const url = new URL(request.url);
  const asked = url.searchParams.get('sort');
  const sort: ReviewSort = isReviewSort(asked) ? asked : 'newest';
  const cursor = url.searchParams.get('cursor')?.slice(0, 500) || null;
  const owner = prompt.viewer.owns && !prompt.viewer.isSeller;
  const [list, mine] = await Promise.all([
    loadList(api, prompt.id, sort, cursor),
    owner ? loadMine(api, prompt.id) : Promise.resolve(null),
  ]);
  return {
    list: list?.list ?? null,
    sort,
    cursor: list?.usedCursor ?? null,
    mine,
    notice: REVIEW_NOTICES[url.searchParams.get('done') ?? ''] ?? null,
  };
}

async function loadList(
  api: PromptnxClient,
  promptId: string,
  sort: ReviewSort,
  cursor: string | null,
): Promise<{ list: ReviewList; usedCursor: string | null } | null> {
  try {
    return {
      list: await api.reviews.list(promptId, { sort, cursor: cursor ?? undefined }),
      usedCursor: cursor,
    };
  } catch (error) {
    // An old or edited address with a cursor the API refuses: the first page instead.
    if (cursor && error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
      return loadList(api, promptId, sort, null);
    }
    if (error instanceof ApiError && error.status === 401) throw error;
    console.warn(`[web] reviews of ${promptId}: ${(error as Error).message}`);
    return null;
  }
}

async function loadMine(api: PromptnxClient, promptId: string): Promise<MyReview | null> {
  try {
    return await api.reviews.mine(promptId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error;
    console.warn(`[web] own review of ${promptId}: ${(error as Error).message}`);
    return null;
  }
}

export const REVIEW_INTENTS = [
  'review',
  'delete-review',
  'reply',
  'report-review',
  'report-prompt',
] as const;
export type ReviewIntent = (typeof REVIEW_INTENTS)[number];

export function isReviewIntent(value: string): value is ReviewIntent {
  return (REVIEW_INTENTS as readonly string[]).includes(value);
}

/** What a refused review form shows, beside the form it came from. */
export interface ReviewActionData {
  intent: ReviewIntent;
  /** The review a reply or report was about. */
  reviewId: string | null;
  formError: string | null;
  fieldErrors: FieldErrors;
  /** What was typed, to put back in the form. */
  values: Record<string, string>;
}

/** Field problems in words for people, whatever zod or the API said. */
const FIELD_MESSAGES: Record<string, string> = {
  rating: 'Choose a rating from 1 to 5 stars.',
  body: 'Write between 10 and 5,000 characters.',
  modelUsed: 'Choose a model from the list.',
  reason: 'Choose a reason.',
  details: 'Keep the details under 2,000 characters.',
};
const REPLY_MESSAGES: Record<string, string> = {
  body: 'Write a reply of 2 to 3,000 characters.',
};

const STALE_FORM = 'That did not work. Reload the page and try again.';

interface Context {
  user: SignedInUser;
  session: WebSession;
  /** Set-Cookie of a refreshed session, or empty. */
  headers: Headers;
}

const uuid = z.uuid();

/**
 * Handles the review forms of a prompt page: write or edit a review, delete it, reply as
 * the seller, report a review or the prompt. Checked here first (the API checks again),
 * then back to the page (303) with a notice, or the form again with what went wrong.
 */
export async function reviewAction(
  request: Request,
  slug: string,
  context: Context,
  formData: FormData,
  intent: ReviewIntent,
) {
  const { headers } = context;
  const reviewId = formText(formData, 'reviewId');
  const promptId = formText(formData, 'promptId');
  const values: Record<string, string> = {};
  for (const name of ['rating', 'body', 'modelUsed', 'reason', 'details']) {
    values[name] = formText(formData, name);
  }
  const refuse = (status: number, answer: Partial<ReviewActionData>) =>
    data<ReviewActionData>(
      {
        intent,
        reviewId: uuid.safeParse(reviewId).success ? reviewId : null,
        formError: null,
        fieldErrors: {},
        values,
        ...answer,
      },
      { status, headers },
    );
  const messages = intent === 'reply' ? REPLY_MESSAGES : FIELD_MESSAGES;
  const invalid = (error: z.ZodError) => {
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? 'form');
      fieldErrors[field] ??= messages[field] ?? STALE_FORM;
    }
    return refuse(400, { fieldErrors });
  };

  const needsReview = intent !== 'review' && intent !== 'report-prompt';
  if (needsReview ? !uuid.safeParse(reviewId).success : !uuid.safeParse(promptId).success) {
    return refuse(400, { formError: STALE_FORM });
  }

  const api = createApiClient(request, context.user.accessToken);
  let done: string;
  let anchor: string;
  try {
    switch (intent) {
      case 'review': {
        const parsed = saveReviewSchema.safeParse({
          rating: values.rating ? Number(values.rating) : undefined,
          body: values.body,
          modelUsed: values.modelUsed || null,
        });
        if (!parsed.success) return invalid(parsed.error);
        await api.reviews.save(promptId, parsed.data);
        [done, anchor] = ['review-saved', 'your-review'];
        break;
      }
      case 'delete-review':
        await api.reviews.remove(reviewId);
        [done, anchor] = ['review-deleted', 'your-review'];
        break;
      case 'reply': {
        const parsed = replySchema.safeParse({ body: values.body });
        if (!parsed.success) return invalid(parsed.error);
        await api.reviews.reply(reviewId, parsed.data.body);
        [done, anchor] = ['replied', reviewAnchor(reviewId)];
        break;
      }
      case 'report-review': {
        const parsed = createReviewReportSchema.safeParse({
          reason: values.reason,
          details: values.details,
        });
        if (!parsed.success) return invalid(parsed.error);
        await api.reviews.report(reviewId, parsed.data);
        [done, anchor] = ['review-reported', reviewAnchor(reviewId)];
        break;
      }
      case 'report-prompt': {
        const parsed = createPromptReportSchema.safeParse({
          reason: values.reason,
          details: values.details,
        });
        if (!parsed.success) return invalid(parsed.error);
        await api.reviews.reportPrompt(promptId, parsed.data);
        [done, anchor] = ['prompt-reported', 'report-prompt'];
        break;
      }
    }
  } catch (error) {
    if (error instanceof ApiError) {
      switch (error.code) {
        case 'UNAUTHENTICATED':
          throw await signedOutRedirect(request, context.session);
        case 'VALIDATION_FAILED': {
          const fieldErrors: FieldErrors = {};
          for (const field of Object.keys(fieldErrorsFromApi(error.problem.errors))) {
            fieldErrors[field] = messages[field] ?? STALE_FORM;
          }
          return refuse(400, { fieldErrors, formError: fieldErrors.form ?? null });
        }
        case 'RATE_LIMITED':
          return refuse(429, {
            formError: 'You have done that many times in the last hour. Please try again later.',
          });
        case 'NOT_ENTITLED':
          return refuse(403, { formError: 'Only buyers who own this prompt can review it.' });
        case 'OWN_PROMPT':
          return refuse(403, {
            formError:
              intent === 'review'
                ? 'You cannot review your own prompt.'
                : 'You cannot report your own prompt.',
          });
        case 'ALREADY_REPLIED':
          return refuse(409, { formError: 'You replied to this review already.' });
        case 'ACCOUNT_SUSPENDED':
          return refuse(403, { formError: 'Your account is suspended.' });
        case 'NOT_FOUND':
          return refuse(404, {
            formError: 'That review or prompt is no longer there. Reload the page.',
          });
      }
    }
    if (isApiOutage(error)) {
      console.warn(`[web] ${intent}: ${(error as Error).message}`);
      return refuse(503, { formError: 'That did not work. Please try again in a moment.' });
    }
    if (error instanceof ApiError)
      return refuse(error.status, { formError: problemMessage(error) });
    throw error;
  }
  throw redirect(`${promptPath({ slug })}?done=${done}#${anchor}`, { status: 303, headers });
}
