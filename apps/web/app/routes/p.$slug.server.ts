import { randomUUID } from 'node:crypto';
import { idempotencyKeySchema, type Order, type PromptDetail } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  redirect,
  replace,
} from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { promptPath } from '../lib/catalog';
import { catalogData, catalogFailure, getViewer, presentCard } from '../lib/catalog.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { browserUrl } from '../lib/me.server';
import { httpUrl, libraryPath, successPath } from '../lib/orders';
import { problemMessage } from '../lib/orders.server';
import { countPromptView } from '../lib/prompt-views.server';
import { isReviewIntent, loadReviewSection, reviewAction } from '../lib/reviews.server';
import {
  requireUser,
  type SignedInUser,
  signedOutRedirect,
  type WebSession,
} from '../lib/session.server';

/** The detail with addresses a browser may load; assets without one are left out. */
function presentDetail(prompt: PromptDetail): PromptDetail {
  const card = presentCard(prompt);
  const assets = prompt.assets.flatMap((asset) => {
    const url = browserUrl(asset.url);
    return url ? [{ ...asset, url, thumbnailUrl: browserUrl(asset.thumbnailUrl) }] : [];
  });
  return {
    ...prompt,
    ...card,
    assets,
    versions: [...prompt.versions].sort((a, b) => b.version - a.version),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  // As the viewer: whether they own it, sell it or favorited it is part of the answer.
  const api = createApiClient(request, viewer.user?.accessToken);
  let prompt: PromptDetail;
  try {
    prompt = await api.prompts.get(params.slug ?? '');
  } catch (error) {
    return catalogFailure(error, request, 'prompt page', viewer.session, { lookup: true });
  }
  const signedIn = viewer.user !== null;
  let reviews: Awaited<ReturnType<typeof loadReviewSection>>;
  try {
    reviews = await loadReviewSection(request, api, prompt);
  } catch (error) {
    return catalogFailure(error, request, 'prompt page', viewer.session);
  }
  // Counted on every render our server makes; a cached anonymous page is not (decision 0017).
  await countPromptView(api, prompt.id);
  return catalogData(
    {
      prompt: presentDetail(prompt),
      reviews,
      signedIn,
      // One key per page view, posted back with the Buy form: a double click or a resent
      // form makes one order. Anonymous (shared, cached) pages have no Buy form, so no key.
      buyKey: signedIn ? `buy-${randomUUID()}` : null,
    },
    viewer,
  );
}

export interface FavoriteActionData {
  formError?: string;
}

/** What a refused Buy shows under the button. */
export interface BuyActionData {
  intent: 'buy';
  formError: string;
  /** The buyer already owns it: the page links to their library instead. */
  owned?: boolean;
}

const favoriteForm = z.object({
  intent: z.enum(['favorite', 'unfavorite']),
  promptId: z.uuid(),
});

const buyForm = z.object({
  promptId: z.uuid(),
  idempotencyKey: idempotencyKeySchema,
});

const STALE_FORM = 'That did not work. Reload the page and try again.';

/**
 * Buys the prompt (intent=buy), adds it to the visitor's favorites or takes it out, or
 * sends one of the review forms (lib/reviews.server.ts).
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const intent = formText(formData, 'intent');
  if (intent === 'buy') {
    return buy(request, { user, session, headers }, formData);
  }
  if (isReviewIntent(intent)) {
    return reviewAction(request, params.slug ?? '', { user, session, headers }, formData, intent);
  }
  const parsed = favoriteForm.safeParse({
    intent: formText(formData, 'intent'),
    promptId: formText(formData, 'promptId'),
  });
  if (!parsed.success) {
    return data<FavoriteActionData>({ formError: STALE_FORM }, { status: 400, headers });
  }
  const api = createApiClient(request, user.accessToken);
  try {
    if (parsed.data.intent === 'favorite') await api.favorites.add(parsed.data.promptId);
    else await api.favorites.remove(parsed.data.promptId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    if (error instanceof ApiError && error.status === 404) {
      throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
    }
    if (isApiOutage(error)) {
      console.warn(`[web] favorite: ${(error as Error).message}`);
      return data<FavoriteActionData>(
        { formError: 'We could not save your favorite. Please try again in a moment.' },
        { status: 503, headers },
      );
    }
    if (error instanceof ApiError) {
      return data<FavoriteActionData>(
        { formError: error.message },
        { status: error.status, headers },
      );
    }
    throw error;
  }
  // Back to the page, replacing the post in the history (with or without JavaScript).
  throw replace(promptPath({ slug: params.slug ?? '' }), { headers });
}

interface BuyerContext {
  user: SignedInUser;
  session: WebSession;
  /** Set-Cookie of a refreshed session, or empty. */
  headers: Headers;
}

/**
 * Starts a checkout with the page view's idempotency key and sends the browser to it (303),
 * or straight to the library when the order came back paid (a free prompt).
 */
async function buy(request: Request, context: BuyerContext, formData: FormData) {
  const { headers } = context;
  const parsed = buyForm.safeParse({
    promptId: formText(formData, 'promptId'),
    idempotencyKey: formText(formData, 'idempotencyKey'),
  });
  if (!parsed.success) {
    return data<BuyActionData>({ intent: 'buy', formError: STALE_FORM }, { status: 400, headers });
  }
  const { promptId, idempotencyKey } = parsed.data;
  const api = createApiClient(request, context.user.accessToken);
  let order: Order;
  try {
    order = await api.orders.create({ promptIds: [promptId] }, idempotencyKey);
  } catch (error) {
    return buyRefused(error, request, context);
  }
  if (order.status === 'paid') throw redirect(libraryPath(promptId), { status: 303, headers });
  const checkoutUrl = httpUrl(order.checkoutUrl);
  if (order.checkoutUrl && !checkoutUrl) {
    console.warn('[web] buy: ignored a checkout URL that is not http(s)');
  }
  // A pending order without a usable checkout address: the result page explains and checks.
  throw redirect(checkoutUrl ?? successPath(order.id), { status: 303, headers });
}

async function buyRefused(error: unknown, request: Request, context: BuyerContext) {
  const { headers } = context;
  const refused = (formError: string, status: number, owned = false) =>
    data<BuyActionData>(
      { intent: 'buy', formError, ...(owned ? { owned } : {}) },
      { status, headers },
    );
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'UNAUTHENTICATED':
        throw await signedOutRedirect(request, context.session);
      case 'ALREADY_OWNED':
        return refused('You own this prompt already.', 409, true);
      case 'ACCOUNT_SUSPENDED':
        return refused('Your account is suspended, so you cannot buy prompts.', 403);
      // The prompt is gone (the API names it in the body), or the page is very old.
      case 'NOT_FOUND':
      case 'VALIDATION_FAILED':
        return refused('This prompt is no longer for sale.', 404);
      // The same key for another cart: only a stale or tampered form does that.
      case 'IDEMPOTENCY_KEY_REUSED':
        return refused(STALE_FORM, 422);
      case 'PAYMENTS_UNAVAILABLE':
        console.warn(`[web] buy: ${error.message}`);
        return refused(
          'Checkout is unavailable right now. Please try again in a few minutes.',
          503,
        );
    }
    if (isApiOutage(error)) {
      console.warn(`[web] buy: ${error.message}`);
      return refused('Checkout is unavailable right now. Please try again in a few minutes.', 503);
    }
    // Its own prompt, no longer on sale, a seller who cannot be paid: the API says which.
    return refused(problemMessage(error), error.status);
  }
  if (isApiOutage(error)) {
    console.warn(`[web] buy: ${(error as Error).message}`);
    return refused('We could not reach PromptNX. Please try again in a moment.', 503);
  }
  throw error;
}
