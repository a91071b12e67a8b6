import type { DbOrTx } from '@promptnx/db';
import type { DashboardInterval } from '@promptnx/schema';
import { sql } from 'drizzle-orm';

// The dashboard's aggregates, each one statement over one seller's rows
// (order_items by seller_id, ledger and view counters by seller_id), so a
// seller with thousands of sales costs a few index range scans, not a loop.
// Amounts are summed in one currency; counts are across all.

/** A sale, as the dashboard counts it: an order item that was paid, refunded since or not. */
const SOLD = sql`i.status in ('paid', 'refunded')`;

export type MoneyRow = {
  sales: string;
  refunds: string;
  gross: string;
  refunded: string;
  fees: string;
  net: string;
};

const moneyColumns = (currency: string) => sql`
  count(*) filter (where i.status = 'paid') as sales,
  count(*) filter (where i.status = 'refunded') as refunds,
  coalesce(sum(i.price_amount) filter (where i.currency = ${currency}), 0) as gross,
  coalesce(sum(i.price_amount) filter (where i.status = 'refunded' and i.currency = ${currency}), 0) as refunded,
  coalesce(sum(i.platform_fee_amount) filter (where i.status = 'paid' and i.currency = ${currency}), 0) as fees,
  coalesce(sum(i.seller_earnings_amount) filter (where i.status = 'paid' and i.currency = ${currency}), 0) as net`;

/** All-time sales, views, rating and whether anything is published. */
export async function sellerTotals(tx: DbOrTx, sellerId: string, currency: string) {
  const [row] = await tx.execute<
    MoneyRow & {
      views: string;
      rating_avg: string | null;
      rating_count: number;
      published: boolean;
    }
  >(sql`
    select s.*,
           (select coalesce(sum(v.views), 0) from public.prompt_view_days v
             where v.seller_id = ${sellerId}) as views,
           r.rating_avg, r.rating_count,
           exists (select 1 from public.prompts p
                    where p.seller_id = ${sellerId} and p.status = 'published') as published
    from (select ${moneyColumns(currency)} from public.order_items i
           where i.seller_id = ${sellerId} and ${SOLD}) s,
         (select round(avg(r.rating), 2) as rating_avg, count(*)::int as rating_count
            from public.reviews r join public.prompts p on p.id = r.prompt_id
           where p.seller_id = ${sellerId} and r.status = 'published') r`);
  return row!;
}

export type SeriesRow = MoneyRow & { start: string; views: string };

const UNIT_STEP: Record<DashboardInterval, string> = {
  day: '1 day',
  week: '1 week',
  month: '1 month',
};

/**
 * One row per bucket from the bucket holding `from` to the one holding `to`,
 * zero-filled: sales by the UTC time their order was paid (a refunded sale
 * stays in its sale's bucket), views by their UTC day.
 */
export async function sellerSeries(
  tx: DbOrTx,
  sellerId: string,
  currency: string,
  range: { interval: DashboardInterval; from: string; to: string },
): Promise<SeriesRow[]> {
  const unit = range.interval;
  const step = UNIT_STEP[unit];
  return tx.execute<SeriesRow>(sql`
    with buckets as (
      select generate_series(
               date_trunc(${unit}, ${range.from}::date::timestamp),
               date_trunc(${unit}, ${range.to}::date::timestamp),
               ${step}::interval) as b
    ),
    bounds as (
      select min(b) as first, max(b) + ${step}::interval as after from buckets
    ),
    sold as (
      select date_trunc(${unit}, o.paid_at at time zone 'utc') as b, ${moneyColumns(currency)}
      from public.order_items i
      join public.orders o on o.id = i.order_id
      cross join bounds
      where i.seller_id = ${sellerId} and ${SOLD}
        and o.paid_at >= bounds.first at time zone 'utc'
        and o.paid_at < bounds.after at time zone 'utc'
      group by 1
    ),
    viewed as (
      select date_trunc(${unit}, v.day::timestamp) as b, sum(v.views) as views
      from public.prompt_view_days v
      cross join bounds
      where v.seller_id = ${sellerId}
        and v.day >= bounds.first::date and v.day < bounds.after::date
      group by 1
    )
    select to_char(buckets.b, 'YYYY-MM-DD') as start,
           coalesce(sold.sales, 0) as sales, coalesce(sold.refunds, 0) as refunds,
           coalesce(sold.gross, 0) as gross, coalesce(sold.refunded, 0) as refunded,
           coalesce(sold.fees, 0) as fees, coalesce(sold.net, 0) as net,
           coalesce(viewed.views, 0) as views
    from buckets
    left join sold on sold.b = buckets.b
    left join viewed on viewed.b = buckets.b
    order by buckets.b`);
}

export type PromptRow = MoneyRow & {
  id: string;
  slug: string;
  title: string;
  status: string;
  views: string;
  rating_avg: string;
  rating_count: number;
};

/** The seller's prompts in every status with their all-time figures, best earners first. */
export async function sellerPrompts(
  tx: DbOrTx,
  sellerId: string,
  currency: string,
  limit: number,
): Promise<PromptRow[]> {
  return tx.execute<PromptRow>(sql`
    select p.id, p.slug, p.title, p.status, p.rating_avg, p.rating_count,
           coalesce(s.sales, 0) as sales, coalesce(s.refunds, 0) as refunds,
           coalesce(s.gross, 0) as gross, coalesce(s.refunded, 0) as refunded,
           coalesce(s.fees, 0) as fees, coalesce(s.net, 0) as net,
           coalesce(v.views, 0) as views
    from public.prompts p
    left join (
      select i.prompt_id, ${moneyColumns(currency)}
      from public.order_items i
      where i.seller_id = ${sellerId} and ${SOLD}
      group by i.prompt_id
    ) s on s.prompt_id = p.id
    left join (
      select v.prompt_id, sum(v.views) as views
      from public.prompt_view_days v
      where v.seller_id = ${sellerId}
      group by v.prompt_id
    ) v on v.prompt_id = p.id
    where p.seller_id = ${sellerId}
    order by coalesce(s.net, 0) desc, coalesce(s.sales, 0) desc, p.created_at desc, p.id
    limit ${limit}`);
}

export type FeedbackRow = {
  id: string;
  rating: number;
  body: string;
  created_at: string;
  replied: boolean;
  prompt_id: string;
  slug: string;
  title: string;
  buyer_name: string;
  buyer_username: string | null;
};

/** The newest published reviews of the seller's prompts. */
export async function recentFeedback(tx: DbOrTx, sellerId: string, limit: number) {
  return tx.execute<FeedbackRow>(sql`
    select r.id, r.rating, r.body, r.created_at, r.seller_reply is not null as replied,
           p.id as prompt_id, p.slug, p.title,
           b.display_name as buyer_name, b.username as buyer_username
    from public.reviews r
    join public.prompts p on p.id = r.prompt_id
    join public.profiles b on b.id = r.buyer_id
    where p.seller_id = ${sellerId} and r.status = 'published'
    order by r.created_at desc, r.id desc
    limit ${limit}`);
}

/** Notification types that are about selling. */
export const SELLER_NOTIFICATION_TYPES = ['sale', 'payout', 'review', 'moderation', 'system'];

export type NotificationRow = {
  id: string;
  type: string;
  title: string;
  body: string;
  created_at: string;
  read_at: string | null;
};

export async function recentSellerNotifications(tx: DbOrTx, sellerId: string, limit: number) {
  return tx.execute<NotificationRow>(sql`
    select id, type, title, body, created_at, read_at
    from public.notifications
    where user_id = ${sellerId}
      and type in (${sql.join(
        SELLER_NOTIFICATION_TYPES.map((t) => sql`${t}`),
        sql`, `,
      )})
    order by created_at desc, id desc
    limit ${limit}`);
}

/**
 * Counts one view of a published prompt: one upsert on today's counter (UTC).
 * Nothing is counted for the prompt's own seller or an admin; `null` means
 * no published prompt has that id or slug.
 */
export async function countPromptView(
  tx: DbOrTx,
  prompt: { id: string } | { slug: string },
  viewerId: string | null,
): Promise<'counted' | 'skipped' | null> {
  const match = 'id' in prompt ? sql`p.id = ${prompt.id}` : sql`p.slug = ${prompt.slug}`;
  const counted = await tx.execute<{ views: number }>(sql`
    insert into public.prompt_view_days as d (prompt_id, day, seller_id, views)
    select p.id, (now() at time zone 'utc')::date, p.seller_id, 1
    from public.prompts p
    where ${match} and p.status = 'published'
      and p.seller_id is distinct from ${viewerId}::uuid
      and not exists (select 1 from public.profiles a
                       where a.id = ${viewerId}::uuid and a.role = 'admin')
    on conflict (prompt_id, day) do update set views = d.views + 1
    returning d.views`);
  if (counted.length > 0) return 'counted';
  const [exists] = await tx.execute<{ id: string }>(
    sql`select p.id from public.prompts p where ${match} and p.status = 'published'`,
  );
  return exists ? 'skipped' : null;
}
