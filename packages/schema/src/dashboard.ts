import { z } from 'zod';
import { PROMPT_STATUSES } from './editor.js';
import { currencySchema, moneySchema } from './money.js';

// The seller dashboard (GET /api/sellers/:id/dashboard), the payouts list
// (GET /api/payouts) and view counting (POST /api/prompts/:id/views).
// Money is integer minor units; "net" is what the seller keeps: sale prices
// minus the platform fee, for sales that were not refunded (decision 0017).

/** An amount that may be negative: a balance after a refund that followed a payout. */
export const signedMoneySchema = z.object({
  amount: z.number().int(),
  currency: currencySchema,
});

export const DASHBOARD_INTERVALS = ['day', 'week', 'month'] as const;
export type DashboardInterval = (typeof DASHBOARD_INTERVALS)[number];

/** Buckets a series holds when `from` is not given. */
export const DEFAULT_SERIES_BUCKETS: Record<DashboardInterval, number> = {
  day: 30,
  week: 12,
  month: 12,
};
/** The most buckets one series may hold (a longer range is a 400 naming query.from). */
export const MAX_SERIES_BUCKETS: Record<DashboardInterval, number> = {
  day: 366,
  week: 260,
  month: 120,
};

/**
 * GET /api/sellers/:id/dashboard query. Dates are UTC days (YYYY-MM-DD), both
 * inclusive; the series covers the whole days, weeks (Monday first) or months
 * that contain them. `to` defaults to today, `from` to DEFAULT_SERIES_BUCKETS
 * intervals back.
 */
export const dashboardQuerySchema = z.object({
  interval: z.enum(DASHBOARD_INTERVALS).default('day'),
  from: z.iso.date('a date as YYYY-MM-DD').optional(),
  to: z.iso.date('a date as YYYY-MM-DD').optional(),
});

export const SELLER_STATUSES = ['onboarding', 'active', 'restricted', 'suspended'] as const;

/** What the seller should do next, most urgent first; null when nothing is missing. */
export const ONBOARDING_STEPS = [
  'become_seller',
  'finish_onboarding',
  'provide_information',
  'enable_payouts',
  'contact_support',
  'publish_prompt',
] as const;

export const sellerLifecycleSchema = z.object({
  /** False for an account that never started selling (an admin looking at a buyer, say). */
  isSeller: z.boolean(),
  status: z.enum(SELLER_STATUSES).nullable(),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  nextStep: z.object({ code: z.enum(ONBOARDING_STEPS), message: z.string() }).nullable(),
});

/** Why the next payout pays nothing. */
export const NEXT_PAYOUT_BLOCKERS = [
  'not_a_seller',
  'seller_suspended',
  'payouts_not_enabled',
  'below_minimum',
] as const;

export const payoutRulesSchema = z.object({
  /** No payout below this. */
  minimum: moneySchema,
  /** Payout runs happen at every multiple of this many seconds since the epoch (UTC). */
  intervalSeconds: z.number().int().positive(),
  /** How long a sale's earnings stay pending before they can be paid out. */
  holdSeconds: z.number().int().nonnegative(),
});

/** Balances computed from the ledger (sellerBalance in @promptnx/payments). */
export const sellerBalanceSchema = z.object({
  /** Earnings still in their hold period. */
  pending: signedMoneySchema,
  /** What can be paid out now; negative after a refund that followed a payout. */
  available: signedMoneySchema,
  /** When the earliest pending sale becomes available. */
  nextAvailableAt: z.string().nullable(),
});

export const nextPayoutSchema = z.object({
  /** The next scheduled payout run. */
  at: z.string(),
  /** What that run would pay: the available balance plus pending earnings maturing by then. */
  amount: moneySchema,
  /** That balance, paid or not (it may be below the minimum, or negative). */
  projectedBalance: signedMoneySchema,
  /** Why the amount is zero, when it is. */
  reason: z.enum(NEXT_PAYOUT_BLOCKERS).nullable(),
});

export const payoutSummarySchema = z.object({
  balance: sellerBalanceSchema,
  nextPayout: nextPayoutSchema,
  rules: payoutRulesSchema,
});

export const PAYOUT_STATUSES = ['pending', 'processing', 'paid', 'failed', 'canceled'] as const;

export const payoutSchema = z.object({
  id: z.uuid(),
  status: z.enum(PAYOUT_STATUSES),
  amount: moneySchema,
  createdAt: z.string(),
  scheduledFor: z.string(),
  paidAt: z.string().nullable(),
  /** The payment provider's reason, when the payout failed. */
  failureReason: z.string().nullable(),
  /** While a payout is being sent and retried: the last error (it is tried again). */
  lastError: z.string().nullable(),
});

/** GET /api/payouts query: the signed-in seller's payouts; admins may name a seller. */
export const payoutListQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  sellerId: z.uuid().optional(),
});

export const payoutListSchema = z.object({
  sellerId: z.uuid(),
  items: z.array(payoutSchema),
  nextCursor: z.string().nullable(),
  summary: payoutSummarySchema,
});

/** Sales figures over some period, in the dashboard's currency. */
export const dashboardTotalsSchema = z.object({
  /** Items sold and not refunded (free ones included, as on prompt cards). */
  sales: z.number().int().nonnegative(),
  /** Items sold and refunded since. */
  refunds: z.number().int().nonnegative(),
  /** What buyers paid, refunded sales included. */
  gross: moneySchema,
  /** The part of gross given back. */
  refunded: moneySchema,
  /** The platform's fee on the sales kept. */
  fees: moneySchema,
  /** The seller's earnings: gross − refunded − fees. */
  net: moneySchema,
  views: z.number().int().nonnegative(),
  /** sales / views, or null with no views. */
  conversion: z.number().nonnegative().nullable(),
});

export const ratingSummarySchema = z.object({
  /** Mean of published reviews, two decimals; null with none. */
  average: z.number().min(0).max(5).nullable(),
  count: z.number().int().nonnegative(),
});

export const seriesBucketSchema = z.object({
  /** First UTC day of the bucket, YYYY-MM-DD. */
  start: z.string(),
  sales: z.number().int().nonnegative(),
  refunds: z.number().int().nonnegative(),
  /** Minor units of the series currency. */
  gross: z.number().int().nonnegative(),
  net: z.number().int().nonnegative(),
  views: z.number().int().nonnegative(),
});

/** Sales by the bucket their payment fell in (refunds included as the sale's own). */
export const dashboardSeriesSchema = z.object({
  interval: z.enum(DASHBOARD_INTERVALS),
  /** The first and last day asked for (YYYY-MM-DD). */
  from: z.string(),
  to: z.string(),
  currency: currencySchema,
  buckets: z.array(seriesBucketSchema),
  totals: dashboardTotalsSchema,
});

export const dashboardPromptSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PROMPT_STATUSES),
  views: z.number().int().nonnegative(),
  sales: z.number().int().nonnegative(),
  refunds: z.number().int().nonnegative(),
  conversion: z.number().nonnegative().nullable(),
  rating: ratingSummarySchema,
  gross: moneySchema,
  net: moneySchema,
});

export const dashboardFeedbackSchema = z.object({
  id: z.uuid(),
  rating: z.number().int().min(1).max(5),
  body: z.string(),
  createdAt: z.string(),
  prompt: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
  buyer: z.object({ displayName: z.string(), username: z.string().nullable() }),
  /** Whether the seller has answered it. */
  replied: z.boolean(),
});

export const dashboardNotificationSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const sellerDashboardSchema = z.object({
  sellerId: z.uuid(),
  /** Every amount below is in this currency (the seller's default). */
  currency: currencySchema,
  generatedAt: z.string(),
  seller: sellerLifecycleSchema,
  /** Since the first sale. */
  totals: dashboardTotalsSchema,
  rating: ratingSummarySchema,
  payouts: payoutSummarySchema,
  recentPayouts: z.array(payoutSchema),
  notifications: z.array(dashboardNotificationSchema),
  feedback: z.array(dashboardFeedbackSchema),
  series: dashboardSeriesSchema,
  /** The seller's prompts in every status, best earners first (at most 200). */
  prompts: z.array(dashboardPromptSchema),
});

/** POST /api/prompts/:id/views: whether this view was counted. */
export const promptViewResultSchema = z.object({
  /** False for the prompt's own seller and admins, whose views are not counted. */
  counted: z.boolean(),
});

export type SignedMoney = z.infer<typeof signedMoneySchema>;
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;
export type SellerLifecycle = z.infer<typeof sellerLifecycleSchema>;
export type PayoutRulesInfo = z.infer<typeof payoutRulesSchema>;
export type SellerBalanceInfo = z.infer<typeof sellerBalanceSchema>;
export type NextPayout = z.infer<typeof nextPayoutSchema>;
export type PayoutSummary = z.infer<typeof payoutSummarySchema>;
export type Payout = z.infer<typeof payoutSchema>;
export type PayoutListQuery = z.infer<typeof payoutListQuerySchema>;
export type PayoutList = z.infer<typeof payoutListSchema>;
export type DashboardTotals = z.infer<typeof dashboardTotalsSchema>;
export type RatingSummary = z.infer<typeof ratingSummarySchema>;
export type SeriesBucket = z.infer<typeof seriesBucketSchema>;
export type DashboardSeries = z.infer<typeof dashboardSeriesSchema>;
export type DashboardPrompt = z.infer<typeof dashboardPromptSchema>;
export type DashboardFeedback = z.infer<typeof dashboardFeedbackSchema>;
export type DashboardNotification = z.infer<typeof dashboardNotificationSchema>;
export type SellerDashboard = z.infer<typeof sellerDashboardSchema>;
export type PromptViewResult = z.infer<typeof promptViewResultSchema>;
