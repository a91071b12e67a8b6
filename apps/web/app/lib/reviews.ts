import {
  type PROMPT_REPORT_REASONS,
  type REVIEW_REPORT_REASONS,
  REVIEW_SORTS,
  type Review,
  type ReviewSort,
} from '@promptnx/schema';

// Labels and addresses of the review section of a prompt page (decision 0018),
// shared by its loader, action and components.

export const REVIEW_SORT_LABELS: Record<ReviewSort, string> = {
  newest: 'Newest',
  highest: 'Highest rated',
  lowest: 'Lowest rated',
};

export function isReviewSort(value: string | null): value is ReviewSort {
  return value !== null && (REVIEW_SORTS as readonly string[]).includes(value);
}

export const RATING_LABELS: Record<number, string> = {
  1: 'Poor',
  2: 'Fair',
  3: 'Good',
  4: 'Very good',
  5: 'Excellent',
};

export const REVIEW_REPORT_LABELS: Record<(typeof REVIEW_REPORT_REASONS)[number], string> = {
  spam: 'Spam or advertising',
  offensive: 'Offensive or abusive',
  off_topic: 'Not about this prompt',
  fake: 'Fake or paid review',
  other: 'Something else',
};

export const PROMPT_REPORT_LABELS: Record<(typeof PROMPT_REPORT_REASONS)[number], string> = {
  spam: 'Spam',
  offensive: 'Offensive content',
  misleading: 'Does not do what it says',
  copyright: 'Copied from someone else',
  illegal: 'Illegal or harmful',
  other: 'Something else',
};

export const REVIEW_STATUS_LABELS: Record<Review['status'], string> = {
  pending: 'Waiting for a moderator',
  published: 'Published',
  rejected: 'Not published',
  hidden: 'Hidden by a moderator',
};

/** The review list of a prompt page, sorted and from a cursor; the page's own address keeps them. */
export function reviewsHref(
  path: string,
  { sort, cursor }: { sort: ReviewSort; cursor?: string | null },
): string {
  const search = new URLSearchParams();
  if (sort !== 'newest') search.set('sort', sort);
  if (cursor) search.set('cursor', cursor);
  const query = search.toString();
  return `${path}${query ? `?${query}` : ''}#reviews`;
}

/** What the page says after a review form went through (the `done` query parameter). */
export const REVIEW_NOTICES: Record<string, string> = {
  'review-saved': 'Thanks! Your review waits for a moderator and appears once approved.',
  'review-deleted': 'Your review is deleted.',
  replied: 'Your reply is published under the review.',
  'review-reported': 'Thanks for the report: a moderator will look at the review.',
  'prompt-reported': 'Thanks for the report: a moderator will look at this prompt.',
};

export const reviewAnchor = (reviewId: string) => `review-${reviewId}`;
