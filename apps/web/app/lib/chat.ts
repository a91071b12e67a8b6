import type { ChatThread } from '@promptnx/schema';

// Chat helpers shared by the server and the browser.

export function threadPath(threadId: string): string {
  return `/inbox/${encodeURIComponent(threadId)}`;
}

/** The compose page for a new conversation (or the one about the same topic). */
export function composePath(topic: { promptId?: string; orderId?: string; sellerId?: string }) {
  const search = new URLSearchParams();
  if (topic.promptId) search.set('promptId', topic.promptId);
  if (topic.orderId) search.set('orderId', topic.orderId);
  if (topic.sellerId) search.set('sellerId', topic.sellerId);
  const text = search.toString();
  return text ? `/messages/new?${text}` : '/messages/new';
}

/** The person on the other side of a thread, as the viewer sees it. */
export function otherParty(thread: Pick<ChatThread, 'role' | 'buyer' | 'seller'>) {
  return thread.role === 'seller' ? thread.buyer : thread.seller;
}

/** The read marker of the other side (for "Seen"). */
export function otherReadAt(thread: Pick<ChatThread, 'role' | 'buyerReadAt' | 'sellerReadAt'>) {
  return thread.role === 'seller' ? thread.buyerReadAt : thread.sellerReadAt;
}

/** "3 unread" for screen readers and badges. */
export function unreadLabel(count: number): string {
  return count === 1 ? '1 unread message' : `${count} unread messages`;
}

/** A message time: the time today, else the date and time (UTC, like the rest of the site). */
export function messageTimeLabel(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const sameDay = at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10);
  const time = at.toLocaleTimeString('en-US', { timeStyle: 'short', timeZone: 'UTC' });
  if (sameDay) return `${time} UTC`;
  const date = at.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
  return `${date}, ${time} UTC`;
}
