import type { Payout, PayoutSummary } from '@promptnx/schema';
import { NavLink } from '@remix-run/react';
import { dateLabel } from '../lib/catalog';
import {
  DASHBOARD_PATH,
  dateTimeLabel,
  durationLabel,
  moneyLabel,
  nextPayoutReason,
  PAYOUT_STATUS_LABELS,
  PAYOUTS_PATH,
  scheduleLabel,
  signedMoneyLabel,
} from '../lib/seller-dashboard';
import { type Kpi, KpiCards } from './kpi-cards';

/** The seller pages, one click apart. NavLink marks the current one (aria-current). */
export function SellerNav() {
  const links = [
    { to: '/sell', label: 'Overview', end: true },
    { to: DASHBOARD_PATH, label: 'Dashboard', end: false },
    { to: '/sell/prompts', label: 'Prompts', end: false },
    { to: PAYOUTS_PATH, label: 'Payouts', end: false },
  ];
  return (
    <nav className="seller-nav" aria-label="Selling">
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end} prefetch="intent">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A payout's status as a badge with its word (colour never carries it alone). */
export function PayoutStatusBadge({ status }: { status: Payout['status'] }) {
  return (
    <span className={`status-badge payout-status-${status}`} data-testid="payout-status">
      {PAYOUT_STATUS_LABELS[status]}
    </span>
  );
}

/** Pending, available and the next payout, as cards. */
export function BalanceCards({ summary }: { summary: PayoutSummary }) {
  const { balance, nextPayout, rules } = summary;
  const reason = nextPayoutReason(nextPayout, rules.minimum);
  const items: Kpi[] = [
    {
      id: 'pending',
      label: 'Pending',
      value: signedMoneyLabel(balance.pending),
      hint: balance.nextAvailableAt
        ? `Next part available ${dateTimeLabel(balance.nextAvailableAt)}`
        : `Held ${durationLabel(rules.holdSeconds)} after each sale`,
    },
    {
      id: 'available',
      label: 'Available',
      value: signedMoneyLabel(balance.available),
      hint:
        balance.available.amount < 0
          ? 'A refund after a payout: later earnings repay it'
          : 'Paid out at the next payout',
    },
    {
      id: 'next-payout',
      label: 'Next payout',
      value: moneyLabel(nextPayout.amount.amount, nextPayout.amount.currency),
      hint: (
        <>
          <time dateTime={nextPayout.at}>{dateTimeLabel(nextPayout.at)}</time>
          {reason ? <span className="kpi-reason"> — {reason}</span> : null}
        </>
      ),
    },
  ];
  return <KpiCards items={items} label="Balances" />;
}

/** How payouts work, with the numbers this installation runs on. */
export function PayoutRulesText({ summary }: { summary: PayoutSummary }) {
  const { rules } = summary;
  return (
    <ul className="payout-rules" data-testid="payout-rules">
      <li>
        Earnings from a sale are <strong>pending</strong> for {durationLabel(rules.holdSeconds)}{' '}
        (the hold period, while a buyer may still ask for a refund); then they become{' '}
        <strong>available</strong>.
      </li>
      <li>
        Payouts run {scheduleLabel(rules.intervalSeconds)}. Each run pays your whole available
        balance, if it is at least {signedMoneyLabel(rules.minimum)} (the minimum payout) and
        payouts are enabled on your account.
      </li>
      <li>
        A refund takes the sale’s earnings back. After a payout, that can leave your available
        balance below zero; later earnings repay it before the next payout.
      </li>
      <li>
        When a payout fails, the money goes back to your available balance and is paid at a later
        run; the table below says why it failed.
      </li>
    </ul>
  );
}

/** Why a payout failed, or what holds up one being sent. */
export function PayoutDetail({ payout }: { payout: Payout }) {
  if (payout.failureReason) return <>{payout.failureReason}</>;
  if (payout.status === 'processing') {
    return (
      <>
        Being sent; it is tried again automatically.
        {payout.lastError ? <> Last try: {payout.lastError}</> : null}
      </>
    );
  }
  return <span className="muted">—</span>;
}

/** Payouts with their status and, when one failed, the payment provider's reason. */
export function PayoutsTable({ payouts, caption }: { payouts: Payout[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="orders-table" data-testid="payouts">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Created</th>
            <th scope="col">Status</th>
            <th scope="col" className="numeric">
              Amount
            </th>
            <th scope="col">Paid on</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {payouts.map((payout) => (
            <tr key={payout.id} data-testid="payout-row">
              <th scope="row">
                <time dateTime={payout.createdAt}>{dateLabel(payout.createdAt)}</time>
              </th>
              <td>
                <PayoutStatusBadge status={payout.status} />
              </td>
              <td className="numeric">
                {moneyLabel(payout.amount.amount, payout.amount.currency)}
              </td>
              <td>
                {payout.paidAt ? (
                  <time dateTime={payout.paidAt}>{dateLabel(payout.paidAt)}</time>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td data-testid="payout-failure">
                <PayoutDetail payout={payout} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
