import { formatMoney, type Order, type Refund } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRouteError,
} from '@remix-run/react';
import { useEffect, useState } from 'react';
import { OrderSellersContact } from '../components/chat-parts';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice, TextAreaField } from '../components/form-fields';
import { OrderItems, OrderStatusBadge, RefundStatusBadge } from '../components/order-parts';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { dateTimeLabel, isPaidOrder } from '../lib/orders';
import type { action, loader } from './account.orders.$id.server';

export { action, loader } from './account.orders.$id.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Receipt ${data.order.receiptNumber}` : 'Your order'} — PromptNX` },
  { name: 'robots', content: 'noindex' },
];

/** Refunds still open hold their items: they cannot be asked for twice. */
function refundableItems(order: Order, refunds: Refund[]) {
  if (!isPaidOrder(order)) return [];
  const held = new Set(
    refunds
      .filter((r) => r.status === 'requested' || r.status === 'processing')
      .flatMap((r) => r.itemIds),
  );
  return order.items.filter((item) => item.status === 'paid' && !held.has(item.id));
}

export default function ReceiptPage() {
  const { order, refunds, billedTo, notice } = useLoaderData<typeof loader>();
  const refundable = refundableItems(order, refunds);

  return (
    <article className="receipt" aria-labelledby="receipt-title">
      <nav aria-label="Breadcrumb" className="breadcrumb no-print">
        <ol>
          <li>
            <Link to="/account/orders">Your orders</Link>
          </li>
          <li aria-current="page">Receipt {order.receiptNumber}</li>
        </ol>
      </nav>
      <Notice>{notice}</Notice>
      <header className="page-head">
        <div>
          <p className="receipt-brand print-only">PromptNX</p>
          <h1 id="receipt-title">
            Receipt <span data-testid="receipt-number">{order.receiptNumber}</span>
          </h1>
          <OrderStatusBadge status={order.status} />
        </div>
        <PrintButton />
      </header>

      <dl className="facts receipt-facts">
        <dt>Ordered</dt>
        <dd>{dateTimeLabel(order.createdAt)}</dd>
        <dt>Paid</dt>
        <dd data-testid="paid-at">{order.paidAt ? dateTimeLabel(order.paidAt) : 'Not paid'}</dd>
        <dt>Billed to</dt>
        <dd>{billedTo}</dd>
        <dt>Order</dt>
        <dd>
          <code>{order.id}</code>
        </dd>
      </dl>

      <OrderItems order={order} />
      <OrderSellersContact order={order} />

      {refunds.length > 0 ? (
        <section aria-labelledby="refunds-title" data-testid="refunds">
          <h2 id="refunds-title">Refunds</h2>
          <ul className="refund-list">
            {refunds.map((refund) => (
              <RefundRow key={refund.id} refund={refund} order={order} />
            ))}
          </ul>
        </section>
      ) : null}

      {refundable.length > 0 ? <RefundRequestForm items={refundable} /> : null}
    </article>
  );
}

function PrintButton() {
  // window.print needs JavaScript; without it the browser's own Print does the same.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button
      type="button"
      className="button button-secondary no-print"
      hidden={!ready}
      onClick={() => window.print()}
    >
      Print receipt
    </button>
  );
}

function RefundRow({ refund, order }: { refund: Refund; order: Order }) {
  const titles = order.items
    .filter((item) => refund.itemIds.includes(item.id))
    .map((item) => item.prompt.title);
  return (
    <li className="refund" data-testid="refund">
      <p>
        <RefundStatusBadge status={refund.status} /> <strong>{formatMoney(refund.amount)}</strong>{' '}
        for {titles.length > 0 ? titles.join(', ') : 'this order'}
        <span className="muted"> · asked {dateTimeLabel(refund.createdAt)}</span>
      </p>
      <p className="prewrap">Reason: {refund.reason}</p>
      {refund.decisionReason ? (
        <p className="prewrap" data-testid="refund-decision">
          Decision{refund.decidedAt ? ` (${dateTimeLabel(refund.decidedAt)})` : ''}:{' '}
          {refund.decisionReason}
        </p>
      ) : null}
      {refund.failureReason ? <p className="field-error">{refund.failureReason}</p> : null}
    </li>
  );
}

function RefundRequestForm({ items }: { items: Order['items'] }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const chosen = result ? new Set(result.values.itemIds) : null;
  const errors = result?.errors ?? {};
  return (
    <section className="panel no-print" aria-labelledby="refund-title" data-testid="refund-form">
      <h2 id="refund-title">Request a refund</h2>
      <p className="muted">
        Within the refund window an admin looks at every request. Refunded prompts leave your
        library.
      </p>
      <FormError>{result?.formError}</FormError>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <fieldset
          className="links-fieldset"
          aria-describedby={errors.itemIds ? 'refund-items-error' : undefined}
        >
          <legend>Prompts to refund</legend>
          {errors.itemIds ? (
            <p id="refund-items-error" className="field-error">
              {errors.itemIds}
            </p>
          ) : null}
          {items.map((item) => (
            <label key={item.id} className="check-field">
              <input
                type="checkbox"
                name="itemId"
                value={item.id}
                defaultChecked={chosen ? chosen.has(item.id) : true}
              />
              {item.prompt.title} ({formatMoney(item.price)})
            </label>
          ))}
        </fieldset>
        <TextAreaField
          label="Why do you want a refund?"
          name="reason"
          rows={4}
          maxLength={1000}
          required
          defaultValue={result?.values.reason ?? ''}
          error={errors.reason}
        />
        <button type="submit" className="button" disabled={busy} data-testid="request-refund">
          {busy ? 'Sending…' : 'Request a refund'}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const unavailable = isRouteErrorResponse(error) && error.status === 503;
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">
        {notFound
          ? 'Order not found'
          : unavailable
            ? 'Your order is unavailable right now'
            : 'Something went wrong'}
      </h1>
      <p>
        {notFound
          ? 'This order does not exist, or it is not one of yours.'
          : 'Please try again in a few moments.'}
      </p>
      <p>
        <Link to="/account/orders">Back to your orders</Link>
      </p>
    </section>
  );
}
