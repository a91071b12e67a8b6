import {
  PROMPT_STATUS_LABELS,
  type PromptStatus,
  VERSION_STATUS_LABELS,
  type VersionStatus,
} from '../lib/seller-prompts';

/** A prompt's status as a coloured badge with its word (colour never carries it alone). */
export function PromptStatusBadge({ status }: { status: PromptStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-testid="prompt-status">
      {PROMPT_STATUS_LABELS[status]}
    </span>
  );
}

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return (
    <span className={`status-badge status-${status}`} data-testid="version-status">
      {VERSION_STATUS_LABELS[status]}
    </span>
  );
}
