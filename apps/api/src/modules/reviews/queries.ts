import type { DbOrTx } from '@promptnx/db';
import type { ReviewSort } from '@promptnx/schema';
import { type SQL, sql } from 'drizzle-orm';

// Reads of reviews and reports. They run as the request's role, so RLS
// decides what is visible (published reviews, the asker's own, all for admins).

export type PromptRow = {
  id: string;
  seller_id: string;
  slug: string;
  title: string;
  status: string;
  current_version_id: string | null;
};

/** A prompt the asker can see (RLS), or undefined. */
export async function findVisiblePrompt(tx: DbOrTx, promptId: string) {
  const [row] = await tx.execute<PromptRow>(sql`
    select id, seller_id, slug, title, status, current_version_id
    from public.prompts where id = ${promptId}`);
  return row;
}

/** The asker's active entitlement to a prompt, with the version its order item bought. */
export async function findEntitlement(tx: DbOrTx, promptId: string, userId: string) {
  const [row] = await tx.execute<{ order_item_id: string | null; version_id: string | null }>(sql`
    select e.order_item_id, i.version_id
    from public.entitlements e
    left join public.order_items i on i.id = e.order_item_id
    where e.prompt_id = ${promptId} and e.user_id = ${userId} and e.status = 'active'`);
  return row;
}

export type ReviewRow = {
  id: string;
  prompt_id: string;
  buyer_id: string;
  rating: number;
  body: string;
  model_used: string | null;
  status: 'pending' | 'published' | 'rejected' | 'hidden';
  moderation_reason: string | null;
  seller_reply: string | null;
  seller_replied_at: string | null;
  /** created_at as Postgres writes it (microseconds), for cursors. */
  created_at: string;
  edited_at: string | null;
  verified: boolean;
  version: number | null;
  seller_id: string;
  author_username: string | null;
  author_display_name: string;
  author_avatar_path: string | null;
  reported: boolean;
  revisions: number;
};

function reviewSelect(viewerId: string | null, where: SQL, tail: SQL = sql``) {
  const reported = viewerId
    ? sql`exists (select 1 from public.review_reports rr
                  where rr.review_id = r.id and rr.reporter_id = ${viewerId})`
    : sql`false`;
  return sql`
    select r.id, r.prompt_id, r.buyer_id, r.rating, r.body, r.model_used, r.status,
           r.moderation_reason, r.seller_reply, r.seller_replied_at, r.created_at::text as created_at,
           r.edited_at, r.order_item_id is not null as verified, v.version, p.seller_id,
           a.username as author_username, a.display_name as author_display_name,
           a.avatar_path as author_avatar_path, ${reported} as reported,
           (select count(*)::int from public.review_revisions h where h.review_id = r.id) as revisions
    from public.reviews r
    join public.prompts p on p.id = r.prompt_id
    join public.profiles a on a.id = r.buyer_id
    left join public.prompt_versions v on v.id = r.version_id
    where ${where}
    ${tail}`;
}

/** Where the next page starts: the last row's sort keys. */
export interface ReviewCursor {
  s: ReviewSort;
  /** [created_at] for newest; [rating, created_at] for highest and lowest. */
  k: (string | number)[];
  id: string;
}

/** One page of a prompt's published reviews, and the cursor of the next. */
export async function listPublishedReviews(
  tx: DbOrTx,
  promptId: string,
  sort: ReviewSort,
  after: ReviewCursor | undefined,
  limit: number,
  viewerId: string | null,
) {
  const newestAfter = (at: string | number, id: string) =>
    sql`(r.created_at, r.id) < (${String(at)}::timestamptz, ${id}::uuid)`;
  let order: SQL;
  let seek: SQL = sql`true`;
  if (sort === 'newest') {
    order = sql`r.created_at desc, r.id desc`;
    if (after) seek = newestAfter(after.k[0]!, after.id);
  } else {
    const beyond = sort === 'highest' ? sql`<` : sql`>`;
    order =
      sort === 'highest'
        ? sql`r.rating desc, r.created_at desc, r.id desc`
        : sql`r.rating asc, r.created_at desc, r.id desc`;
    if (after) {
      const rating = Number(after.k[0]);
      seek = sql`(r.rating ${beyond} ${rating} or (r.rating = ${rating} and ${newestAfter(after.k[1]!, after.id)}))`;
    }
  }
  const rows = await tx.execute<ReviewRow>(
    reviewSelect(
      viewerId,
      sql`r.prompt_id = ${promptId} and r.status = 'published' and ${seek}`,
      sql`order by ${order} limit ${limit + 1}`,
    ),
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next: ReviewCursor | null =
    rows.length > limit && last
      ? {
          s: sort,
          k: sort === 'newest' ? [last.created_at] : [last.rating, last.created_at],
          id: last.id,
        }
      : null;
  return { rows: page, next };
}

export async function findReview(tx: DbOrTx, reviewId: string, viewerId: string | null) {
  const [row] = await tx.execute<ReviewRow>(reviewSelect(viewerId, sql`r.id = ${reviewId}`));
  return row;
}

export async function findReviewOf(tx: DbOrTx, promptId: string, buyerId: string) {
  const [row] = await tx.execute<ReviewRow>(
    reviewSelect(buyerId, sql`r.prompt_id = ${promptId} and r.buyer_id = ${buyerId}`),
  );
  return row;
}

/** Published reviews per star (index 0 = one star), their number and average. */
export async function reviewSummary(tx: DbOrTx, promptId: string) {
  const rows = await tx.execute<{ rating: number; n: number }>(sql`
    select rating, count(*)::int as n from public.reviews
    where prompt_id = ${promptId} and status = 'published' group by rating`);
  const distribution = [0, 0, 0, 0, 0];
  let count = 0;
  let sum = 0;
  for (const { rating, n } of rows) {
    distribution[rating - 1] = n;
    count += n;
    sum += rating * n;
  }
  const average = count > 0 ? Math.round((sum / count) * 100) / 100 : 0;
  return { average, count, distribution };
}
