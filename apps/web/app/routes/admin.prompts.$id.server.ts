import type { AdminPromptDetail } from '@promptnx/schema';
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { adminPromptPath } from '../lib/admin';
import {
  adminContext,
  adminForm,
  adminPageFailure,
  DECISION_NOTICES,
  type DecisionResult,
  decided,
  decisionFailure,
  readReason,
  rememberAdmin,
} from '../lib/admin.server';
import { formText } from '../lib/form-errors';

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

const PROMPT_INTENTS = [
  'approve',
  'reject',
  'hide',
  'restore',
  'dismiss-reports',
  'report-resolve',
  'report-dismiss',
] as const;
const decisionForm = z.object({
  intent: z.enum(PROMPT_INTENTS),
  reportId: z.uuid().optional(),
});

/** POST /admin/prompts/:id: approve or reject what waits, hide, restore, or decide a report. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { context, formData } = await adminForm(request);
  const promptId = params.id ?? '';
  const parsed = decisionForm.safeParse({
    intent: formText(formData, 'intent'),
    reportId: formText(formData, 'reportId') || undefined,
  });
  const intent = parsed.success ? parsed.data.intent : null;
  const { reason, error: reasonError } = readReason(
    formData,
    intent === 'reject' || intent === 'hide',
  );
  const result = { intent, targetId: promptId, reason };
  const refused = (status: number, answer: Partial<DecisionResult>) =>
    data<DecisionResult>(
      { ...result, formError: null, reasonError: null, ...answer },
      { status, headers: context.headers },
    );
  if (!parsed.success || (intent?.startsWith('report-') && !parsed.data.reportId)) {
    return refused(400, { formError: 'That did not work. Reload the page and try again.' });
  }
  if (reasonError) return refused(400, { reasonError });
  const { api } = context;
  const optional = reason || undefined;
  try {
    switch (parsed.data.intent) {
      case 'approve':
        await api.admin.approvePrompt(promptId);
        break;
      case 'reject':
        await api.admin.rejectPrompt(promptId, reason);
        break;
      case 'report-resolve':
      case 'report-dismiss':
        await api.admin.decideReport(
          'prompt',
          parsed.data.reportId!,
          parsed.data.intent === 'report-resolve' ? 'resolve' : 'dismiss',
          optional,
        );
        break;
      default:
        await api.admin.decidePrompt(promptId, parsed.data.intent, optional);
    }
  } catch (error) {
    return decisionFailure(error, request, context, result);
  }
  throw decided(adminPromptPath(promptId), parsed.data.intent, context.headers);
}
