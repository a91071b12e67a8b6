import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  notifications,
  promptReports,
  prompts,
  reviewReports,
  reviewRevisions,
  reviews,
} from './schema/index.js';
import {
  createPaidOrder,
  createPublishedPrompt,
  createReview,
  createSeller,
  createUser,
  grantEntitlement,
  type TestPrompt,
  type TestUser,
} from './testing/factories.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

// The rules of reviews that hold whoever writes (migration *_reviews_rules,
// decision 0018): history on edit, back to pending when the buyer edits, the
// prompt's rating in the same transaction, the seller told on publication.

const database = await useTestDatabase();
const { db } = database;

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';
const NO_PRIVILEGE = '42501';

let seller: TestUser;
let buyer: TestUser;

beforeAll(async () => {
  seller = await createSeller(db);
  buyer = await createUser(db);
});

async function ratingOf(promptId: string) {
  const [p] = await db
    .select({ avg: prompts.ratingAvg, count: prompts.ratingCount })
    .from(prompts)
    .where(eq(prompts.id, promptId));
  return p!;
}

async function reviewRow(id: string) {
  const [r] = await db.select().from(reviews).where(eq(reviews.id, id));
  return r!;
}

const setStatus = (id: string, status: 'pending' | 'published' | 'rejected' | 'hidden') =>
  db.update(reviews).set({ status }).where(eq(reviews.id, id));

/** A published prompt the buyer holds, with their review of it (pending unless said). */
async function reviewed(
  who: TestUser = buyer,
  options: { rating?: number; status?: 'pending' | 'published' } = {},
) {
  const p = await createPublishedPrompt(db, seller);
  await grantEntitlement(db, who, p.prompt);
  const review = await createReview(db, who, p.prompt, options);
  return { p, review };
}

const editAsBuyer = (who: TestUser, id: string, set: ReturnType<typeof sql>) =>
  withUser(db, who.claims, (tx) => tx.execute(sql`update reviews set ${set} where id = ${id}`));

describe('editing a review', () => {
  it('by the buyer keeps the old text and sends a published review back to pending', async () => {
    const { p, review } = await reviewed(buyer, { rating: 5, status: 'published' });
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 5, count: 1 });
    await editAsBuyer(buyer, review.id, sql`body = 'Changed my mind.'`);
    const after = await reviewRow(review.id);
    expect(after).toMatchObject({ status: 'pending', body: 'Changed my mind.', rating: 5 });
    expect(after.editedAt).not.toBeNull();
    // A body-only edit (no rating, no status in the statement) leaves the rating at once.
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
    const history = await db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, review.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      rating: 5,
      body: 'Worked first time.',
      status: 'published',
    });
    expect(history[0]!.writtenAt.getTime()).toBe(review.createdAt.getTime());
  });

  it('clears the moderator’s reason of a rejected review, and every edit adds a revision', async () => {
    const { review } = await reviewed();
    await db
      .update(reviews)
      .set({ status: 'rejected', moderationReason: 'Personal data' })
      .where(eq(reviews.id, review.id));
    await editAsBuyer(buyer, review.id, sql`rating = 3, body = 'Second try'`);
    await editAsBuyer(buyer, review.id, sql`model_used = 'gemini'`);
    const after = await reviewRow(review.id);
    expect(after).toMatchObject({
      status: 'pending',
      moderationReason: null,
      rating: 3,
      modelUsed: 'gemini',
    });
    const history = await db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, review.id))
      .orderBy(reviewRevisions.createdAt, reviewRevisions.rating);
    expect(history.map((h) => [h.rating, h.body, h.status])).toEqual([
      [5, 'Worked first time.', 'rejected'],
      [3, 'Second try', 'pending'],
    ]);
  });

  it('with the same text changes nothing and keeps no revision', async () => {
    const { review } = await reviewed(buyer, { status: 'published' });
    await editAsBuyer(buyer, review.id, sql`body = ${review.body}, rating = ${review.rating}`);
    expect((await reviewRow(review.id)).status).toBe('published');
    const history = await db
      .select()
      .from(reviewRevisions)
      .where(eq(reviewRevisions.reviewId, review.id));
    expect(history).toEqual([]);
  });

  it('by system code keeps the status (only the buyer’s own edit goes back to moderation)', async () => {
    const { p, review } = await reviewed(buyer, { rating: 4, status: 'published' });
    await db.update(reviews).set({ rating: 2 }).where(eq(reviews.id, review.id));
    expect((await reviewRow(review.id)).status).toBe('published');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 2, count: 1 });
  });

  it('cannot set the status, the reply or the version, and nobody writes history by hand', async () => {
    const { review } = await reviewed();
    for (const set of [
      sql`status = 'published'`,
      sql`seller_reply = 'Thanks!'`,
      sql`version_id = null`,
      sql`edited_at = null`,
    ]) {
      expect(await sqlStateOf(editAsBuyer(buyer, review.id, set))).toBe(NO_PRIVILEGE);
    }
    expect(
      await sqlStateOf(
        withUser(db, buyer.claims, (tx) =>
          tx.execute(sql`insert into review_revisions (review_id, rating, body, status, written_at)
                         values (${review.id}, 1, 'forged', 'published', now())`),
        ),
      ),
    ).toBe(NO_PRIVILEGE);
  });

  it('refuses a model that is not one of the catalog’s', async () => {
    const { review } = await reviewed();
    expect(await sqlStateOf(editAsBuyer(buyer, review.id, sql`model_used = 'gpt-17-ultra'`))).toBe(
      CHECK_VIOLATION,
    );
  });
});

describe('the prompt rating', () => {
  it('follows publish, hide, restore, reject and delete in the same transaction', async () => {
    const { p, review } = await reviewed(buyer, { rating: 4 });
    const other = await createUser(db);
    await grantEntitlement(db, other, p.prompt);
    const second = await createReview(db, other, p.prompt, { rating: 1 });
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
    await setStatus(review.id, 'published');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 4, count: 1 });
    await setStatus(second.id, 'published');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 2.5, count: 2 });
    await setStatus(second.id, 'hidden');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 4, count: 1 });
    await setStatus(second.id, 'published');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 2.5, count: 2 });
    await setStatus(review.id, 'rejected');
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 1, count: 1 });
    await withUser(db, other.claims, (tx) =>
      tx.execute(sql`delete from reviews where id = ${second.id}`),
    );
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
  });

  it('rolls back with the transaction that changed it', async () => {
    const { p, review } = await reviewed(buyer, { rating: 3 });
    await db
      .transaction(async (tx) => {
        await tx.update(reviews).set({ status: 'published' }).where(eq(reviews.id, review.id));
        const [inside] = await tx
          .select({ count: prompts.ratingCount })
          .from(prompts)
          .where(eq(prompts.id, p.prompt.id));
        expect(inside!.count).toBe(1);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
  });

  it('counts two reviews published at the same time in two transactions', async () => {
    const { p, review: first } = await reviewed(buyer, { rating: 5 });
    const other = await createUser(db);
    await grantEntitlement(db, other, p.prompt);
    const second = await createReview(db, other, p.prompt, { rating: 3 });
    const one = await database.sql.reserve();
    const two = await database.sql.reserve();
    try {
      await one`begin`;
      await two`begin`;
      await one`update reviews set status = 'published' where id = ${first.id}`;
      // Waits for the prompt row the first transaction holds, then counts both.
      const blocked =
        two`update reviews set status = 'published' where id = ${second.id}`.execute();
      await one`commit`;
      await blocked;
      await two`commit`;
    } finally {
      one.release();
      two.release();
    }
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 4, count: 2 });
  });
});

describe('publishing a review', () => {
  const sellerNotes = (reviewId: string) =>
    db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, seller.id),
          sql`${notifications.data} ->> 'reviewId' = ${reviewId}`,
        ),
      )
      .orderBy(notifications.createdAt);

  it('notifies the seller once per published text, not on a restore', async () => {
    const { p, review } = await reviewed(buyer, { rating: 4 });
    expect(await sellerNotes(review.id)).toEqual([]);
    await setStatus(review.id, 'published');
    const [first] = await sellerNotes(review.id);
    expect(first).toMatchObject({
      type: 'review',
      title: `New 4-star review of “${p.prompt.title}”`,
      body: 'Worked first time.',
      data: { promptId: p.prompt.id, slug: p.prompt.slug, reviewId: review.id, rating: 4 },
    });
    await setStatus(review.id, 'hidden');
    await setStatus(review.id, 'published');
    expect(await sellerNotes(review.id)).toHaveLength(1);
    await editAsBuyer(buyer, review.id, sql`rating = 2`);
    expect(await sellerNotes(review.id)).toHaveLength(1);
    await setStatus(review.id, 'published');
    const notes = await sellerNotes(review.id);
    expect(notes.map((n) => n.title)).toEqual([
      `New 4-star review of “${p.prompt.title}”`,
      `Updated 2-star review of “${p.prompt.title}”`,
    ]);
  });
});

describe('reports', () => {
  let p: TestPrompt;
  beforeAll(async () => {
    p = await createPublishedPrompt(db, seller);
  });

  it('count once per reporter, for reviews and for prompts', async () => {
    const other = await createUser(db);
    await createPaidOrder(db, other, [p]);
    const review = await createReview(db, other, p.prompt, { status: 'published' });
    const reporter = await createUser(db);
    const report = { reviewId: review.id, reporterId: reporter.id, reason: 'spam' as const };
    await db.insert(reviewReports).values(report);
    expect(await sqlStateOf(db.insert(reviewReports).values(report))).toBe(UNIQUE_VIOLATION);
    const promptReport = { promptId: p.prompt.id, reporterId: reporter.id, reason: 'scam' };
    expect(
      await sqlStateOf(
        db.execute(sql`insert into prompt_reports (prompt_id, reporter_id, reason)
        values (${promptReport.promptId}, ${promptReport.reporterId}, ${promptReport.reason})`),
      ),
    ).toBe(CHECK_VIOLATION);
    await db.insert(promptReports).values({ ...promptReport, reason: 'misleading' });
    expect(
      await sqlStateOf(db.insert(promptReports).values({ ...promptReport, reason: 'spam' })),
    ).toBe(UNIQUE_VIOLATION);
  });

  it('are made as the reporter, not of their own review or prompt, and cannot be backdated', async () => {
    const reporter = await createUser(db);
    await grantEntitlement(db, reporter, p.prompt);
    const own = await createReview(db, reporter, p.prompt, { status: 'published' });
    const asReporter = (statement: ReturnType<typeof sql>) =>
      sqlStateOf(withUser(db, reporter.claims, (tx) => tx.execute(statement)));
    expect(
      await asReporter(sql`insert into review_reports (review_id, reporter_id, reason)
                           values (${own.id}, ${reporter.id}, 'fake')`),
    ).toBe(NO_PRIVILEGE);
    expect(
      await sqlStateOf(
        withUser(db, seller.claims, (tx) =>
          tx.execute(sql`insert into prompt_reports (prompt_id, reporter_id, reason)
                         values (${p.prompt.id}, ${seller.id}, 'spam')`),
        ),
      ),
    ).toBe(NO_PRIVILEGE);
    expect(
      await asReporter(sql`insert into prompt_reports (prompt_id, reporter_id, reason, status)
                           values (${p.prompt.id}, ${reporter.id}, 'spam', 'dismissed')`),
    ).toBe(NO_PRIVILEGE);
    await withUser(db, reporter.claims, (tx) =>
      tx.execute(sql`insert into prompt_reports (prompt_id, reporter_id, reason, created_at)
                     values (${p.prompt.id}, ${reporter.id}, 'spam', '2001-01-01')`),
    );
    const [stored] = await db
      .select()
      .from(promptReports)
      .where(eq(promptReports.reporterId, reporter.id));
    expect(Date.now() - stored!.createdAt.getTime()).toBeLessThan(3_600_000);
  });
});
