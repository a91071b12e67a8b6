import { PROMPT_ID } from './catalog';
import { USER_ID } from './fake-api';

// Seller dashboard and payouts answers as the API sends them (SellerDashboard, PayoutList).

export const PAYOUT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const FAILED_PAYOUT_ID = '1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';
export const REVIEW_ID = '2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f';
export const NOTIFICATION_ID = '3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a';

const usd = (amount: number) => ({ amount, currency: 'usd' });

export function payout(overrides: Record<string, unknown> = {}) {
  return {
    id: PAYOUT_ID,
    status: 'paid',
    amount: usd(1500),
    createdAt: '2026-11-20T00:00:05Z',
    scheduledFor: '2026-11-20T00:00:00Z',
    paidAt: '2026-11-20T00:00:09Z',
    failureReason: null,
    lastError: null,
    ...overrides,
  };
}

export const failedPayout = () =>
  payout({
    id: FAILED_PAYOUT_ID,
    status: 'failed',
    amount: usd(700),
    createdAt: '2026-11-21T00:00:05Z',
    paidAt: null,
    failureReason: 'The bank account was closed',
  });

export function payoutSummary(overrides: Record<string, unknown> = {}) {
  return {
    balance: {
      pending: usd(4250),
      available: usd(3100),
      nextAvailableAt: '2026-11-29T10:00:00Z',
    },
    nextPayout: {
      at: '2026-11-23T00:00:00Z',
      amount: usd(3350),
      projectedBalance: usd(3350),
      reason: null,
    },
    rules: { minimum: usd(1000), intervalSeconds: 86_400, holdSeconds: 604_800 },
    ...overrides,
  };
}

const totals = (overrides: Record<string, unknown> = {}) => ({
  sales: 3,
  refunds: 1,
  gross: usd(5000),
  refunded: usd(500),
  fees: usd(900),
  net: usd(3600),
  views: 38,
  conversion: 0.0789,
  ...overrides,
});

const bucket = (start: string, sales = 0, gross = 0, net = 0, views = 0) => ({
  start,
  sales,
  refunds: 0,
  gross,
  net,
  views,
});

export function sellerDashboard(overrides: Record<string, unknown> = {}) {
  return {
    sellerId: USER_ID,
    currency: 'usd',
    generatedAt: '2026-11-22T10:00:00Z',
    seller: {
      isSeller: true,
      status: 'active',
      chargesEnabled: true,
      payoutsEnabled: true,
      nextStep: null,
    },
    totals: totals(),
    rating: { average: 4, count: 2 },
    payouts: payoutSummary(),
    recentPayouts: [failedPayout(), payout()],
    notifications: [
      {
        id: NOTIFICATION_ID,
        type: 'sale',
        title: 'You sold “Code review buddy” for $4.99',
        body: '',
        createdAt: '2026-11-22T09:00:00Z',
        readAt: null,
      },
    ],
    feedback: [
      {
        id: REVIEW_ID,
        rating: 5,
        body: 'Exactly what I needed.',
        createdAt: '2026-11-21T12:00:00Z',
        prompt: { id: PROMPT_ID, slug: 'code-review-buddy', title: 'Code review buddy' },
        buyer: { displayName: 'Grace', username: 'grace' },
        replied: false,
      },
    ],
    series: {
      interval: 'day',
      from: '2026-11-20',
      to: '2026-11-22',
      currency: 'usd',
      buckets: [
        bucket('2026-11-20', 1, 2000, 1600, 10),
        bucket('2026-11-21'),
        bucket('2026-11-22', 2, 3000, 2000, 28),
      ],
      totals: totals({ refunds: 0, refunded: usd(0) }),
    },
    prompts: [
      {
        id: PROMPT_ID,
        slug: 'code-review-buddy',
        title: 'Code review buddy',
        status: 'published',
        views: 38,
        sales: 3,
        refunds: 1,
        conversion: 0.0789,
        rating: { average: 4, count: 2 },
        gross: usd(5000),
        net: usd(3600),
      },
    ],
    ...overrides,
  };
}

export function payoutList(overrides: Record<string, unknown> = {}) {
  return {
    sellerId: USER_ID,
    items: [failedPayout(), payout()],
    nextCursor: null,
    summary: payoutSummary(),
    ...overrides,
  };
}
