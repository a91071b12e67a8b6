import {
  DASHBOARD_INTERVALS,
  type DashboardInterval,
  type SellerDashboard,
} from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { FormError } from '../components/form-fields';
import { KpiCards } from '../components/kpi-cards';
import orderStyles from '../components/orders.css?url';
import {
  BalanceCards,
  PayoutDetail,
  PayoutStatusBadge,
  SellerNav,
} from '../components/payout-parts';
import editorStyles from '../components/prompt-editor.css?url';
import { PromptStatusBadge } from '../components/prompt-status-badge';
import { Rating } from '../components/rating';
import { Chart } from '../components/seller-charts';
import dashboardStyles from '../components/seller-dashboard.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { countLabel, dateLabel, promptPath, ratingLabel } from '../lib/catalog';
import {
  axisLabel,
  bucketLabel,
  DASHBOARD_PATH,
  INTERVAL_LABELS,
  isInterval,
  moneyLabel,
  PAYOUTS_PATH,
  percentLabel,
  SELLER_STATUS_LABELS,
  stepLink,
} from '../lib/seller-dashboard';
import { editorPath } from '../lib/seller-prompts';
import type { loader } from './sell_.dashboard.server';

export { loader } from './sell_.dashboard.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: orderStyles },
  { rel: 'stylesheet', href: editorStyles },
  { rel: 'stylesheet', href: dashboardStyles },
];

export const meta: MetaFunction = () => [
  { title: 'Seller dashboard — PromptNX' },
  {
    name: 'description',
    content: 'Your sales, revenue, views, conversion, ratings and payouts on PromptNX.',
  },
  { name: 'robots', content: 'noindex' },
];

type Dashboard = SellerDashboard;

export default function SellerDashboardPage() {
  const { dashboard: d, rangeError, range } = useLoaderData<typeof loader>();
  const money = (amount: number) => moneyLabel(amount, d.currency);
  return (
    <>
      <SellerNav />
      <div className="page-head">
        <div>
          <h1>Seller dashboard</h1>
          <p className="muted">
            Amounts in {d.currency.toUpperCase()}. Net is what you keep: sale prices less the
            platform fee, for sales that were not refunded.
          </p>
        </div>
        <Link to={PAYOUTS_PATH} className="button button-secondary">
          Payouts
        </Link>
      </div>

      <OnboardingCard seller={d.seller} />

      <section aria-labelledby="totals-title" className="dashboard-section">
        <h2 id="totals-title">Since your first sale</h2>
        <KpiCards
          label="Totals since your first sale"
          items={[
            {
              id: 'sales',
              label: 'Sales',
              value: d.totals.sales.toLocaleString('en-US'),
              hint:
                d.totals.refunds > 0
                  ? `${countLabel(d.totals.refunds, 'refund', 'refunds')} not counted`
                  : 'Prompts bought and kept',
            },
            {
              id: 'gross',
              label: 'Gross revenue',
              value: money(d.totals.gross.amount),
              hint: 'What buyers paid, refunds included',
            },
            {
              id: 'net',
              label: 'Net revenue',
              value: money(d.totals.net.amount),
              hint: `After ${money(d.totals.fees.amount)} fees and ${money(d.totals.refunded.amount)} refunds`,
            },
            {
              id: 'views',
              label: 'Views',
              value: d.totals.views.toLocaleString('en-US'),
              hint: 'Prompt page views by others',
            },
            {
              id: 'conversion',
              label: 'Conversion',
              value: percentLabel(d.totals.conversion),
              hint: 'Sales per view',
            },
            {
              id: 'rating',
              label: 'Average rating',
              value: d.rating.average === null ? '—' : `${ratingLabel(d.rating.average)} / 5`,
              hint: countLabel(d.rating.count, 'published review', 'published reviews'),
            },
          ]}
        />
      </section>

      <section aria-labelledby="money-title" className="dashboard-section">
        <div className="section-head">
          <h2 id="money-title">Your money</h2>
          <Link to={PAYOUTS_PATH}>How payouts work</Link>
        </div>
        <BalanceCards summary={d.payouts} />
      </section>

      <SalesOverTime dashboard={d} rangeError={rangeError} range={range} money={money} />

      <PromptsTable dashboard={d} money={money} />

      <div className="dashboard-grid">
        <RecentPayouts dashboard={d} />
        <RecentFeedback dashboard={d} />
        <RecentNotifications dashboard={d} />
      </div>
    </>
  );
}

function OnboardingCard({ seller }: { seller: Dashboard['seller'] }) {
  const link = seller.nextStep ? stepLink(seller.nextStep) : null;
  return (
    <section
      className="panel onboarding-card"
      aria-labelledby="account-title"
      data-testid="onboarding-status"
    >
      <h2 id="account-title">Your seller account</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="seller-state">
          {seller.status ? SELLER_STATUS_LABELS[seller.status] : 'Not a seller yet'}
        </dd>
        <dt>Payouts</dt>
        <dd>{seller.payoutsEnabled ? 'Enabled' : 'Not enabled yet'}</dd>
      </dl>
      {seller.nextStep ? (
        <p data-testid="next-step">
          <strong>Next step:</strong> {seller.nextStep.message}{' '}
          {link ? (
            <Link to={link.to} className="button button-small">
              {link.label}
            </Link>
          ) : null}
        </p>
      ) : (
        <p data-testid="next-step">You are all set: your prompts are on sale and payouts run.</p>
      )}
    </section>
  );
}

function SalesOverTime({
  dashboard: d,
  rangeError,
  range,
  money,
}: {
  dashboard: Dashboard;
  rangeError: string | null;
  range: { interval: string; from: string; to: string };
  money: (amount: number) => string;
}) {
  const { series } = d;
  const interval = series.interval;
  const unit = interval === 'day' ? 'day' : interval === 'week' ? 'week' : 'month';
  const labels = series.buckets.map((b) => axisLabel(b.start, interval));
  const span = `${bucketLabel(series.buckets[0]?.start ?? series.from, interval)} to ${bucketLabel(series.buckets.at(-1)?.start ?? series.to, interval)}`;
  const peak = (key: 'sales' | 'net') =>
    series.buckets.reduce((best, b) => (b[key] > (best?.[key] ?? 0) ? b : best), series.buckets[0]);
  const salesPeak = peak('sales');
  const netPeak = peak('net');
  const t = series.totals;
  return (
    <section aria-labelledby="series-title" className="dashboard-section" data-testid="series">
      <h2 id="series-title">Sales and revenue over time</h2>
      <FormError>{rangeError}</FormError>
      <Form method="get" action={DASHBOARD_PATH} className="range-form" aria-label="Chart range">
        <div className="field">
          <label htmlFor="range-interval">Group by</label>
          <select
            id="range-interval"
            name="interval"
            defaultValue={isInterval(range.interval) ? range.interval : interval}
          >
            {DASHBOARD_INTERVALS.map((value) => (
              <option key={value} value={value}>
                {INTERVAL_LABELS[value as DashboardInterval]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="range-from">From</label>
          <input id="range-from" name="from" type="date" defaultValue={range.from} />
        </div>
        <div className="field">
          <label htmlFor="range-to">To</label>
          <input id="range-to" name="to" type="date" defaultValue={range.to} />
        </div>
        <button type="submit" className="button button-secondary">
          Show
        </button>
      </Form>
      <p className="range-presets">
        Quick ranges: <Link to={`${DASHBOARD_PATH}?interval=day`}>last 30 days</Link> ·{' '}
        <Link to={`${DASHBOARD_PATH}?interval=week`}>last 12 weeks</Link> ·{' '}
        <Link to={`${DASHBOARD_PATH}?interval=month`}>last 12 months</Link>
      </p>
      <p data-testid="series-summary">
        From {span}: {countLabel(t.sales, 'sale', 'sales')}
        {t.refunds > 0 ? ` (and ${countLabel(t.refunds, 'refund', 'refunds')})` : ''},{' '}
        {money(t.net.amount)} net of {money(t.gross.amount)} gross,{' '}
        {countLabel(t.views, 'view', 'views')}, {percentLabel(t.conversion)} conversion.
      </p>
      <div className="chart-pair">
        <Chart
          id="sales"
          kind="bar"
          title={`Sales per ${unit}`}
          description={`Prompts sold per ${unit} from ${span}: ${t.sales} in all${
            salesPeak && salesPeak.sales > 0
              ? `, the most (${salesPeak.sales}) ${peakWhen(salesPeak.start, interval)}`
              : ''
          }.`}
          labels={labels}
          series={[
            {
              name: 'Sales',
              values: series.buckets.map((b) => b.sales),
              className: 'series-sales',
            },
          ]}
          format={(n) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(1))}
        />
        <Chart
          id="revenue"
          kind="line"
          title={`Revenue per ${unit}`}
          description={`Gross and net revenue per ${unit} from ${span}: ${money(t.gross.amount)} gross and ${money(t.net.amount)} net in all${
            netPeak && netPeak.net > 0
              ? `, the most net (${money(netPeak.net)}) ${peakWhen(netPeak.start, interval)}`
              : ''
          }.`}
          labels={labels}
          series={[
            {
              name: 'Gross',
              values: series.buckets.map((b) => b.gross),
              className: 'series-gross',
            },
            { name: 'Net', values: series.buckets.map((b) => b.net), className: 'series-net' },
          ]}
          format={money}
        />
      </div>
      <details className="chart-data">
        <summary>The numbers behind the charts</summary>
        <div className="table-scroll">
          <table className="orders-table" data-testid="series-table">
            <caption className="visually-hidden">
              Sales, refunds, revenue and views per {unit}
            </caption>
            <thead>
              <tr>
                <th scope="col">{INTERVAL_LABELS[interval].replace(/s$/, '')}</th>
                <th scope="col" className="numeric">
                  Sales
                </th>
                <th scope="col" className="numeric">
                  Refunds
                </th>
                <th scope="col" className="numeric">
                  Gross
                </th>
                <th scope="col" className="numeric">
                  Net
                </th>
                <th scope="col" className="numeric">
                  Views
                </th>
              </tr>
            </thead>
            <tbody>
              {series.buckets.map((b) => (
                <tr key={b.start}>
                  <th scope="row">
                    <time dateTime={b.start}>{bucketLabel(b.start, interval)}</time>
                  </th>
                  <td className="numeric">{b.sales}</td>
                  <td className="numeric">{b.refunds}</td>
                  <td className="numeric">{money(b.gross)}</td>
                  <td className="numeric">{money(b.net)}</td>
                  <td className="numeric">{b.views.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

/** When a chart's peak was: "on Nov 22", "in the week of Mar 2", "in Mar 2026". */
function peakWhen(start: string, interval: DashboardInterval) {
  if (interval === 'day') return `on ${bucketLabel(start, interval)}`;
  if (interval === 'week') return `in the week of ${axisLabel(start, interval)}`;
  return `in ${bucketLabel(start, interval)}`;
}

function PromptsTable({
  dashboard: d,
  money,
}: {
  dashboard: Dashboard;
  money: (amount: number) => string;
}) {
  return (
    <section aria-labelledby="prompts-title" className="dashboard-section">
      <div className="section-head">
        <h2 id="prompts-title">Your prompts</h2>
        <Link to="/sell/prompts">Manage prompts</Link>
      </div>
      {d.prompts.length === 0 ? (
        <div className="empty-state" data-testid="dashboard-prompts-empty">
          <p>You have no prompts yet.</p>
          <p>
            <Link to="/sell/prompts/new">Write your first prompt</Link>
          </p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="orders-table" data-testid="dashboard-prompts">
            <caption className="visually-hidden">
              Your prompts with their views, sales, conversion, rating and revenue since they were
              listed
            </caption>
            <thead>
              <tr>
                <th scope="col">Prompt</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Views
                </th>
                <th scope="col" className="numeric">
                  Sales
                </th>
                <th scope="col" className="numeric">
                  Conversion
                </th>
                <th scope="col">Rating</th>
                <th scope="col" className="numeric">
                  Net revenue
                </th>
              </tr>
            </thead>
            <tbody>
              {d.prompts.map((p) => (
                <tr key={p.id} data-testid="dashboard-prompt-row">
                  <th scope="row">
                    <Link to={editorPath(p.id)}>{p.title}</Link>
                    {p.status === 'published' ? (
                      <>
                        {' '}
                        <Link to={promptPath(p)} className="muted small-link">
                          view page<span className="visually-hidden"> of {p.title}</span>
                        </Link>
                      </>
                    ) : null}
                  </th>
                  <td>
                    <PromptStatusBadge status={p.status} />
                  </td>
                  <td className="numeric">{p.views.toLocaleString('en-US')}</td>
                  <td className="numeric">
                    {p.sales.toLocaleString('en-US')}
                    {p.refunds > 0 ? <span className="muted"> (+{p.refunds} refunded)</span> : null}
                  </td>
                  <td className="numeric">{percentLabel(p.conversion)}</td>
                  <td>
                    <Rating average={p.rating.average ?? 0} count={p.rating.count} compact />
                  </td>
                  <td className="numeric">{money(p.net.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RecentPayouts({ dashboard: d }: { dashboard: Dashboard }) {
  return (
    <section aria-labelledby="recent-payouts-title" className="panel">
      <h2 id="recent-payouts-title">Recent payouts</h2>
      {d.recentPayouts.length === 0 ? (
        <p className="muted">No payouts yet.</p>
      ) : (
        <ul className="plain-list" data-testid="recent-payouts">
          {d.recentPayouts.map((p) => (
            <li key={p.id}>
              <PayoutStatusBadge status={p.status} />{' '}
              {moneyLabel(p.amount.amount, p.amount.currency)} ·{' '}
              <time dateTime={p.createdAt}>{dateLabel(p.createdAt)}</time>
              {p.failureReason || p.status === 'processing' ? (
                <p className="muted">
                  <PayoutDetail payout={p} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={PAYOUTS_PATH}>All payouts</Link>
      </p>
    </section>
  );
}

function RecentFeedback({ dashboard: d }: { dashboard: Dashboard }) {
  return (
    <section aria-labelledby="feedback-title" className="panel">
      <h2 id="feedback-title">Recent feedback</h2>
      {d.feedback.length === 0 ? (
        <p className="muted">No published reviews yet.</p>
      ) : (
        <ul className="plain-list" data-testid="recent-feedback">
          {d.feedback.map((f) => (
            <li key={f.id}>
              <Rating average={f.rating} count={1} compact />{' '}
              <Link to={promptPath(f.prompt)}>{f.prompt.title}</Link>
              {f.body ? <p className="prewrap">{f.body}</p> : null}
              <p className="muted">
                {f.buyer.displayName || f.buyer.username || 'A buyer'} ·{' '}
                <time dateTime={f.createdAt}>{dateLabel(f.createdAt)}</time>
                {f.replied ? ' · you replied' : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentNotifications({ dashboard: d }: { dashboard: Dashboard }) {
  return (
    <section aria-labelledby="notifications-title" className="panel">
      <h2 id="notifications-title">Recent activity</h2>
      {d.notifications.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ul className="plain-list" data-testid="recent-notifications">
          {d.notifications.map((n) => (
            <li key={n.id}>
              {n.title}
              <br />
              <span className="muted">
                <time dateTime={n.createdAt}>{dateLabel(n.createdAt)}</time>
                {n.readAt ? null : ' · new'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
