import {
  auditLogs,
  notifications,
  promptReports,
  reviewReports,
  reviewRevisions,
  reviews,
} from '@promptnx/db';
import {
  createCategory,
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
  grantEntitlement,
  type TestPrompt,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  myReviewSchema,
  ownReviewSchema,
  PROBLEM_CONTENT_TYPE,
  reportSchema,
  reviewListSchema,
  reviewSchema,
} from '@promptnx/schema';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const { db } = database;
const app = await buildTestApp(database, authEnv);
const category = await createCategory(db);

type Headers = { authorization: string };
const TEMPLATE = 'SECRET-TEMPLATE: write a haiku about [topic] in the voice of [poet].';

const XSS = [
  '<script>alert("body")</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '<a href="javascript:alert(2)">raw link</a>',
  '<svg onload=alert(3)>',
  '<iframe src="https://evil.test"></iframe>',
  '[data](data:text/html;base64,PHNjcmlwdD4=)',
].join('\n\n');
const FORBIDDEN_HTML = [
  '<script',
  'onerror',
  'onload',
  'javascript:',
  '<img',
  '<svg',
  '<iframe',
  'data:text',
];

function expectInert(html: string) {
  for (const bad of FORBIDDEN_HTML) expect(html.toLowerCase()).not.toContain(bad);
}

let seller: TestUser;
let sellerHeaders: Headers;
const as = async (user: TestUser) => (await signIn(database, user)).headers;

beforeAll(async () => {
  seller = await createSeller(db);
  sellerHeaders = await as(seller);
});

async function listing(): Promise<TestPrompt> {
  return createPublishedPrompt(db, seller, { categoryId: category.id, template: TEMPLATE });
}

/** A buyer who paid for the prompt (an order item, so the review is a verified purchase). */
async function buyerOf(p: TestPrompt) {
  const user = await createUser(db);
  await createPaidOrder(db, user, [p]);
  return { user, headers: await as(user) };
}

const review = (promptId: string, headers: Headers | undefined, payload: unknown) =>
  app.inject({
    method: 'POST',
    url: `/api/prompts/${promptId}/reviews`,
    ...(headers ? { headers } : {}),
    payload: payload as Record<string, unknown>,
  });

const good = { rating: 4, body: 'Saved me an hour on every post.', modelUsed: 'claude' };

const list = (promptId: string, query = '', headers?: Headers) =>
  app.inject({
    method: 'GET',
    url: `/api/prompts/${promptId}/reviews${query}`,
    ...(headers ? { headers } : {}),
  });

const setStatus = (id: string, status: 'published' | 'hidden' | 'rejected' | 'pending') =>
  db.update(reviews).set({ status }).where(eq(reviews.id, id));

async function ratingOf(promptId: string) {
  const response = await app.inject({ method: 'GET', url: `/api/prompts/${promptId}` });
  return response.json().rating as { average: number; count: number };
}

/** A published review by a new buyer, written through the API and approved. */
async function publishedReview(p: TestPrompt, payload: Record<string, unknown> = good) {
  const buyer = await buyerOf(p);
  const response = await review(p.prompt.id, buyer.headers, payload);
  expect(response.statusCode).toBe(201);
  const id = response.json().id as string;
  await setStatus(id, 'published');
  return { ...buyer, id };
}

describe('writing a review', () => {
  it('is refused to someone who does not own the prompt (403), writing nothing', async () => {
    const p = await listing();
    const stranger = await createUser(db);
    const response = await review(p.prompt.id, await as(stranger), good);
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(response.json()).toMatchObject({ code: 'NOT_ENTITLED' });
    expect(await db.select().from(reviews).where(eq(reviews.promptId, p.prompt.id))).toEqual([]);
  });

  it('is refused to the seller of the prompt (403)', async () => {
    const p = await listing();
    const response = await review(p.prompt.id, sellerHeaders, good);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'OWN_PROMPT' });
  });

  it('needs a signed-in user (401) and a prompt that exists (404)', async () => {
    const p = await listing();
    expect((await review(p.prompt.id, undefined, good)).statusCode).toBe(401);
    const buyer = await buyerOf(p);
    const missing = await review('00000000-0000-4000-8000-000000000000', buyer.headers, good);
    expect(missing.statusCode).toBe(404);
  });

  it('by a buyer is pending, records the version bought and the model used', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    const response = await review(p.prompt.id, buyer.headers, good);
    expect(response.statusCode).toBe(201);
    const written = ownReviewSchema.parse(response.json());
    expect(written).toMatchObject({
      promptId: p.prompt.id,
      rating: 4,
      body: good.body,
      bodyHtml: `<p>${good.body}</p>`,
      status: 'pending',
      version: 1,
      modelUsed: 'claude',
      verifiedPurchase: true,
      editedAt: null,
      revisions: 0,
      viewer: { isAuthor: true, canReply: false, reported: false },
    });
    const [row] = await db.select().from(reviews).where(eq(reviews.id, written.id));
    expect(row).toMatchObject({ versionId: p.version.id, buyerId: buyer.user.id });
    expect(row!.orderItemId).not.toBeNull();
    // Pending: the public list does not show it; the buyer's own view does.
    expect(reviewListSchema.parse((await list(p.prompt.id)).json()).items).toEqual([]);
    const mine = await app.inject({
      method: 'GET',
      url: `/api/prompts/${p.prompt.id}/reviews/mine`,
      headers: buyer.headers,
    });
    expect(myReviewSchema.parse(mine.json())).toMatchObject({
      canReview: true,
      reason: null,
      review: { id: written.id, status: 'pending' },
    });
  });

  it('a second time edits the first, keeps the old text and goes back to moderation', async () => {
    const p = await listing();
    const { id, headers } = await publishedReview(p);
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 4, count: 1 });
    const response = await review(p.prompt.id, headers, {
      rating: 2,
      body: 'It stopped working with the new model.',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id,
      rating: 2,
      status: 'pending',
      modelUsed: null,
      revisions: 1,
    });
    expect(response.json().editedAt).not.toBeNull();
    expect(await db.select().from(reviews).where(eq(reviews.promptId, p.prompt.id))).toHaveLength(
      1,
    );
    const history = await db.select().from(reviewRevisions).where(eq(reviewRevisions.reviewId, id));
    expect(history).toMatchObject([
      { rating: 4, body: good.body, modelUsed: 'claude', status: 'published' },
    ]);
    // Back in the queue: out of the list and the rating at once.
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 0, count: 0 });
    expect(reviewListSchema.parse((await list(p.prompt.id)).json()).items).toEqual([]);
  });

  it('from a free or granted prompt records the current version, not a purchase', async () => {
    const p = await listing();
    const user = await createUser(db);
    await grantEntitlement(db, user, p.prompt, 'free');
    const response = await review(p.prompt.id, await as(user), good);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ version: 1, verifiedPurchase: false });
  });

  it('refuses bad input with a 400 that names the field, writing nothing', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, rating: 6 }, 'rating'],
      [{ ...good, rating: 0 }, 'rating'],
      [{ ...good, rating: 4.5 }, 'rating'],
      [{ ...good, rating: '5' }, 'rating'],
      [{ ...good, body: 'short' }, 'body'],
      [{ ...good, body: 'x'.repeat(5001) }, 'body'],
      [{ ...good, modelUsed: 'gpt-17-ultra' }, 'modelUsed'],
      [{ ...good, status: 'published' }, 'status'],
      [{ rating: 5 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await review(p.prompt.id, buyer.headers, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await db.select().from(reviews).where(eq(reviews.promptId, p.prompt.id))).toEqual([]);
  });

  it('is limited per user: the 11th write within the hour is a 429 problem', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    for (let i = 0; i < 10; i++) {
      const response = await review(p.prompt.id, buyer.headers, { ...good, rating: (i % 5) + 1 });
      expect(response.statusCode).toBeLessThan(300);
    }
    const refused = await review(p.prompt.id, buyer.headers, good);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
  });
});

describe('Markdown in reviews and replies', () => {
  it('renders XSS payloads inert in bodyHtml, for the author, the list and the reply', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    const written = await review(p.prompt.id, buyer.headers, {
      rating: 1,
      body: `**Careful**\n\n${XSS}`,
    });
    expect(written.statusCode).toBe(201);
    expectInert(written.json().bodyHtml);
    expect(written.json().bodyHtml).toContain('<strong>Careful</strong>');
    // The source comes back as written, as text.
    expect(written.json().body).toContain('<script>alert("body")</script>');
    await setStatus(written.json().id, 'published');
    const replied = await app.inject({
      method: 'POST',
      url: `/api/reviews/${written.json().id}/reply`,
      headers: sellerHeaders,
      payload: { body: `Sorry to hear that.\n\n${XSS}` },
    });
    expect(replied.statusCode).toBe(201);
    expectInert(replied.json().reply.bodyHtml);
    const [item] = reviewListSchema.parse((await list(p.prompt.id)).json()).items;
    expectInert(item!.bodyHtml);
    expectInert(item!.reply!.bodyHtml);
    expect(item!.reply!.bodyHtml).toContain('Sorry to hear that.');
  });
});

describe('the prompt rating', () => {
  it('changes when a review is published, at once when hidden, and drops an edited one', async () => {
    const p = await listing();
    const first = await publishedReview(p, { ...good, rating: 5 });
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 5, count: 1 });
    const second = await publishedReview(p, { ...good, rating: 2 });
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 3.5, count: 2 });
    await setStatus(second.id, 'hidden');
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 5, count: 1 });
    await setStatus(second.id, 'published');
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 3.5, count: 2 });
    await review(p.prompt.id, first.headers, { ...good, body: 'Edited: still good, mostly.' });
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 2, count: 1 });
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/reviews/${second.id}`,
      headers: second.headers,
    });
    expect(deleted.statusCode).toBe(204);
    expect(await ratingOf(p.prompt.id)).toEqual({ average: 0, count: 0 });
  });

  it('tells the seller when a review of theirs is published', async () => {
    const p = await listing();
    const { id } = await publishedReview(p);
    const notes = await db.select().from(notifications).where(eq(notifications.userId, seller.id));
    expect(notes.filter((n) => n.data.reviewId === id)).toMatchObject([
      { type: 'review', title: `New 4-star review of “${p.prompt.title}”` },
    ]);
  });
});

describe('the review list', () => {
  let p: TestPrompt;
  const ids: Record<number, string> = {};

  beforeAll(async () => {
    p = await listing();
    for (const rating of [3, 5, 1, 4, 2]) {
      ids[rating] = (await publishedReview(p, { ...good, rating })).id;
    }
    // A pending one and a hidden one stay out.
    const pending = await buyerOf(p);
    await review(p.prompt.id, pending.headers, good);
    const hidden = await publishedReview(p, { ...good, rating: 5 });
    await setStatus(hidden.id, 'hidden');
  });

  async function pages(sort: string, limit = 2) {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await list(p.prompt.id, query);
      expect(response.statusCode).toBe(200);
      const page = reviewListSchema.parse(response.json());
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages through published reviews newest first, highest first and lowest first', async () => {
    expect(await pages('newest')).toEqual([2, 4, 1, 5, 3].map((r) => ids[r]));
    expect(await pages('highest')).toEqual([5, 4, 3, 2, 1].map((r) => ids[r]));
    expect(await pages('lowest', 3)).toEqual([1, 2, 3, 4, 5].map((r) => ids[r]));
  });

  it('sums up the published ratings per star, and never carries the template', async () => {
    const response = await list(p.prompt.id);
    expect(response.headers['cache-control']).toContain('public');
    const body = reviewListSchema.parse(response.json());
    expect(body.summary).toEqual({ average: 3, count: 5, distribution: [1, 1, 1, 1, 1] });
    expect(body.items).toHaveLength(5);
    expect(body.items[0]).toMatchObject({
      author: { displayName: expect.any(String) },
      viewer: { isAuthor: false, canReply: false, reported: false },
    });
    expect(response.body).not.toContain('SECRET-TEMPLATE');
  });

  it('tells a signed-in seller which reviews they may reply to, privately', async () => {
    const response = await list(p.prompt.id, '?limit=1', sellerHeaders);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(reviewListSchema.parse(response.json()).items[0]!.viewer.canReply).toBe(true);
  });

  it('refuses a bad sort, limit or cursor (400, naming it), and a cursor of another sort', async () => {
    for (const [query, field] of [
      ['?sort=helpful-ish', 'query.sort'],
      ['?limit=500', 'query.limit'],
      ['?cursor=not-a-cursor', 'query.cursor'],
    ]) {
      const response = await list(p.prompt.id, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().errors[0].field).toBe(field);
    }
    const first = reviewListSchema.parse((await list(p.prompt.id, '?limit=1')).json());
    const mixed = await list(p.prompt.id, `?sort=highest&cursor=${first.nextCursor}`);
    expect(mixed.statusCode).toBe(400);
  });

  it('is a 404 for a prompt nobody may see', async () => {
    const response = await list('00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});

describe('seller replies', () => {
  it('are written once by the prompt’s seller; the buyer is notified; the second is a 409', async () => {
    const p = await listing();
    const { id, user } = await publishedReview(p);
    const reply = (headers: Headers, body = 'Thanks, glad it helped!') =>
      app.inject({
        method: 'POST',
        url: `/api/reviews/${id}/reply`,
        headers,
        payload: { body },
      });
    const stranger = await as(await createUser(db));
    expect((await reply(stranger)).statusCode).toBe(403);
    const first = await reply(sellerHeaders);
    expect(first.statusCode).toBe(201);
    expect(reviewSchema.parse(first.json())).toMatchObject({
      reply: { body: 'Thanks, glad it helped!', bodyHtml: '<p>Thanks, glad it helped!</p>' },
      viewer: { canReply: false },
    });
    const second = await reply(sellerHeaders, 'Another one');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('ALREADY_REPLIED');
    const [stored] = await db.select().from(reviews).where(eq(reviews.id, id));
    expect(stored!.sellerReply).toBe('Thanks, glad it helped!');
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, user.id), eq(notifications.type, 'review_reply')));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ reviewId: id, promptId: p.prompt.id });
  });

  it('are refused on a review that is not published (404) and with an empty body (400)', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    const pending = await review(p.prompt.id, buyer.headers, good);
    const url = `/api/reviews/${pending.json().id}/reply`;
    const hiddenFromSeller = await app.inject({
      method: 'POST',
      url,
      headers: sellerHeaders,
      payload: { body: 'Thanks!' },
    });
    expect(hiddenFromSeller.statusCode).toBe(404);
    const empty = await app.inject({
      method: 'POST',
      url,
      headers: sellerHeaders,
      payload: { body: ' ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].field).toBe('body');
  });
});

describe('deleting a review', () => {
  it('removes the author’s own, with an audit entry; anyone else gets a 404', async () => {
    const p = await listing();
    const { id, headers, user } = await publishedReview(p);
    const other = await as(await createUser(db));
    const url = `/api/reviews/${id}`;
    expect((await app.inject({ method: 'DELETE', url, headers: other })).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url, headers: sellerHeaders })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'DELETE', url, headers })).statusCode).toBe(204);
    expect(await db.select().from(reviews).where(eq(reviews.id, id))).toEqual([]);
    const [entry] = await db.select().from(auditLogs).where(eq(auditLogs.entityId, id));
    expect(entry).toMatchObject({ actorId: user.id, action: 'review.deleted' });
  });
});

describe('reports', () => {
  it('of a review by one user count once, even five at the same time', async () => {
    const p = await listing();
    const { id } = await publishedReview(p);
    const reporter = await as(await createUser(db));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: `/api/reviews/${id}/reports`,
          headers: reporter,
          payload: { reason: 'fake', details: 'The same text is on three other prompts.' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    const reports = responses.map((r) => reportSchema.parse(r.json()));
    expect(new Set(reports.map((r) => r.id)).size).toBe(1);
    expect(reports[0]).toMatchObject({ target: { type: 'review', id }, status: 'open' });
    const rows = await db.select().from(reviewReports).where(eq(reviewReports.reviewId, id));
    expect(rows).toHaveLength(1);
    // The reporter sees it flagged in the list.
    const page = reviewListSchema.parse((await list(p.prompt.id, '', reporter)).json());
    expect(page.items.find((r) => r.id === id)?.viewer.reported).toBe(true);
  });

  it('of a prompt by one user count once, even five at the same time', async () => {
    const p = await listing();
    const reporter = await as(await createUser(db));
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.inject({
          method: 'POST',
          url: `/api/prompts/${p.prompt.id}/reports`,
          headers: reporter,
          payload: { reason: 'copyright' },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    const rows = await db
      .select()
      .from(promptReports)
      .where(eq(promptReports.promptId, p.prompt.id));
    expect(rows).toMatchObject([{ reason: 'copyright', details: '', status: 'open' }]);
  });

  it('are refused for your own review or prompt, a bad reason, or without signing in', async () => {
    const p = await listing();
    const { id, headers } = await publishedReview(p);
    const own = await app.inject({
      method: 'POST',
      url: `/api/reviews/${id}/reports`,
      headers,
      payload: { reason: 'spam' },
    });
    expect(own.statusCode).toBe(403);
    const ownPrompt = await app.inject({
      method: 'POST',
      url: `/api/prompts/${p.prompt.id}/reports`,
      headers: sellerHeaders,
      payload: { reason: 'spam' },
    });
    expect(ownPrompt.statusCode).toBe(403);
    expect(ownPrompt.json().code).toBe('OWN_PROMPT');
    const bad = await app.inject({
      method: 'POST',
      url: `/api/reviews/${id}/reports`,
      headers: sellerHeaders,
      payload: { reason: 'i-just-dislike-it', details: 'x'.repeat(2001) },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['details', 'reason']);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/prompts/${p.prompt.id}/reports`,
      payload: { reason: 'spam' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('are limited per user: the 21st within the hour is a 429 problem', async () => {
    const p = await listing();
    const reporter = await as(await createUser(db));
    for (let i = 0; i < 20; i++) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/prompts/${p.prompt.id}/reports`,
        headers: reporter,
        payload: { reason: 'spam' },
      });
      expect(response.statusCode).toBeLessThan(300);
    }
    const refused = await app.inject({
      method: 'POST',
      url: `/api/prompts/${p.prompt.id}/reports`,
      headers: reporter,
      payload: { reason: 'spam' },
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('of a review the seller cannot see (pending) are a 404', async () => {
    const p = await listing();
    const buyer = await buyerOf(p);
    const pending = await review(p.prompt.id, buyer.headers, good);
    const response = await app.inject({
      method: 'POST',
      url: `/api/reviews/${pending.json().id}/reports`,
      headers: sellerHeaders,
      payload: { reason: 'spam' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('the own-review view', () => {
  it('says why someone may not review: not an owner, or the seller', async () => {
    const p = await listing();
    const mine = async (headers: Headers) =>
      myReviewSchema.parse(
        (
          await app.inject({
            method: 'GET',
            url: `/api/prompts/${p.prompt.id}/reviews/mine`,
            headers,
          })
        ).json(),
      );
    expect(await mine(await as(await createUser(db)))).toEqual({
      review: null,
      canReview: false,
      reason: 'not_owner',
    });
    expect(await mine(sellerHeaders)).toMatchObject({ canReview: false, reason: 'seller' });
    const { headers, id } = await publishedReview(p);
    await db
      .update(reviews)
      .set({ status: 'rejected', moderationReason: 'Contains an e-mail address' })
      .where(eq(reviews.id, id));
    expect(await mine(headers)).toMatchObject({
      canReview: true,
      review: { id, status: 'rejected', moderationReason: 'Contains an e-mail address' },
    });
  });
});
