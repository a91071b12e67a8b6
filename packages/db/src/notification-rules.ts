import { NOTIFICATION_TYPES, type NotificationType } from './schema/notifications.js';

// What the API, the worker and the e-mails agree on about notifications
// (docs/decisions/0021-notifications.md). Plain data and functions: no database.

/**
 * Whether a type is e-mailed when the user has not chosen. In-app
 * notifications are always on. What needs a reply or concerns money or a
 * decision about the user's work is on; feedback is off.
 */
export const NOTIFICATION_EMAIL_DEFAULTS: Readonly<Record<NotificationType, boolean>> = {
  message: true,
  sale: true,
  purchase: true,
  review: false,
  review_reply: false,
  payout: true,
  moderation: true,
  system: true,
};

/**
 * Types whose e-mail cannot be turned off: a purchase's e-mail is its receipt
 * (order_receipt), which every buyer gets.
 */
export const NOTIFICATION_EMAIL_REQUIRED: readonly NotificationType[] = ['purchase'];

/** The types a user may switch e-mail on or off for. */
export const CONFIGURABLE_NOTIFICATION_TYPES: readonly NotificationType[] =
  NOTIFICATION_TYPES.filter((type) => !NOTIFICATION_EMAIL_REQUIRED.includes(type));

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const slug = /^[a-z0-9][a-z0-9-]{0,199}$/;

function text(data: Record<string, unknown>, key: string, pattern: RegExp): string | null {
  const value = data[key];
  return typeof value === 'string' && pattern.test(value) ? value : null;
}

/**
 * Where on the storefront a notification leads, as a path, or null. A
 * producer may name it (`data.path`, a same-site path); otherwise it follows
 * from the type and the ids in `data`. Only ids and slugs of the expected
 * shape are used, so a notification can never link off the site.
 */
export function notificationPath(
  type: NotificationType,
  data: Record<string, unknown>,
): string | null {
  const path = data.path;
  if (typeof path === 'string' && /^\/(?![/\\])[^\s]*$/.test(path) && path.length <= 500) {
    return path;
  }
  const orderId = text(data, 'orderId', uuid);
  const promptId = text(data, 'promptId', uuid);
  const promptSlug = text(data, 'slug', slug);
  const threadId = text(data, 'threadId', uuid);
  switch (type) {
    case 'message':
      return threadId ? `/inbox/${threadId}` : '/inbox';
    case 'purchase':
      return orderId ? `/account/orders/${orderId}` : '/library';
    case 'sale':
      return '/sell/dashboard';
    case 'payout':
      return '/sell/payouts';
    case 'review':
    case 'review_reply':
      return promptSlug ? `/p/${promptSlug}#reviews` : null;
    case 'moderation':
      // A decision about the seller's prompt leads to its editor.
      if (promptId && !data.reviewId) return `/sell/prompts/${promptId}`;
      return promptSlug ? `/p/${promptSlug}` : null;
    case 'system':
      return null;
  }
}

/**
 * The dedupe key of the dedicated e-mail that already tells the user about
 * this notification, or null when the notification's own e-mail should go.
 * A producer that queues its own e-mail says so with `data.emailDedupeKey`;
 * the producers written before that flag are mapped here: a purchase's
 * e-mail is the receipt, a sale's is `sale_made` (a refunded sale has none).
 * Chat messages are e-mailed as per-thread digests, never one per notification.
 */
export function dedicatedEmailOf(
  type: NotificationType,
  data: Record<string, unknown>,
): string | null {
  if (typeof data.emailDedupeKey === 'string' && data.emailDedupeKey) return data.emailDedupeKey;
  if (type === 'message') return 'chat digest';
  if (type === 'purchase') {
    return typeof data.orderId === 'string' ? `order_receipt:${data.orderId}` : 'order_receipt';
  }
  if (type === 'sale' && typeof data.orderItemId === 'string' && data.refundId === undefined) {
    return `sale_made:${data.orderItemId}`;
  }
  return null;
}
