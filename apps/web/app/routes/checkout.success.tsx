import type { Order } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { OrderItems } from '../components/order-parts';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { promptPath } from '../lib/catalog';
import { CHECK_EVERY_SECONDS, httpUrl, libraryPath, MAX_CHECKS, orderPath } from '../lib/orders';
import type { loader } from './checkout.success.server';

export { loader } from './checkout.success.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: orderStyles }];

const TITLES: Record<Order['status'], string> = {
  paid: 'Thank you!',
  pending: 'Confirming your payment…',
  failed: 'Your payment did not go through',
  expired: 'Your checkout expired',
  refunded: 'This order was refunded',
  partially_refunded: 'Thank you!',
};

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? TITLES[data.order.status] : 'Your order'} — PromptNX` },
  { name: 'robots', content: 'noindex' },
];

export default function CheckoutResultPage() {
  const { order, nextCheck } = useLoaderData<typeof loader>();
  return (
    <section className="checkout-result" aria-labelledby="result-title" data-testid="checkout">
      <h1 id="result-title" data-testid="checkout-title">
        {TITLES[order.status]}
      </h1>
      {order.status === 'paid' || order.status === 'partially_refunded' ? (
        <Paid order={order} />
      ) : order.status === 'pending' ? (
        <Pending order={order} nextCheck={nextCheck} />
      ) : (
        <NotPaid order={order} />
      )}
    </section>
  );
}

function Paid({ order }: { order: Order }) {
  const paidItems = order.items.filter((item) => item.status === 'paid');
  const first = paidItems[0];
  return (
    <div data-testid="checkout-paid">
      <p className="lead">
        Your payment is confirmed. {paidItems.length === 1 ? 'The prompt is' : 'The prompts are'} in
        your library now.
      </p>
      <p className="muted">
        Receipt <strong data-testid="receipt-number">{order.receiptNumber}</strong> — we e-mail it
        to you too.
      </p>
      <OrderItems order={order} />
      <p className="checkout-actions">
        {first ? (
          <Link
            to={libraryPath(first.prompt.id)}
            className="button"
            data-testid="open-library-item"
          >
            {paidItems.length === 1 ? 'Use it now' : `Use “${first.prompt.title}” now`}
          </Link>
        ) : null}
        <Link to="/library">Your library</Link>
        <Link to={orderPath(order.id)}>Receipt</Link>
      </p>
    </div>
  );
}

/** Polls while the payment is being confirmed: revalidation with JavaScript, a refresh without. */
function Pending({ order, nextCheck }: { order: Order; nextCheck: string | null }) {
  const revalidator = useRevalidator();
  const [polls, setPolls] = useState(0);
  const polling = polls < MAX_CHECKS;
  useEffect(() => {
    if (!polling || revalidator.state !== 'idle') return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      revalidator.revalidate();
    }, CHECK_EVERY_SECONDS * 1000);
    return () => clearTimeout(timer);
  }, [polling, revalidator]);
  const gaveUp = nextCheck === null || !polling;
  const here = `/checkout/success?order=${encodeURIComponent(order.id)}`;
  const payment = httpUrl(order.checkoutUrl);

  return (
    <div data-testid="checkout-pending">
      {nextCheck ? (
        <noscript>
          <meta httpEquiv="refresh" content={`${CHECK_EVERY_SECONDS};url=${nextCheck}`} />
        </noscript>
      ) : null}
      <p className="lead" role="status">
        We are waiting for the payment provider to confirm your payment. It usually takes a few
        seconds, and this page checks again by itself.
      </p>
      {gaveUp ? (
        <p>
          This is taking longer than usual. You are not charged twice if you wait: your order is in
          your <Link to={orderPath(order.id)}>order history</Link>, and it changes as soon as the
          payment is confirmed.
        </p>
      ) : null}
      <OrderItems order={order} library={false} />
      <p className="checkout-actions">
        <a href={here} className="button button-secondary" data-testid="check-again">
          Check again
        </a>
        {payment ? <a href={payment}>Back to the payment page</a> : null}
      </p>
    </div>
  );
}

function NotPaid({ order }: { order: Order }) {
  const first = order.items[0];
  const refunded = order.status === 'refunded';
  return (
    <div data-testid="checkout-not-paid">
      <p className="lead">
        {refunded
          ? 'The payment for this order was refunded, so its prompts are no longer in your library.'
          : order.status === 'expired'
            ? 'The checkout closed before a payment was made. You were not charged.'
            : 'The payment was declined or cancelled. You were not charged.'}
      </p>
      <OrderItems order={order} library={false} />
      <p className="checkout-actions">
        {first && !refunded ? (
          <Link to={promptPath(first.prompt)} className="button">
            Try again
          </Link>
        ) : null}
        <Link to={orderPath(order.id)}>Order details</Link>
        <Link to="/search">Browse prompts</Link>
      </p>
    </div>
  );
}
