import type { NotificationType } from '@promptnx/schema';
import { safeRedirect } from './safe-redirect';

/** How each kind of notification is called on the settings page and in the list. */
export const NOTIFICATION_TYPE_LABELS: Record<
  NotificationType,
  { label: string; description: string }
> = {
  message: {
    label: 'Messages',
    description:
      'New messages from buyers and sellers. By e-mail: one per conversation after ten minutes unread.',
  },
  sale: { label: 'Sales', description: 'A prompt of yours sold, or a sale was refunded.' },
  purchase: {
    label: 'Purchases',
    description: 'Prompts you bought. The receipt is always e-mailed.',
  },
  review: { label: 'Reviews', description: 'A buyer reviewed one of your prompts.' },
  review_reply: { label: 'Review replies', description: 'A seller replied to your review.' },
  payout: { label: 'Payouts', description: 'Money sent to you, or a payout that failed.' },
  moderation: {
    label: 'Moderation',
    description: 'Decisions about your prompts and reviews, with the reason.',
  },
  system: { label: 'Account', description: 'Important changes to your account.' },
};

export function notificationTypeLabel(type: string): string {
  return NOTIFICATION_TYPE_LABELS[type as NotificationType]?.label ?? 'Notification';
}

/** "3 unread" for the bell's label; the badge caps at 99+. */
export function unreadBadge(count: number): string {
  return count > 99 ? '99+' : String(count);
}

export function bellLabel(count: number | null): string {
  if (!count) return 'Notifications';
  return `Notifications, ${count} unread`;
}

/** A same-site path a notification may lead to, or null (never another site). */
export function notificationHref(path: string | null): string | null {
  return path ? safeRedirect(path, '') || null : null;
}
