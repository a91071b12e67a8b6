import { randomUUID } from 'node:crypto';
import { PROMPT_ID } from './catalog';

// Review answers as the API sends them (Review, ReviewList, MyReview).

export const REVIEW_ID = '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';

/** Markdown full of XSS payloads, as a buyer might type it. */
export const XSS_BODY =
  '**Careful**\n\n<script>alert("body")</script>\n\n<img src=x onerror=alert(1)>\n\n[click me](javascript:alert(1))\n\n<a href="javascript:alert(2)">raw link</a>\n\n<svg onload=alert(3)>';
/** What the API's renderMarkdown (rehype-sanitize) made of XSS_BODY, verbatim. */
export const XSS_BODY_HTML =
  '<p><strong>Careful</strong></p>\n<p><a rel="nofollow noopener noreferrer ugc">click me</a></p>\n<p>raw link</p>';
export const XSS_REPLY =
  'Sorry to hear that.\n\n<script>alert("reply")</script>\n\n[x](javascript:alert(4)) <img src=x onerror=alert(5)>';
export const XSS_REPLY_HTML =
  '<p>Sorry to hear that.</p>\n<p><a rel="nofollow noopener noreferrer ugc">x</a> </p>';

export function review(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    promptId: PROMPT_ID,
    rating: 5,
    body: 'Caught two bugs in my first diff.',
    bodyHtml: '<p>Caught two bugs in my first diff.</p>',
    author: {
      id: randomUUID(),
      username: 'grace',
      displayName: 'Grace',
      avatarUrl: null,
    },
    version: 2,
    modelUsed: 'claude',
    verifiedPurchase: true,
    status: 'published',
    createdAt: '2025-04-01T10:00:00.000Z',
    editedAt: null,
    reply: null,
    viewer: { isAuthor: false, canReply: false, reported: false },
    ...overrides,
  };
}

export function reviewList(
  items: ReturnType<typeof review>[] = [review()],
  nextCursor: string | null = null,
) {
  const distribution = [0, 0, 0, 0, 0];
  for (const item of items) distribution[item.rating - 1]! += 1;
  const count = items.length;
  const average =
    count > 0 ? Math.round((items.reduce((s, r) => s + r.rating, 0) / count) * 100) / 100 : 0;
  return { items, nextCursor, summary: { average, count, distribution } };
}

export function myReview(overrides: Record<string, unknown> = {}) {
  return { review: null, canReview: true, reason: null, ...overrides };
}

export function ownReview(overrides: Record<string, unknown> = {}) {
  return {
    ...review({
      id: REVIEW_ID,
      status: 'pending',
      viewer: { isAuthor: true, canReply: false, reported: false },
    }),
    moderationReason: null,
    revisions: 0,
    ...overrides,
  };
}

export function report(type: 'review' | 'prompt', id: string) {
  return {
    id: randomUUID(),
    target: { type, id },
    reason: 'spam',
    details: '',
    status: 'open',
    createdAt: '2025-04-02T10:00:00.000Z',
  };
}
