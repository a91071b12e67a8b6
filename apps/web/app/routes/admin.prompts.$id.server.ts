import type { AdminPromptDetail } from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { adminPromptPath } from '../lib/admin';
import {
  adminContext,
  adminPageFailure,
  DECISION_NOTICES,
  itemDecision,
  rememberAdmin,
} from '../lib/admin.server';

/**
 * GET /admin/prompts/:id: every version with its template (admins are entitled), the
 * near-duplicate flags with the other prompt's template, the reports and the seller.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await adminContext(request);
  let detail: AdminPromptDetail;
  try {
    detail = await context.api.admin.prompt(params.id ?? '');
  } catch (error) {
    return adminPageFailure(error, request, context, 'admin prompt');
  }
  const notice = new URL(request.url).searchParams.get('notice');
  return data(
    { detail, notice: notice ? (DECISION_NOTICES[notice] ?? null) : null },
    { headers: await rememberAdmin(context) },
  );
}

/** POST /admin/prompts/:id: approve or reject what waits, hide, restore, or decide a report. */
export function action({ request, params }: ActionFunctionArgs) {
  const promptId = params.id ?? '';
  return itemDecision(request, {
    kind: 'prompt',
    id: promptId,
    path: adminPromptPath(promptId),
    decide: (api, intent, reason) => {
      if (intent === 'approve') return api.admin.approvePrompt(promptId);
      if (intent === 'reject') return api.admin.rejectPrompt(promptId, reason ?? '');
      return api.admin.decidePrompt(promptId, intent, reason);
    },
  });
}
