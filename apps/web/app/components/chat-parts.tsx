import type { Order } from '@promptnx/schema';
import type { RealtimeStatus } from '@promptnx/sdk';
import { Link } from '@remix-run/react';
import { composePath } from '../lib/chat';

const STATUS_LABELS: Record<RealtimeStatus, string> = {
  idle: 'Reload to see new messages',
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Reload to see new messages',
};

/** Whether new messages appear by themselves; without JavaScript the page says to reload. */
export function RealtimeStatusNote({ status }: { status: RealtimeStatus }) {
  return (
    <p className="realtime-status muted" data-testid="realtime-status" data-status={status}>
      {STATUS_LABELS[status]}
    </p>
  );
}

/** "Message the seller": the compose page, about a prompt (anyone signs in on the way). */
export function MessageSellerLink({
  promptId,
  sellerName,
}: {
  promptId: string;
  sellerName: string;
}) {
  return (
    <p className="message-seller">
      <Link
        to={composePath({ promptId })}
        title={`Write to ${sellerName}`}
        className="button button-secondary"
        data-testid="message-seller"
      >
        Message the seller
      </Link>
    </p>
  );
}

/** Questions about an order: one link per seller of its prompts. */
export function OrderSellersContact({ order }: { order: Order }) {
  const sellers = new Map(order.items.map((item) => [item.seller.id, item.seller.displayName]));
  if (sellers.size === 0) return null;
  return (
    <section className="panel no-print" aria-labelledby="order-questions-title">
      <h2 id="order-questions-title">Questions about this order?</h2>
      <ul className="compose-sellers">
        {[...sellers].map(([sellerId, name]) => (
          <li key={sellerId}>
            <Link
              to={composePath({ orderId: order.id, sellerId })}
              data-testid="message-order-seller"
            >
              Message {name}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
