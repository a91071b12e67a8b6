import type { AuditEntry } from '@promptnx/schema';

// Labels, addresses and the before/after diff of the admin console, shared by its
// loaders and pages.

export const REVIEW_QUEUE_LABELS = {
  pending: 'Waiting',
  reported: 'Reported',
  all: 'All reviews',
} as const;

export const PROMPT_QUEUE_LABELS = {
  pending: 'Waiting for review',
  reported: 'Reported',
  hidden: 'Hidden',
  all: 'All prompts',
} as const;

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  pending: 'Waiting',
  published: 'Published',
  rejected: 'Rejected',
  hidden: 'Hidden',
};

export const REVIEW_REPORT_REASONS = ['spam', 'offensive', 'off_topic', 'fake', 'other'] as const;
export const PROMPT_REPORT_REASONS = [
  'spam',
  'offensive',
  'misleading',
  'copyright',
  'illegal',
  'other',
] as const;

export const REPORT_REASON_LABELS: Record<string, string> = {
  spam: 'Spam',
  offensive: 'Offensive',
  off_topic: 'Off topic',
  fake: 'Fake',
  misleading: 'Misleading',
  copyright: 'Copyright',
  illegal: 'Illegal',
  other: 'Other',
};

export const reasonLabel = (reason: string) => REPORT_REASON_LABELS[reason] ?? reason;

export const HIDDEN_CAUSE_LABELS: Record<string, string> = {
  moderation: 'Hidden by a moderator',
  seller_suspended: 'Hidden while the seller is suspended',
};

export const adminReviewPath = (id: string) => `/admin/reviews/${encodeURIComponent(id)}`;
export const adminPromptPath = (id: string) => `/admin/prompts/${encodeURIComponent(id)}`;
export const adminUserPath = (id: string) => `/admin/users/${encodeURIComponent(id)}`;

/** Where the console shows the thing an audit row is about, when it has a page for it. */
export function auditEntityPath(entry: Pick<AuditEntry, 'entityType' | 'entityId' | 'after'>) {
  switch (entry.entityType) {
    case 'review':
      return adminReviewPath(entry.entityId);
    case 'prompt':
      return adminPromptPath(entry.entityId);
    case 'user':
      return adminUserPath(entry.entityId);
    case 'order':
      return '/admin/refunds';
    default:
      return null;
  }
}

/** A URL of a list page with these filters (empty ones left out). */
export function listUrl(path: string, filters: Record<string, string | undefined | null>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** A value of an audit row, as text for people. */
export function auditValue(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length ? value.map(auditValue).join(', ') : 'none';
  return JSON.stringify(value);
}

export interface AuditChange {
  key: string;
  before: string;
  after: string;
  changed: boolean;
}

/** Each key of before and after, in first-seen order, with whether it changed. */
export function auditDiff(entry: Pick<AuditEntry, 'before' | 'after'>): AuditChange[] {
  const keys = [
    ...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]),
  ];
  return keys.map((key) => {
    const before = entry.before && key in entry.before ? entry.before[key] : undefined;
    const after = entry.after && key in entry.after ? entry.after[key] : undefined;
    return {
      key,
      before: auditValue(before),
      after: auditValue(after),
      changed: JSON.stringify(before) !== JSON.stringify(after),
    };
  });
}

/** "3 days", "1 day", "today": an account's age. */
export function ageLabel(days: number): string {
  if (days <= 0) return 'today';
  if (days < 60) return `${days} day${days === 1 ? '' : 's'}`;
  const months = Math.floor(days / 30);
  if (months < 24) return `${months} months`;
  return `${Math.floor(days / 365)} years`;
}

/** A short piece of a text for a table cell. */
export function excerpt(text: string, length = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
