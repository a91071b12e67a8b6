import {
  DASHBOARD_INTERVALS,
  type DashboardInterval,
  formatMoney,
  type NextPayout,
  type Payout,
  type SellerLifecycle,
  type SignedMoney,
} from '@promptnx/schema';

// Words, numbers and addresses of the seller dashboard and payouts pages, shared by their
// loaders and components (pure: the same on the server and in the browser).

export const DASHBOARD_PATH = '/sell/dashboard';
export const PAYOUTS_PATH = '/sell/payouts';

export const INTERVAL_LABELS: Record<DashboardInterval, string> = {
  day: 'Days',
  week: 'Weeks',
  month: 'Months',
};

export const isInterval = (value: unknown): value is DashboardInterval =>
  typeof value === 'string' && (DASHBOARD_INTERVALS as readonly string[]).includes(value);

/** The chart range a dashboard address asks for; anything else is left to the API's defaults. */
export interface RangeQuery {
  interval?: string;
  from?: string;
  to?: string;
}

export function rangeQueryFrom(params: URLSearchParams): RangeQuery {
  const query: RangeQuery = {};
  for (const key of ['interval', 'from', 'to'] as const) {
    const value = params.get(key)?.trim().slice(0, 40);
    if (value) query[key] = value;
  }
  return query;
}

/** "Mar 4", "Week of Mar 2", "Mar 2026": a bucket as a chart axis or table row names it. */
export function bucketLabel(start: string, interval: DashboardInterval): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (interval === 'month') {
    return date.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  const day = date.toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  return interval === 'week' ? `Week of ${day}` : day;
}

/** A short axis label: "Mar 4" for days and weeks, "Mar" for months ("Jan 2026" in January). */
export function axisLabel(start: string, interval: DashboardInterval): string {
  const date = new Date(`${start}T00:00:00Z`);
  if (interval === 'month') {
    return date.toLocaleDateString('en-US', {
      month: 'short',
      ...(date.getUTCMonth() === 0 ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
  }
  return date.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** Minor units of one currency as money, e.g. 1999 → "$19.99"; negatives keep their sign. */
export function moneyLabel(amount: number, currency: string): string {
  return formatMoney({ amount, currency });
}

export const signedMoneyLabel = (money: SignedMoney) => moneyLabel(money.amount, money.currency);

/** 0.0789 → "7.9%"; null (no views) → "—". */
export function percentLabel(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** A length of time as people say it: "7 days", "1 hour", "90 seconds". */
export function durationLabel(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, name] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n.toLocaleString('en-US')} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds.toLocaleString('en-US')} second${seconds === 1 ? '' : 's'}`;
}

/** A date and time in UTC, as the payout schedule runs on it: "Nov 23, 2026, 00:00 UTC". */
export function dateTimeLabel(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return `${day}, ${time} UTC`;
}

export const PAYOUT_STATUS_LABELS: Record<Payout['status'], string> = {
  pending: 'Scheduled',
  processing: 'Sending',
  paid: 'Paid',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** Why the next payout pays nothing, in the seller's words. */
export function nextPayoutReason(next: NextPayout, minimum: SignedMoney): string | null {
  switch (next.reason) {
    case null:
      return null;
    case 'not_a_seller':
      return 'This account does not sell yet.';
    case 'seller_suspended':
      return 'Payouts are paused while your seller account is suspended.';
    case 'payouts_not_enabled':
      return 'Payouts are not enabled yet: finish your payout details first.';
    case 'below_minimum':
      return `Your balance by then (${signedMoneyLabel(next.projectedBalance)}) is below the ${signedMoneyLabel(minimum)} minimum; it is paid once it reaches the minimum.`;
  }
}

type Step = NonNullable<SellerLifecycle['nextStep']>;

/** Where the next onboarding step is done, and what the link says. */
export function stepLink(step: Step): { to: string; label: string } | null {
  switch (step.code) {
    case 'become_seller':
      return { to: '/sell', label: 'Become a seller' };
    case 'finish_onboarding':
    case 'provide_information':
    case 'enable_payouts':
      return { to: '/sell', label: 'Continue setup' };
    case 'publish_prompt':
      return { to: '/sell/prompts/new', label: 'Write a prompt' };
    case 'contact_support':
      return null;
  }
}

export const SELLER_STATUS_LABELS: Record<NonNullable<SellerLifecycle['status']>, string> = {
  onboarding: 'Setting up',
  active: 'Active',
  restricted: 'Restricted',
  suspended: 'Suspended',
};

/** How often payouts run: "every day at 00:00 UTC", "every hour", "every 6 hours". */
export function scheduleLabel(intervalSeconds: number): string {
  if (intervalSeconds === 86_400) return 'every day at 00:00 UTC';
  if (intervalSeconds === 3600) return 'every hour';
  return `every ${durationLabel(intervalSeconds)}`;
}
