import type { PromptDetail } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, replace } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage } from '../lib/api.server';
import { promptPath } from '../lib/catalog';
import { catalogData, catalogFailure, getViewer, presentCard } from '../lib/catalog.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { browserUrl } from '../lib/me.server';
import { requireUser, signedOutRedirect } from '../lib/session.server';

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
  return catalogData({ prompt: presentDetail(prompt), signedIn: viewer.user !== null }, viewer);
}

export interface FavoriteActionData {
  formError?: string;
}

const favoriteForm = z.object({
  intent: z.enum(['favorite', 'unfavorite']),
  promptId: z.uuid(),
});

/** Adds the prompt to the visitor's favorites, or takes it out. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = favoriteForm.safeParse({
    intent: formText(formData, 'intent'),
    promptId: formText(formData, 'promptId'),
  });
  if (!parsed.success) {
    return data<FavoriteActionData>(
      { formError: 'That did not work. Reload the page and try again.' },
      { status: 400, headers },
    );
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
