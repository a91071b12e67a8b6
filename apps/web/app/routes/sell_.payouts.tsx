import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import orderStyles from '../components/orders.css?url';
import { BalanceCards, PayoutRulesText, PayoutsTable, SellerNav } from '../components/payout-parts';
import dashboardStyles from '../components/seller-dashboard.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { DASHBOARD_PATH, PAYOUTS_PATH } from '../lib/seller-dashboard';
import type { loader } from './sell_.payouts.server';

export { loader } from './sell_.payouts.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: orderStyles },
  { rel: 'stylesheet', href: dashboardStyles },
];

export const meta: MetaFunction = () => [
  { title: 'Payouts — PromptNX' },
  {
    name: 'description',
    content:
      'What you have earned on PromptNX: pending and available balances, your next payout and past payouts.',
  },
  { name: 'robots', content: 'noindex' },
];

export default function PayoutsPage() {
  const { summary, payouts, nextCursor, cursor } = useLoaderData<typeof loader>();
  return (
    <>
      <SellerNav />
      <div className="page-head">
        <div>
          <h1>Payouts</h1>
          <p className="muted">What is pending, what is available, and when you are paid.</p>
        </div>
        <Link to={DASHBOARD_PATH} className="button button-secondary">
          Dashboard
        </Link>
      </div>

      <section aria-labelledby="balance-title" className="dashboard-section">
        <h2 id="balance-title">Your balance</h2>
        <BalanceCards summary={summary} />
      </section>

      <section aria-labelledby="rules-title" className="panel dashboard-section">
        <h2 id="rules-title">How payouts work</h2>
        <PayoutRulesText summary={summary} />
      </section>

      <section aria-labelledby="history-title" className="dashboard-section">
        <h2 id="history-title">Payout history</h2>
        {payouts.length === 0 ? (
          <div className="empty-state" data-testid="payouts-empty">
            <p>{cursor ? 'There are no more payouts.' : 'No payouts yet.'}</p>
            <p className="muted">
              Your first payout comes once your available balance reaches the minimum.
            </p>
          </div>
        ) : (
          <PayoutsTable payouts={payouts} caption="Your payouts, newest first" />
        )}
        <nav className="pager" aria-label="More payouts">
          {cursor ? <Link to={PAYOUTS_PATH}>Back to the first page</Link> : null}
          {nextCursor ? (
            <Link
              to={`${PAYOUTS_PATH}?cursor=${encodeURIComponent(nextCursor)}`}
              className="button button-secondary"
              data-testid="load-more"
            >
              Older payouts
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
