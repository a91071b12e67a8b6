import type { Database } from '@promptnx/db';
import {
  type DashboardInterval,
  type DashboardPrompt,
  type DashboardTotals,
  DEFAULT_SERIES_BUCKETS,
  MAX_SERIES_BUCKETS,
  type PromptViewResult,
  type SellerDashboard,
} from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import type { Account } from '../../plugins/authenticate.js';
import {
  authorizeSellerView,
  lifecycleOf,
  type PayoutDisplayRules,
  payoutSummary,
  recentPayouts,
} from '../payouts/service.js';
import {
  countPromptView,
  type MoneyRow,
  recentFeedback,
  recentSellerNotifications,
  sellerPrompts,
  sellerSeries,
  sellerTotals,
} from './queries.js';

const RECENT = 5;
const PROMPT_ROWS = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const iso = (t: string | Date | null) => (t ? new Date(t).toISOString() : null);
const DAY_MS = 86_400_000;

/** sales / views to four decimals, or null when nothing was viewed. */
export function conversionOf(sales: number, views: number): number | null {
  return views > 0 ? Math.round((sales / views) * 10_000) / 10_000 : null;
}

function totalsOf(rows: MoneyRow[], views: number, currency: string): DashboardTotals {
  const sum = (key: keyof MoneyRow) => rows.reduce((total, r) => total + Number(r[key]), 0);
  const money = (amount: number) => ({ amount, currency });
  const sales = sum('sales');
  return {
    sales,
    refunds: sum('refunds'),
    gross: money(sum('gross')),
    refunded: money(sum('refunded')),
    fees: money(sum('fees')),
    net: money(sum('net')),
    views,
    conversion: conversionOf(sales, views),
  };
}

const parseDay = (day: string) => new Date(`${day}T00:00:00Z`);
const formatDay = (date: Date) => date.toISOString().slice(0, 10);

/** The first day of the bucket holding `day` (weeks start on Monday, as date_trunc's do). */
function bucketStart(interval: DashboardInterval, day: Date): Date {
  if (interval === 'day') return day;
  if (interval === 'week') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

function bucketsBetween(interval: DashboardInterval, from: Date, to: Date): number {
  const a = bucketStart(interval, from);
  const b = bucketStart(interval, to);
  if (interval === 'month') {
    return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()) + 1;
  }
  return Math.round((b.getTime() - a.getTime()) / (interval === 'week' ? 7 * DAY_MS : DAY_MS)) + 1;
}

/** Steps `day` back by n intervals. */
function back(interval: DashboardInterval, day: Date, n: number): Date {
  if (interval === 'day') return new Date(day.getTime() - n * DAY_MS);
  if (interval === 'week') return new Date(day.getTime() - n * 7 * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - n, 1));
}

/**
 * The series range a query asks for, with its defaults: `to` today (UTC),
 * `from` DEFAULT_SERIES_BUCKETS intervals back. A reversed or too long range
 * is a 400 naming the field.
 */
export function seriesRange(
  query: { interval: DashboardInterval; from?: string | undefined; to?: string | undefined },
  today: Date,
): { interval: DashboardInterval; from: string; to: string } {
  const { interval } = query;
  const to = query.to ? parseDay(query.to) : parseDay(formatDay(today));
  const from = query.from
    ? parseDay(query.from)
    : back(interval, bucketStart(interval, to), DEFAULT_SERIES_BUCKETS[interval] - 1);
  if (from.getTime() > to.getTime()) {
    throw new AppError('VALIDATION_FAILED', 'invalid query.from', [
      { field: 'query.from', message: 'must not be after query.to' },
    ]);
  }
  const count = bucketsBetween(interval, from, to);
  const max = MAX_SERIES_BUCKETS[interval];
  if (count > max) {
    throw new AppError('VALIDATION_FAILED', 'invalid query.from', [
      {
        field: 'query.from',
        message: `the range holds ${count} ${interval}s; at most ${max} fit one ${interval} chart`,
      },
    ]);
  }
  return { interval, from: formatDay(from), to: formatDay(to) };
}

export interface DashboardDeps {
  db: Database;
  rules: PayoutDisplayRules;
}

/**
 * The seller dashboard and view counting. The dashboard joins sales to their
 * orders' payment time, which RLS shows buyers only, so it reads as system
 * code: the caller is checked first (the seller or an admin), then one
 * read-only, repeatable-read transaction gives every figure from one snapshot.
 */
export function createDashboardService({ db, rules }: DashboardDeps) {
  return {
    async dashboard(
      account: Account,
      sellerId: string,
      query: { interval: DashboardInterval; from?: string | undefined; to?: string | undefined },
    ): Promise<SellerDashboard> {
      const range = seriesRange(query, new Date());
      return db.transaction(
        async (tx) => {
          const seller = await authorizeSellerView(tx, account, sellerId);
          const { currency } = seller;
          const money = (amount: number) => ({ amount, currency });
          const totals = await sellerTotals(tx, sellerId, currency);
          const series = await sellerSeries(tx, sellerId, currency, range);
          const prompts = await sellerPrompts(tx, sellerId, currency, PROMPT_ROWS);
          const feedback = await recentFeedback(tx, sellerId, RECENT);
          const notifications = await recentSellerNotifications(tx, sellerId, RECENT);
          const [clock] = await tx.execute<{ now: string }>(sql`select now() as now`);
          return {
            sellerId,
            currency,
            generatedAt: iso(clock!.now)!,
            seller: lifecycleOf(seller, totals.published),
            totals: totalsOf([totals], Number(totals.views), currency),
            rating: {
              average: totals.rating_count > 0 ? Number(totals.rating_avg) : null,
              count: totals.rating_count,
            },
            payouts: await payoutSummary(tx, seller, rules),
            recentPayouts: await recentPayouts(tx, sellerId, RECENT),
            notifications: notifications.map((n) => ({
              id: n.id,
              type: n.type,
              title: n.title,
              body: n.body,
              createdAt: iso(n.created_at)!,
              readAt: iso(n.read_at),
            })),
            feedback: feedback.map((f) => ({
              id: f.id,
              rating: Number(f.rating),
              body: f.body,
              createdAt: iso(f.created_at)!,
              prompt: { id: f.prompt_id, slug: f.slug, title: f.title },
              buyer: { displayName: f.buyer_name, username: f.buyer_username },
              replied: f.replied,
            })),
            series: {
              ...range,
              currency,
              buckets: series.map((b) => ({
                start: b.start,
                sales: Number(b.sales),
                refunds: Number(b.refunds),
                gross: Number(b.gross),
                net: Number(b.net),
                views: Number(b.views),
              })),
              totals: totalsOf(
                series,
                series.reduce((sum, b) => sum + Number(b.views), 0),
                currency,
              ),
            },
            prompts: prompts.map(
              (p): DashboardPrompt => ({
                id: p.id,
                slug: p.slug,
                title: p.title,
                status: p.status as DashboardPrompt['status'],
                views: Number(p.views),
                sales: Number(p.sales),
                refunds: Number(p.refunds),
                conversion: conversionOf(Number(p.sales), Number(p.views)),
                rating: {
                  average: p.rating_count > 0 ? Number(p.rating_avg) : null,
                  count: p.rating_count,
                },
                gross: money(Number(p.gross)),
                net: money(Number(p.net)),
              }),
            ),
          };
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },

    /**
     * Counts a view of a published prompt by id or slug (system code: one
     * upsert). The prompt's seller and admins are not counted.
     */
    async recordView(viewerId: string | null, idOrSlug: string): Promise<PromptViewResult> {
      const prompt = UUID.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug };
      const outcome = await countPromptView(db, prompt, viewerId);
      if (!outcome) throw notFound(`prompt ${idOrSlug}`);
      return { counted: outcome === 'counted' };
    },
  };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
