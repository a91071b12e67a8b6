import type { PromptContent } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { buyerPageFailure } from '../lib/orders.server';
import { fillTemplate, valuesFromSearch } from '../lib/prompt-fill';
import { requireUser } from '../lib/session.server';

export const NOT_ENTITLED = 'You do not own this prompt.';
const UNAVAILABLE = 'Your library is unavailable right now';

/**
 * GET /library/:promptId: the product itself (template, instructions, variables) of one
 * version, newest unless `?version=` picks another the buyer may use, filled with the
 * values in the query (`var.<name>`): the variable form is a GET form, so it fills the
 * prompt without JavaScript too. Template text: private, never stored (headers()).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, session, headers } = await requireUser(request);
  const promptId = params.promptId ?? '';
  let content: PromptContent;
  try {
    content = await createApiClient(request, user.accessToken).library.content(promptId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && error.code !== 'ACCOUNT_SUSPENDED') {
      throw new Response(NOT_ENTITLED, { status: 403, statusText: 'Forbidden', headers });
    }
    return buyerPageFailure(error, request, session, 'library item', UNAVAILABLE);
  }
  const versions = [...content.versions].sort((a, b) => b.version - a.version);
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get('version'));
  const selected = versions.find((v) => v.version === asked) ?? versions[0] ?? null;
  const values = selected
    ? valuesFromSearch(
        url.searchParams,
        selected.variables.map((v) => v.name),
      )
    : {};
  return data(
    {
      prompt: { id: content.promptId, title: content.title, access: content.access },
      // Every version the user may use, without their text: only the chosen one is sent.
      versions: versions.map(({ id, version, changelog, publishedAt }) => ({
        id,
        version,
        changelog,
        publishedAt,
      })),
      version: selected,
      values,
      filled: selected ? fillTemplate(selected.template, values) : '',
    },
    { headers },
  );
}
