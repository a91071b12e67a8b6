import { randomUUID } from 'node:crypto';
import type { Prompt } from '@promptnx/db';
import {
  createPaidOrder,
  createPublishedPrompt,
  createReview,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  adminReportSchema,
  adminReviewDetailSchema,
  adminReviewListSchema,
  bulkResultSchema,
  problemSchema,
} from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const { sql } = database;
const app = await buildTestApp(database, authEnv);

const admin = await createUser(database.db, { role: 'admin' });
const { headers } = await signIn(database, admin);

const get = (url: string) => app.inject({ url, headers });
const post = (url: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

/** A seller's published prompt, bought by a new buyer, reviewed by them. */
async function boughtAndReviewed(
  options: {
    seller?: TestUser;
    prompt?: Prompt;
    rating?: number;
    status?: 'pending' | 'published' | 'rejected' | 'hidden';
    body?: string;
  } = {},
) {
  const seller = options.seller ?? (await createSeller(database.db));
  const prompt =
    options.prompt ??
    (await createPublishedPrompt(database.db, seller, { priceAmount: 500 })).prompt;
  const buyer = await createUser(database.db);
  const purchase = await createPaidOrder(database.db, buyer, [
    { prompt, version: { id: prompt.currentVersionId! } as never },
  ]);
  const review = await createReview(database.db, buyer, prompt, {
    rating: options.rating ?? 4,
    status: options.status ?? 'pending',
    body: options.body ?? 'Worked **first** time.',
  });
  await sql`update reviews set order_item_id = ${purchase.items[0]!.id},
              version_id = ${prompt.currentVersionId} where id = ${review.id}`;
  return { seller, prompt, buyer, review, purchase };
}

async function report(reviewId: string, reason = 'spam', reporter?: TestUser) {
  const who = reporter ?? (await createUser(database.db));
  const [row] = await sql<{ id: string }[]>`
    insert into review_reports (review_id, reporter_id, reason, details)
    values (${reviewId}, ${who.id}, ${reason}, 'looks fake') returning id`;
  return { id: row!.id, reporter: who };
}

const ratingOf = async (promptId: string) => {
  const [row] = await sql<{ rating_avg: string; rating_count: number }[]>`
    select rating_avg, rating_count from prompts where id = ${promptId}`;
  return { avg: Number(row!.rating_avg), count: row!.rating_count };
};

const auditRows = (entityId: string) =>
  sql<
    {
      actor_id: string;
      action: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      reason: string | null;
      ip: string | null;
    }[]
  >`select actor_id, action, before, after, reason, host(ip) as ip from audit_logs
    where entity_id = ${entityId} order by id`;

const notificationsOf = (userId: string) =>
  sql<{ type: string; title: string; body: string; data: Record<string, unknown> }[]>`
    select type, title, body, data from notifications where user_id = ${userId} order by created_at`;

describe('the review queues', () => {
  it('lists pending reviews oldest first with the prompt, the buyer and the seller', async () => {
    const first = await boughtAndReviewed({ body: 'First <script>alert(1)</script>' });
    const second = await boughtAndReviewed();
    await boughtAndReviewed({ status: 'published' });
    const res = await get('/api/admin/reviews?limit=100');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const { items } = adminReviewListSchema.parse(res.json());
    expect(items.every((i) => i.status === 'pending')).toBe(true);
    const ids = items.map((i) => i.id);
    expect(ids.indexOf(first.review.id)).toBeLessThan(ids.indexOf(second.review.id));
    const item = items.find((i) => i.id === first.review.id)!;
    expect(item).toMatchObject({
      prompt: { id: first.prompt.id, slug: first.prompt.slug, status: 'published' },
      buyer: { id: first.buyer.id, status: 'active' },
      seller: { id: first.seller.id, status: 'active' },
      reports: { open: 0, total: 0, reasons: [] },
    });
    // The text goes through the sanitizer: no script survives.
    expect(item.bodyHtml).not.toContain('<script');
  });

  it('lists reported reviews with the reasons of their open reports, and filters by reason', async () => {
    const spam = await boughtAndReviewed({ status: 'published' });
    await report(spam.review.id, 'spam');
    await report(spam.review.id, 'fake');
    const offensive = await boughtAndReviewed({ status: 'published' });
    await report(offensive.review.id, 'offensive');
    const closed = await boughtAndReviewed({ status: 'published' });
    const done = await report(closed.review.id, 'spam');
    await sql`update review_reports set status = 'dismissed' where id = ${done.id}`;

    const { items } = adminReviewListSchema.parse(
      (await get('/api/admin/reviews?queue=reported&limit=100')).json(),
    );
    const ids = items.map((i) => i.id);
    expect(ids).toContain(spam.review.id);
    expect(ids).toContain(offensive.review.id);
    expect(ids).not.toContain(closed.review.id);
    expect(items.find((i) => i.id === spam.review.id)?.reports).toMatchObject({
      open: 2,
      total: 2,
      reasons: ['fake', 'spam'],
    });
    const filtered = adminReviewListSchema.parse(
      (await get('/api/admin/reviews?queue=reported&reason=offensive&limit=100')).json(),
    );
    expect(filtered.items.map((i) => i.id)).toEqual([offensive.review.id]);
  });

  it('filters by buyer, seller, words and dates', async () => {
    const seller = await createSeller(database.db);
    const a = await boughtAndReviewed({ seller, body: 'The zanzibarian trick works' });
    const b = await boughtAndReviewed({ seller });
    const byBuyer = adminReviewListSchema.parse(
      (await get(`/api/admin/reviews?queue=all&buyerId=${a.buyer.id}`)).json(),
    );
    expect(byBuyer.items.map((i) => i.id)).toEqual([a.review.id]);
    const bySeller = adminReviewListSchema.parse(
      (await get(`/api/admin/reviews?queue=all&sellerId=${seller.id}`)).json(),
    );
    expect(bySeller.items.map((i) => i.id).sort()).toEqual([a.review.id, b.review.id].sort());
    const byWords = adminReviewListSchema.parse(
      (await get('/api/admin/reviews?queue=all&q=ZANZIBARIAN')).json(),
    );
    expect(byWords.items.map((i) => i.id)).toEqual([a.review.id]);
    const future = adminReviewListSchema.parse(
      (await get(`/api/admin/reviews?queue=all&sellerId=${seller.id}&from=2999-01-01`)).json(),
    );
    expect(future.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const upToToday = adminReviewListSchema.parse(
      (await get(`/api/admin/reviews?queue=all&sellerId=${seller.id}&to=${today}`)).json(),
    );
    expect(upToToday.items).toHaveLength(2);
  });

  it('pages with a cursor, each review once', async () => {
    const seller = await createSeller(database.db);
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await boughtAndReviewed({ seller })).review.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `/api/admin/reviews?sellerId=${seller.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = adminReviewListSchema.parse((await get(query)).json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
  });

  it('answers 400 naming the field for a bad queue, date, id or cursor', async () => {
    for (const [query, field] of [
      ['queue=everything', 'query.queue'],
      ['from=yesterday', 'query.from'],
      ['buyerId=42', 'query.buyerId'],
      ['cursor=bm90LWEtY3Vyc29y', 'query.cursor'],
      ['from=2026-05-02&to=2026-05-01', 'query.from'],
      ['limit=1000', 'query.limit'],
    ]) {
      const res = await get(`/api/admin/reviews?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(problemSchema.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
    }
    // A cursor of another queue is not one for this queue.
    const seller = await createSeller(database.db);
    await boughtAndReviewed({ seller });
    await boughtAndReviewed({ seller });
    const page = adminReviewListSchema.parse(
      (await get(`/api/admin/reviews?queue=all&sellerId=${seller.id}&limit=1`)).json(),
    );
    const other = await get(`/api/admin/reviews?queue=pending&cursor=${page.nextCursor}`);
    expect(other.statusCode).toBe(400);
  });
});

describe('a review item', () => {
  it('carries the purchase, the version bought, both records and the reports', async () => {
    const seller = await createSeller(database.db);
    const earlier = await boughtAndReviewed({ seller, status: 'hidden' });
    const { prompt, buyer, review, purchase } = await boughtAndReviewed({ seller });
    const { reporter } = await report(review.id, 'fake');
    await report(earlier.review.id, 'spam');
    await sql`insert into refunds (order_id, kind, requested_by, status, item_ids, amount, reason)
              values (${purchase.order.id}, 'buyer_request', ${buyer.id}, 'requested',
                      ${[purchase.items[0]!.id]}, 500, 'did not work')`;

    const res = await get(`/api/admin/reviews/${review.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const detail = adminReviewDetailSchema.parse(res.json());
    expect(detail.purchase).toMatchObject({
      orderId: purchase.order.id,
      orderItemId: purchase.items[0]!.id,
      itemStatus: 'paid',
      price: { amount: 500, currency: 'usd' },
      entitlement: { source: 'purchase', status: 'active' },
      versionBought: 1,
      currentVersion: 1,
    });
    expect(detail.buyerHistory).toMatchObject({
      userId: buyer.id,
      reviews: { written: 1, pending: 1 },
      reportsAgainst: { total: 1, open: 1 },
      orders: 1,
      refunds: { asBuyer: 1 },
      accountAgeDays: 0,
    });
    expect(detail.sellerHistory).toMatchObject({
      userId: seller.id,
      role: 'seller',
      sales: 2,
      refunds: { asSeller: 1 },
      prompts: { total: 2, published: 2 },
    });
    expect(detail.reportList).toEqual([
      expect.objectContaining({
        kind: 'review',
        targetId: review.id,
        reason: 'fake',
        details: 'looks fake',
        status: 'open',
        reporter: expect.objectContaining({ id: reporter.id }),
      }),
    ]);
    expect(detail.prompt.id).toBe(prompt.id);
    expect((await get(`/api/admin/reviews/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('review decisions', () => {
  it('approving publishes the review, counts it in the rating, audits and tells the buyer', async () => {
    const { prompt, buyer, review } = await boughtAndReviewed({ rating: 2 });
    expect(await ratingOf(prompt.id)).toEqual({ avg: 0, count: 0 });
    const res = await post(`/api/admin/reviews/${review.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(adminReviewDetailSchema.parse(res.json()).status).toBe('published');
    expect(await ratingOf(prompt.id)).toEqual({ avg: 2, count: 1 });
    const [row] = await auditRows(review.id);
    expect(row).toMatchObject({
      actor_id: admin.id,
      action: 'review.approved',
      before: { status: 'pending' },
      after: { status: 'published' },
      ip: '127.0.0.1',
    });
    const notices = await notificationsOf(buyer.id);
    expect(notices.at(-1)).toMatchObject({
      type: 'moderation',
      title: expect.stringContaining('is published'),
      data: expect.objectContaining({ reviewId: review.id, promptId: prompt.id }),
    });
  });

  it('hiding a published review changes the rating at once, resolves its reports and tells everyone', async () => {
    const seller = await createSeller(database.db);
    const { prompt } = await createPublishedPrompt(database.db, seller);
    const good = await boughtAndReviewed({ seller, prompt, rating: 5, status: 'published' });
    const bad = await boughtAndReviewed({ seller, prompt, rating: 1, status: 'published' });
    expect(await ratingOf(prompt.id)).toEqual({ avg: 3, count: 2 });
    const { id: reportId, reporter } = await report(bad.review.id, 'offensive');

    const reason = 'Insults the seller instead of reviewing the prompt.';
    const res = await post(`/api/admin/reviews/${bad.review.id}/hide`, { reason });
    expect(res.statusCode, res.body).toBe(200);
    const detail = adminReviewDetailSchema.parse(res.json());
    expect(detail).toMatchObject({ status: 'hidden', moderationReason: reason });
    expect(detail.reportList[0]).toMatchObject({ id: reportId, status: 'resolved' });
    expect(await ratingOf(prompt.id)).toEqual({ avg: 5, count: 1 });

    const [row] = await auditRows(bad.review.id);
    expect(row).toMatchObject({
      action: 'review.hidden',
      before: { status: 'published', moderationReason: null },
      after: { status: 'hidden', moderationReason: reason, resolvedReports: [reportId] },
      reason,
    });
    expect((await notificationsOf(bad.buyer.id)).at(-1)).toMatchObject({
      title: expect.stringContaining('was hidden'),
      body: reason,
    });
    expect((await notificationsOf(reporter.id)).at(-1)?.title).toMatch(/acted on the review/);
    // Public readers no longer see it.
    const publicList = await app.inject(`/api/prompts/${prompt.id}/reviews`);
    expect(publicList.statusCode).toBe(200);
    expect(publicList.body).toContain(good.review.id);
    expect(publicList.body).not.toContain(bad.review.id);

    const restored = await post(`/api/admin/reviews/${bad.review.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await ratingOf(prompt.id)).toEqual({ avg: 3, count: 2 });
    expect((await auditRows(bad.review.id)).map((r) => r.action)).toEqual([
      'review.hidden',
      'review.restored',
    ]);
    expect((await app.inject(`/api/prompts/${prompt.id}/reviews`)).body).toContain(bad.review.id);
  });

  it('rejecting needs a reason (400 naming it) and keeps the review out of the rating', async () => {
    const { prompt, review } = await boughtAndReviewed({ rating: 1 });
    for (const payload of [undefined, {}, { reason: ' x ' }, { reason: 'ok', extra: 1 }]) {
      const res = await post(`/api/admin/reviews/${review.id}/reject`, payload);
      expect(res.statusCode).toBe(400);
      const fields = problemSchema.parse(res.json()).errors?.map((e) => e.field) ?? [];
      expect(fields.some((f) => f === 'reason' || f === 'body' || f === 'extra')).toBe(true);
    }
    const res = await post(`/api/admin/reviews/${review.id}/reject`, {
      reason: 'Talks about another prompt.',
    });
    expect(res.statusCode).toBe(200);
    expect(adminReviewDetailSchema.parse(res.json())).toMatchObject({
      status: 'rejected',
      moderationReason: 'Talks about another prompt.',
    });
    expect(await ratingOf(prompt.id)).toEqual({ avg: 0, count: 0 });
  });

  it('refuses transitions that do not apply with 409, and changes nothing', async () => {
    const pending = await boughtAndReviewed();
    const published = await boughtAndReviewed({ status: 'published' });
    const reason = { reason: 'Not allowed here.' };
    for (const [id, path, body] of [
      [published.review.id, 'approve', undefined],
      [published.review.id, 'reject', reason],
      [published.review.id, 'restore', undefined],
      [pending.review.id, 'hide', reason],
      [pending.review.id, 'restore', undefined],
      [pending.review.id, 'dismiss-reports', undefined],
    ] as const) {
      const res = await post(`/api/admin/reviews/${id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(409);
      expect(problemSchema.parse(res.json()).code).toBe('CONFLICT');
    }
    const statuses = await sql<{ status: string }[]>`
      select status from reviews where id in (${pending.review.id}, ${published.review.id})
      order by (id = ${pending.review.id}) desc`;
    expect(statuses.map((r) => r.status)).toEqual(['pending', 'published']);
    expect(await auditRows(pending.review.id)).toEqual([]);
    expect((await post(`/api/admin/reviews/${randomUUID()}/approve`)).statusCode).toBe(404);
  });

  it('decides once when two admins hide the same review at the same time', async () => {
    const { prompt, review } = await boughtAndReviewed({ rating: 1, status: 'published' });
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        post(`/api/admin/reviews/${review.id}/hide`, { reason: 'Spam, reported twice.' }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await auditRows(review.id)).map((r) => r.action)).toEqual(['review.hidden']);
    expect(await ratingOf(prompt.id)).toEqual({ avg: 0, count: 0 });
  });

  it('keeps a reported review by dismissing its reports', async () => {
    const { review } = await boughtAndReviewed({ status: 'published' });
    const { reporter } = await report(review.id, 'spam');
    const res = await post(`/api/admin/reviews/${review.id}/dismiss-reports`, {
      reason: 'An honest review.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = adminReviewDetailSchema.parse(res.json());
    expect(detail.status).toBe('published');
    expect(detail.reports.open).toBe(0);
    expect(detail.reportList[0]?.status).toBe('dismissed');
    expect((await notificationsOf(reporter.id)).at(-1)?.title).toMatch(/left it up/);
    expect((await auditRows(review.id))[0]).toMatchObject({
      action: 'review.reports_dismissed',
      before: { openReports: 1 },
      after: { openReports: 0 },
      reason: 'An honest review.',
    });
  });

  it('decides a single report once (409 the second time)', async () => {
    const { review } = await boughtAndReviewed({ status: 'published' });
    const { id } = await report(review.id, 'fake');
    const res = await post(`/api/admin/review-reports/${id}/dismiss`);
    expect(res.statusCode, res.body).toBe(200);
    expect(adminReportSchema.parse(res.json())).toMatchObject({ id, status: 'dismissed' });
    expect((await post(`/api/admin/review-reports/${id}/resolve`)).statusCode).toBe(409);
    expect((await auditRows(id)).map((r) => r.action)).toEqual(['review_report.dismissed']);
    expect((await post(`/api/admin/review-reports/${randomUUID()}/resolve`)).statusCode).toBe(404);
  });
});

describe('bulk review decisions', () => {
  it('decides each item in its own transaction, with a result and an audit row per item', async () => {
    const seller = await createSeller(database.db);
    const { prompt } = await createPublishedPrompt(database.db, seller);
    const a = await boughtAndReviewed({ seller, prompt, rating: 5 });
    const b = await boughtAndReviewed({ seller, prompt, rating: 3 });
    const done = await boughtAndReviewed({ seller, prompt, rating: 1, status: 'published' });
    const missing = randomUUID();
    const res = await post('/api/admin/reviews/bulk', {
      action: 'approve',
      ids: [a.review.id, done.review.id, b.review.id, missing, a.review.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = bulkResultSchema.parse(res.json());
    expect(result).toMatchObject({ succeeded: 2, failed: 2 });
    expect(result.results).toEqual([
      { id: a.review.id, ok: true, status: 'published', error: null },
      {
        id: done.review.id,
        ok: false,
        status: null,
        error: { code: 'CONFLICT', detail: expect.any(String) },
      },
      { id: b.review.id, ok: true, status: 'published', error: null },
      {
        id: missing,
        ok: false,
        status: null,
        error: { code: 'NOT_FOUND', detail: expect.any(String) },
      },
    ]);
    expect(await ratingOf(prompt.id)).toEqual({ avg: 3, count: 3 });
    for (const id of [a.review.id, b.review.id]) {
      expect((await auditRows(id)).map((r) => r.action)).toEqual(['review.approved']);
    }
    expect(await auditRows(done.review.id)).toEqual([]);

    const hidden = await post('/api/admin/reviews/bulk', {
      action: 'hide',
      ids: [a.review.id, b.review.id],
      reason: 'A ring of fake reviews.',
    });
    expect(bulkResultSchema.parse(hidden.json()).succeeded).toBe(2);
    expect(await ratingOf(prompt.id)).toEqual({ avg: 1, count: 1 });
    for (const id of [a.review.id, b.review.id]) {
      const rows = await auditRows(id);
      expect(rows.at(-1)).toMatchObject({
        action: 'review.hidden',
        before: { status: 'published' },
        after: { status: 'hidden' },
        reason: 'A ring of fake reviews.',
      });
    }
  });

  it('answers 400 naming the field for a missing reason, a bad id or too many ids', async () => {
    for (const [payload, field] of [
      [{ action: 'hide', ids: [randomUUID()] }, 'reason'],
      [{ action: 'approve', ids: ['nope'] }, 'ids.0'],
      [{ action: 'approve', ids: [] }, 'ids'],
      [{ action: 'approve', ids: Array.from({ length: 101 }, () => randomUUID()) }, 'ids'],
      [{ action: 'delete', ids: [randomUUID()] }, 'action'],
    ] as const) {
      const res = await post('/api/admin/reviews/bulk', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemSchema.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
    }
  });
});
