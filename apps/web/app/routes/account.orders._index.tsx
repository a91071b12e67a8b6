import { formatMoney } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { OrderStatusBadge } from '../components/order-parts';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { dateLabel } from '../lib/catalog';
import { orderPath } from '../lib/orders';
import type { loader } from './account.orders._index.server';

export { loader } from './account.orders._index.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

export const meta: MetaFunction = () => [
  { title: 'Your orders — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function OrdersPage() {
  const { orders, nextCursor, cursor } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your orders</h1>
          <p className="muted">Every order with its receipt; refunds are asked for from there.</p>
        </div>
        <Link to="/library" className="button button-secondary">
          Your library
        </Link>
      </div>
      {orders.length === 0 ? (
        <div className="empty-state" data-testid="orders-empty">
          <p>{cursor ? 'There are no more orders.' : 'You have not ordered anything yet.'}</p>
          <p>
            <Link to="/search">Browse prompts</Link>
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="orders-table" data-testid="orders">
            <thead>
              <tr>
                <th scope="col">Receipt</th>
                <th scope="col">Date</th>
                <th scope="col">Prompts</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} data-testid="order-row">
                  <th scope="row">
                    <Link to={orderPath(order.id)} data-testid="order-link">
                      {order.receiptNumber}
                    </Link>
                  </th>
                  <td>
                    {dateLabel(order.paidAt ?? order.createdAt)}
                    {order.paidAt ? null : <span className="muted"> (ordered)</span>}
                  </td>
                  <td>{order.items.map((item) => item.prompt.title).join(', ')}</td>
                  <td>
                    <OrderStatusBadge status={order.status} />
                  </td>
                  <td className="numeric">
                    {formatMoney(order.total)}
                    {order.refunded.amount > 0 ? (
                      <span className="muted"> (−{formatMoney(order.refunded)})</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="More orders">
        {cursor ? <Link to="/account/orders">Back to the first page</Link> : null}
        {nextCursor ? (
          <Link
            to={`/account/orders?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
            data-testid="load-more"
          >
            Load more
          </Link>
        ) : null}
      </nav>
    </>
  );
}
