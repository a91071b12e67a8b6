import type { DbOrTx } from '@promptnx/db';
import type { AdminUserHistory } from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { iso } from './moderation-common.js';

type HistoryRow = {
  id: string;
  role: AdminUserHistory['role'];
  status: AdminUserHistory['status'];
  suspended_reason: string | null;
  created_at: string;
  age_days: number;
  reviews_written: number;
  reviews_published: number;
  reviews_pending: number;
  reviews_rejected: number;
  reviews_hidden: number;
  reports_against: number;
  reports_against_open: number;
  reports_filed: number;
  orders: number;
  refunds_as_buyer: number;
  refunds_as_seller: number;
  sales: number;
  prompts_total: number;
  prompts_published: number;
  prompts_hidden: number;
};

/**
 * The record of each user, as a moderator weighs a decision: what they wrote,
 * what others reported, what they bought, sold and had refunded. System code
 * (admins may read all of it). Counts, one statement for all the ids.
 */
export async function userHistories(
  db: DbOrTx,
  userIds: string[],
): Promise<Map<string, AdminUserHistory>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.execute<HistoryRow>(sql`
    select p.id, p.role, p.status, p.suspended_reason, p.created_at,
           greatest(0, floor(extract(epoch from now() - p.created_at) / 86400))::int as age_days,
           r.written as reviews_written, r.published as reviews_published, r.pending as reviews_pending,
           r.rejected as reviews_rejected, r.hidden as reviews_hidden,
           (ra.total + pa.total)::int as reports_against, (ra.open + pa.open)::int as reports_against_open,
           ((select count(*) from public.review_reports x where x.reporter_id = p.id)
             + (select count(*) from public.prompt_reports x where x.reporter_id = p.id))::int as reports_filed,
           (select count(*) from public.orders o
             where o.buyer_id = p.id and o.status in ('paid', 'refunded', 'partially_refunded'))::int as orders,
           (select count(*) from public.refunds f join public.orders o on o.id = f.order_id
             where o.buyer_id = p.id)::int as refunds_as_buyer,
           (select count(*) from public.refunds f
             where exists (select 1 from public.order_items i
                           where i.id = any(f.item_ids) and i.seller_id = p.id))::int as refunds_as_seller,
           (select count(*) from public.order_items i
             where i.seller_id = p.id and i.status = 'paid')::int as sales,
           pr.total as prompts_total, pr.published as prompts_published, pr.hidden as prompts_hidden
    from public.profiles p
    cross join lateral (
      select count(*)::int as written,
             count(*) filter (where x.status = 'published')::int as published,
             count(*) filter (where x.status = 'pending')::int as pending,
             count(*) filter (where x.status = 'rejected')::int as rejected,
             count(*) filter (where x.status = 'hidden')::int as hidden
      from public.reviews x where x.buyer_id = p.id) r
    cross join lateral (
      select count(*)::int as total, count(*) filter (where rr.status = 'open')::int as open
      from public.review_reports rr join public.reviews x on x.id = rr.review_id
      where x.buyer_id = p.id) ra
    cross join lateral (
      select count(*)::int as total, count(*) filter (where pp.status = 'open')::int as open
      from public.prompt_reports pp join public.prompts x on x.id = pp.prompt_id
      where x.seller_id = p.id) pa
    cross join lateral (
      select count(*)::int as total,
             count(*) filter (where x.status = 'published')::int as published,
             count(*) filter (where x.status = 'hidden')::int as hidden
      from public.prompts x where x.seller_id = p.id) pr
    where p.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const histories = new Map<string, AdminUserHistory>();
  for (const row of rows) {
    histories.set(row.id, {
      userId: row.id,
      role: row.role,
      status: row.status,
      suspendedReason: row.suspended_reason,
      accountCreatedAt: iso(row.created_at),
      accountAgeDays: Number(row.age_days),
      reviews: {
        written: Number(row.reviews_written),
        published: Number(row.reviews_published),
        pending: Number(row.reviews_pending),
        rejected: Number(row.reviews_rejected),
        hidden: Number(row.reviews_hidden),
      },
      reportsAgainst: {
        total: Number(row.reports_against),
        open: Number(row.reports_against_open),
      },
      reportsFiled: Number(row.reports_filed),
      orders: Number(row.orders),
      refunds: { asBuyer: Number(row.refunds_as_buyer), asSeller: Number(row.refunds_as_seller) },
      sales: Number(row.sales),
      prompts: {
        total: Number(row.prompts_total),
        published: Number(row.prompts_published),
        hidden: Number(row.prompts_hidden),
      },
    });
  }
  return histories;
}

/** One user's history; undefined when there is no such profile. */
export async function userHistory(db: DbOrTx, userId: string) {
  return (await userHistories(db, [userId])).get(userId);
}
