import type { SellerPromptSummary } from '@promptnx/schema';
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { createApiClient } from '../lib/api.server';
import { editorFailure } from '../lib/editor.server';
import { browserUrl } from '../lib/me.server';
import { requireUser } from '../lib/session.server';

const NOTICES: Record<string, string> = {
  deleted: 'The draft is deleted.',
};

/** GET /sell/prompts: the seller's prompts in every status. The API decides who sells. */
export async function loader({ request }: LoaderFunctionArgs) {
  const context = await requireUser(request);
  let prompts: SellerPromptSummary[];
  try {
    prompts = await createApiClient(request, context.user.accessToken).editor.mine();
  } catch (error) {
    return editorFailure(error, request, context, 'seller prompts');
  }
  const notice = NOTICES[new URL(request.url).searchParams.get('notice') ?? ''] ?? null;
  return data(
    {
      prompts: prompts.map((prompt) => ({ ...prompt, coverUrl: browserUrl(prompt.coverUrl) })),
      notice,
    },
    { headers: context.headers },
  );
}
