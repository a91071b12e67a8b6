import type { Order, Refund } from '@promptnx/schema';

// Labels and addresses of orders, the library and refunds, shared by loaders and pages.

export type OrderStatus = Order['status'];
export type RefundStatus = Refund['status'];

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  failed: 'Payment failed',
  expired: 'Checkout expired',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
};

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  requested: 'Waiting for a decision',
  denied: 'Denied',
  processing: 'Being refunded',
  succeeded: 'Refunded',
  failed: 'Refund failed',
};

/** Orders whose items the buyer holds (some may be refunded since). */
export function isPaidOrder(order: Pick<Order, 'status'>): boolean {
  return order.status === 'paid' || order.status === 'partially_refunded';
}

/** How many times the checkout result checks a pending payment again, at most. */
export const MAX_CHECKS = 15;
/** Seconds between two checks. */
export const CHECK_EVERY_SECONDS = 2;

export function libraryPath(promptId: string): string {
  return `/library/${encodeURIComponent(promptId)}`;
}

export function orderPath(orderId: string): string {
  return `/account/orders/${encodeURIComponent(orderId)}`;
}

export function successPath(orderId: string): string {
  return `/checkout/success?order=${encodeURIComponent(orderId)}`;
}

/**
 * The receipt number of an order the API sent without one (a refund carries only its order
 * id): the API's rule, `PNX-` and the id's first block in upper case.
 */
export function receiptNumberOf(orderId: string): string {
  return `PNX-${orderId.slice(0, 8).toUpperCase()}`;
}

/** A date and time as people read it, the same on the server and in the browser (UTC). */
export function dateTimeLabel(iso: string | null): string {
  if (!iso) return '';
  // dateStyle cannot be combined with timeZoneName: the zone is written out.
  const label = new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${label} UTC`;
}

/** An address a link may send the browser to (http or https), or null. */
export function httpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
