import type { PromptnxClient } from '@promptnx/sdk';
import { ApiError } from '@promptnx/sdk';

/**
 * Counts one view of a prompt page for its seller's dashboard (decision 0017): called by
 * the page loader on every render our server makes, as the viewer, so the API leaves out
 * the prompt's own seller and admins. A view that cannot be counted never costs the page.
 */
export async function countPromptView(api: PromptnxClient, promptId: string): Promise<boolean> {
  try {
    return (await api.prompts.recordView(promptId)).counted;
  } catch (error) {
    // Unpublished since the read, or an old API: nothing to count, nothing to report.
    if (!(error instanceof ApiError && (error.status === 404 || error.status === 400))) {
      console.warn(`[web] prompt view not counted: ${(error as Error).message}`);
    }
    return false;
  }
}
