import type { PromptList } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, replace } from '@remix-run/node';
import { z } from 'zod';
import { createApiClient, isApiOutage, outageResponse } from '../lib/api.server';
import { presentList } from '../lib/catalog.server';
import { assertCsrf } from '../lib/csrf.server';
import { formText } from '../lib/form-errors';
import { requireUser, signedOutRedirect } from '../lib/session.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const url = new URL(request.url);
  const cursor = url.searchParams.get('cursor') || undefined;
  let favorites: PromptList;
  try {
    favorites = await createApiClient(request, user.accessToken).favorites.list(cursor);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    if (isApiOutage(error)) {
      throw outageResponse(error, 'favorites', 'Your favorites are unavailable right now');
    }
    throw error;
  }
  return data(
    {
      favorites: presentList(favorites),
      cursor: cursor ?? null,
      removed: url.searchParams.get('removed') === '1',
    },
    { headers },
  );
}

export interface RemoveFavoriteData {
  formError?: string;
}

const removeForm = z.object({ promptId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const formData = await request.formData();
  await assertCsrf(request, formData);
  const parsed = removeForm.safeParse({ promptId: formText(formData, 'promptId') });
  if (!parsed.success) {
    return data<RemoveFavoriteData>(
      { formError: 'That did not work. Reload the page and try again.' },
      { status: 400, headers },
    );
  }
  try {
    await createApiClient(request, user.accessToken).favorites.remove(parsed.data.promptId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      throw await signedOutRedirect(request, session);
    }
    // Already gone (removed in another tab): the list is as the visitor wanted it.
    if (!(error instanceof ApiError && error.status === 404)) {
      if (isApiOutage(error)) {
        console.warn(`[web] remove favorite: ${(error as Error).message}`);
        return data<RemoveFavoriteData>(
          { formError: 'We could not remove it. Please try again in a moment.' },
          { status: 503, headers },
        );
      }
      if (error instanceof ApiError) {
        return data<RemoveFavoriteData>(
          { formError: error.message },
          { status: error.status, headers },
        );
      }
      throw error;
    }
  }
  const cursor = formText(formData, 'cursor');
  const back = cursor
    ? `/account/favorites?cursor=${encodeURIComponent(cursor)}&removed=1`
    : '/account/favorites?removed=1';
  throw replace(back, { headers });
}
