import { formatMoney, type Order } from '@promptnx/schema';
import { Link } from '@remix-run/react';
import { priceLabel, promptPath, sellerPath } from '../lib/catalog';
import {
  libraryPath,
  ORDER_STATUS_LABELS,
  type OrderStatus,
  REFUND_STATUS_LABELS,
  type RefundStatus,
} from '../lib/orders';

/** An order's status as a badge with its word (the colour only helps). */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`status-badge order-status-${status}`} data-testid="order-status">
      {ORDER_STATUS_LABELS[status]}
    </span>
  );
}

export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  return (
    <span className={`status-badge refund-status-${status}`} data-testid="refund-status">
      {REFUND_STATUS_LABELS[status]}
    </span>
  );
}

const ITEM_STATUS_LABELS: Record<Order['items'][number]['status'], string> = {
  pending: 'Awaiting payment',
  paid: 'Paid',
  refunded: 'Refunded',
  failed: 'Not paid',
};

/**
 * The prompts of an order with their prices. Paid items link into the library (`library`),
 * the others to the prompt's page.
 */
export function OrderItems({ order, library = true }: { order: Order; library?: boolean }) {
  return (
    <table className="order-items" data-testid="order-items">
      <thead>
        <tr>
          <th scope="col">Prompt</th>
          <th scope="col">Seller</th>
          <th scope="col" className="numeric">
            Price
          </th>
        </tr>
      </thead>
      <tbody>
        {order.items.map((item) => (
          <tr key={item.id} data-testid="order-item">
            <th scope="row">
              {library && item.status === 'paid' ? (
                <Link to={libraryPath(item.prompt.id)} data-testid="order-item-library-link">
                  {item.prompt.title}
                </Link>
              ) : (
                <Link to={promptPath(item.prompt)}>{item.prompt.title}</Link>
              )}
              <span className="muted order-item-meta">
                {' '}
                · version {item.version}
                {item.status !== 'paid' ? ` · ${ITEM_STATUS_LABELS[item.status]}` : null}
              </span>
            </th>
            <td>
              <Link to={sellerPath(item.seller)}>{item.seller.displayName}</Link>
            </td>
            <td className="numeric">{priceLabel(item.price)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {order.subtotal.amount !== order.total.amount ? (
          <tr>
            <th scope="row" colSpan={2}>
              Subtotal
            </th>
            <td className="numeric">{formatMoney(order.subtotal)}</td>
          </tr>
        ) : null}
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td className="numeric" data-testid="order-total">
            {formatMoney(order.total)}
          </td>
        </tr>
        {order.refunded.amount > 0 ? (
          <tr>
            <th scope="row" colSpan={2}>
              Refunded
            </th>
            <td className="numeric" data-testid="order-refunded">
              −{formatMoney(order.refunded)}
            </td>
          </tr>
        ) : null}
      </tfoot>
    </table>
  );
}
