import type { EditorPrompt } from '@promptnx/schema';

// Words and addresses of the seller's own prompts, shared by the list and the editor.

export type PromptStatus = EditorPrompt['status'];
export type VersionStatus = EditorPrompt['versions'][number]['status'];

export const PROMPT_STATUS_LABELS: Record<PromptStatus, string> = {
  draft: 'Draft',
  pending_review: 'In review',
  published: 'Published',
  rejected: 'Rejected',
  archived: 'Archived',
  hidden: 'Hidden',
};

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  draft: 'Draft',
  pending_review: 'In review',
  published: 'Published',
};

/** Where the editor of a prompt lives. */
export function editorPath(promptId: string): string {
  return `/sell/prompts/${encodeURIComponent(promptId)}`;
}

/** Where its example outputs are uploaded to. */
export function assetsPath(promptId: string): string {
  return `${editorPath(promptId)}/assets`;
}
