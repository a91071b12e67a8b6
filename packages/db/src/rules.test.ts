import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogs,
  chatThreads,
  entitlements,
  favorites,
  ledgerEntries,
  notificationPreferences,
  notifications,
  orderItems,
  orders,
  payouts,
  profiles,
  promptAssets,
  prompts,
  promptTemplates,
  promptVersions,
  refunds,
  reviewReports,
  reviews,
  stripeEvents,
  usageCounters,
} from './schema/index.js';
import {
  addVersion,
  createAdmin,
  createCategory,
  createDraftPrompt,
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
import { anonClaims, withUser } from './with-user.js';

// Constraints and triggers: the rules that hold whoever writes, system code
// included.

const database = await useTestDatabase();
const { db } = database;

const CHECK_VIOLATION = '23514';
const UNIQUE_VIOLATION = '23505';
const RAISED = 'P0001';
const NO_PRIVILEGE = '42501';

let seller: TestUser;
let buyer: TestUser;
let otherBuyer: TestUser;
let listed: TestPrompt;

beforeAll(async () => {
  seller = await createSeller(db);
  buyer = await createUser(db);
  otherBuyer = await createUser(db);
  listed = await createPublishedPrompt(db, seller);
});

const item = (orderId: string, p: TestPrompt, split: Partial<typeof orderItems.$inferInsert>) => ({
  orderId,
  promptId: p.prompt.id,
  versionId: p.version.id,
  sellerId: p.prompt.sellerId,
  priceAmount: 1000,
  platformFeeAmount: 200,
  sellerEarningsAmount: 800,
  ...split,
});

async function pendingOrder(who: TestUser) {
  const [order] = await db
    .insert(orders)
    .values({ buyerId: who.id, subtotalAmount: 1000, platformFeeAmount: 200, totalAmount: 1000 })
    .returning();
  return order!;
}

describe('money', () => {
  it('an order item splits its price exactly into fee and earnings', async () => {
    const order = await pendingOrder(buyer);
    expect(
      await sqlStateOf(
        db.insert(orderItems).values(item(order.id, listed, { sellerEarningsAmount: 700 })),
      ),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(db.insert(orderItems).values(item(order.id, listed, {}))),
    ).toBeUndefined();
  });

  it('amounts are never negative, fees stay within the subtotal, refunds within the total', async () => {
    const order = (values: Partial<typeof orders.$inferInsert>) =>
      db.insert(orders).values({
        buyerId: buyer.id,
        subtotalAmount: 1000,
        platformFeeAmount: 200,
        totalAmount: 1000,
        ...values,
      });
    expect(await sqlStateOf(order({ subtotalAmount: -1 }))).toBe(CHECK_VIOLATION);
    expect(await sqlStateOf(order({ totalAmount: -1 }))).toBe(CHECK_VIOLATION);
    expect(await sqlStateOf(order({ platformFeeAmount: 1001 }))).toBe(CHECK_VIOLATION);
    expect(await sqlStateOf(order({ refundedAmount: 1001 }))).toBe(CHECK_VIOLATION);
    const o = await pendingOrder(buyer);
    expect(
      await sqlStateOf(
        db.insert(orderItems).values(
          item(o.id, listed, {
            priceAmount: -100,
            platformFeeAmount: 0,
            sellerEarningsAmount: -100,
          }),
        ),
      ),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(
        db.insert(payouts).values({ sellerId: seller.id, amount: 0, idempotencyKey: randomUUID() }),
      ),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(
        db
          .insert(ledgerEntries)
          .values({ sellerId: seller.id, kind: 'adjustment', direction: 'credit', amount: -5 }),
      ),
    ).toBe(CHECK_VIOLATION);
    expect(
      await sqlStateOf(
        db.update(prompts).set({ priceAmount: -1 }).where(eq(prompts.id, listed.prompt.id)),
      ),
    ).toBe(CHECK_VIOLATION);
  });

  it('a ledger entry goes the way its kind says (a sale is a credit, a payout a debit)', async () => {
    expect(
      await sqlStateOf(
        db.insert(ledgerEntries).values({
          sellerId: seller.id,
          kind: 'payout',
          direction: 'credit',
          amount: 100,
          payoutId: null,
        }),
      ),
    ).toBe(CHECK_VIOLATION);
  });

  it('a Stripe event is stored once (its id is the key)', async () => {
    const id = `evt_${randomUUID().replaceAll('-', '')}`;
    const event = { id, type: 'checkout.session.completed', payload: { id } };
    await db.insert(stripeEvents).values(event);
    expect(await sqlStateOf(db.insert(stripeEvents).values(event))).toBe(UNIQUE_VIOLATION);
    expect(await sqlStateOf(db.insert(stripeEvents).values({ ...event, id: 'not-an-event' }))).toBe(
      CHECK_VIOLATION,
    );
  });

  it('a payout idempotency key is used once', async () => {
    const idempotencyKey = `payout-${randomUUID()}`;
    await db.insert(payouts).values({ sellerId: seller.id, amount: 1000, idempotencyKey });
    expect(
      await sqlStateOf(
        db.insert(payouts).values({ sellerId: seller.id, amount: 1000, idempotencyKey }),
      ),
    ).toBe(UNIQUE_VIOLATION);
  });
});

describe('reviews and entitlements', () => {
  it('a rating is 1 to 5', async () => {
    const p = await createPublishedPrompt(db, seller);
    const review = (rating: number, who: TestUser) =>
      db.insert(reviews).values({ promptId: p.prompt.id, buyerId: who.id, rating });
    expect(await sqlStateOf(review(0, buyer))).toBe(CHECK_VIOLATION);
    expect(await sqlStateOf(review(6, buyer))).toBe(CHECK_VIOLATION);
    expect(await sqlStateOf(review(1, buyer))).toBeUndefined();
    expect(await sqlStateOf(review(5, otherBuyer))).toBeUndefined();
  });

  it('a buyer reviews a prompt once', async () => {
    const p = await createPublishedPrompt(db, seller);
    await createReview(db, buyer, p.prompt);
    expect(await sqlStateOf(createReview(db, buyer, p.prompt))).toBe(UNIQUE_VIOLATION);
  });

  it('a buyer holds one entitlement per prompt', async () => {
    const p = await createPublishedPrompt(db, seller);
    await grantEntitlement(db, buyer, p.prompt);
    expect(await sqlStateOf(grantEntitlement(db, buyer, p.prompt, 'free'))).toBe(UNIQUE_VIOLATION);
  });

  it('a purchased entitlement names the order item it came from', async () => {
    const p = await createPublishedPrompt(db, seller);
    expect(
      await sqlStateOf(
        db
          .insert(entitlements)
          .values({ userId: buyer.id, promptId: p.prompt.id, source: 'purchase' }),
      ),
    ).toBe(CHECK_VIOLATION);
  });
});

describe('status columns', () => {
  // [table, column, which row to change] — every column that holds one of a fixed list.
  const columns: [string, string, string][] = [
    ['profiles', 'role', 'true'],
    ['profiles', 'status', 'true'],
    ['seller_profiles', 'status', 'true'],
    ['prompts', 'status', 'true'],
    ['prompts', 'target_model', 'true'],
    ['prompt_versions', 'status', "status = 'draft'"],
    ['prompt_assets', 'kind', 'true'],
    ['prompt_assets', 'mime_type', 'true'],
    ['orders', 'status', 'true'],
    ['order_items', 'status', 'true'],
    ['entitlements', 'status', 'true'],
    ['entitlements', 'source', "source <> 'purchase'"],
    ['ledger_entries', 'kind', 'true'],
    ['ledger_entries', 'direction', 'true'],
    ['payouts', 'status', 'true'],
    ['reviews', 'status', 'true'],
    ['review_reports', 'reason', 'true'],
    ['review_reports', 'status', 'true'],
    ['notifications', 'type', 'true'],
  ];

  beforeAll(async () => {
    // One row in each of these tables.
    const p = await createPublishedPrompt(db, seller);
    await addVersion(db, p.prompt);
    const { items } = await createPaidOrder(db, buyer, [p]);
    await grantEntitlement(db, otherBuyer, p.prompt);
    await db.insert(promptAssets).values({
      promptId: p.prompt.id,
      storagePath: `${seller.id}/prompts/2026/11/${randomUUID()}.png`,
      mimeType: 'image/png',
      sizeBytes: 10,
      width: 1,
      height: 1,
    });
    await db.insert(ledgerEntries).values({
      sellerId: seller.id,
      kind: 'sale',
      direction: 'credit',
      amount: 800,
      orderItemId: items[0]!.id,
    });
    await db
      .insert(payouts)
      .values({ sellerId: seller.id, amount: 800, idempotencyKey: randomUUID() });
    const review = await createReview(db, buyer, p.prompt);
    await db
      .insert(reviewReports)
      .values({ reviewId: review.id, reporterId: otherBuyer.id, reason: 'spam' });
    await db.insert(notifications).values({ userId: buyer.id, type: 'sale', title: 'Sold!' });
  });

  it.each(columns)('%s.%s rejects an unknown value', async (table, column, which) => {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const state = await sqlStateOf(
      db.execute(
        sql`update ${t} set ${c} = 'no-such-value' where ctid = (select ctid from ${t} where ${sql.raw(which)} limit 1)`,
      ),
    );
    expect(state).toBe(CHECK_VIOLATION);
  });
});

describe('published versions', () => {
  it('refuse UPDATE and DELETE, even from the superuser; so do their templates', async () => {
    const p = await createPublishedPrompt(db, seller);
    const version = eq(promptVersions.id, p.version.id);
    const template = eq(promptTemplates.versionId, p.version.id);
    expect(
      await sqlStateOf(db.update(promptVersions).set({ changelog: 'sneaky' }).where(version)),
    ).toBe(RAISED);
    expect(await sqlStateOf(db.delete(promptVersions).where(version))).toBe(RAISED);
    expect(
      await sqlStateOf(db.update(promptTemplates).set({ template: 'swapped' }).where(template)),
    ).toBe(RAISED);
    expect(await sqlStateOf(db.delete(promptTemplates).where(template))).toBe(RAISED);
    // Unpublishing is a change too.
    expect(
      await sqlStateOf(
        db.update(promptVersions).set({ status: 'draft', publishedAt: null }).where(version),
      ),
    ).toBe(RAISED);
  });

  it('drafts can still change and go away', async () => {
    const p = await createDraftPrompt(db, seller);
    const version = eq(promptVersions.id, p.version.id);
    const template = eq(promptTemplates.versionId, p.version.id);
    await db.update(promptVersions).set({ changelog: 'Tightened the wording' }).where(version);
    await db.update(promptTemplates).set({ template: 'Better: {{topic}}' }).where(template);
    await db.delete(promptTemplates).where(template);
    await db.delete(promptVersions).where(version);
    expect(await db.select().from(promptVersions).where(version)).toEqual([]);
  });
});

describe('sign-up', () => {
  const signUp = async (
    metadata: Record<string, unknown>,
    email = `${randomUUID()}@example.test`,
  ) => {
    const id = randomUUID();
    await db.execute(
      sql`insert into auth.users (id, email, raw_user_meta_data) values (${id}, ${email}, ${JSON.stringify(metadata)}::jsonb)`,
    );
    const [profile] = await db.select().from(profiles).where(eq(profiles.id, id));
    return profile;
  };

  it('creates a profile from the auth.users row, with username and display name from the metadata', async () => {
    const name = `jane_${randomUUID().slice(0, 6)}`;
    const profile = await signUp({ username: name.toUpperCase(), display_name: 'Jane Doe' });
    expect(profile).toMatchObject({
      username: name,
      displayName: 'Jane Doe',
      role: 'buyer',
      status: 'active',
    });
  });

  it('drops an invalid or taken username and falls back for the display name', async () => {
    const taken = `taken_${randomUUID().slice(0, 6)}`;
    await signUp({ username: taken });
    expect(await signUp({ username: taken, full_name: 'Second Comer' })).toMatchObject({
      username: null,
      displayName: 'Second Comer',
    });
    expect(await signUp({ username: 'no spaces!' }, 'ada@example.test')).toMatchObject({
      username: null,
      displayName: 'ada',
    });
  });
});

describe('updated_at', () => {
  it('moves on every update, in every table that has it', async () => {
    const admin = await createAdmin(db);
    await createCategory(db);
    const p = await createPublishedPrompt(db, seller);
    await addVersion(db, p.prompt);
    const purchase = await createPaidOrder(db, otherBuyer, [p]);
    await db.insert(refunds).values({
      orderId: purchase.order.id,
      kind: 'buyer_request',
      status: 'requested',
      itemIds: [purchase.items[0]!.id],
      amount: 100,
      reason: 'Touch updated_at',
    });
    await createReview(db, otherBuyer, p.prompt);
    await db
      .insert(payouts)
      .values({ sellerId: seller.id, amount: 100, idempotencyKey: randomUUID() });
    await db.insert(chatThreads).values({ buyerId: admin.id, sellerId: seller.id });
    await db
      .insert(notificationPreferences)
      .values({ userId: otherBuyer.id, type: 'review', email: true });
    const tables = await database.sql<{ table_name: string }[]>`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'updated_at' order by 1`;
    expect(tables.length).toBeGreaterThanOrEqual(12);
    // Published versions and their templates never change, so touch a draft.
    const which: Record<string, string> = {
      prompt_versions: "status = 'draft'",
      prompt_templates: "version_id in (select id from prompt_versions where status = 'draft')",
    };
    const stale: string[] = [];
    for (const { table_name } of tables) {
      const t = sql.identifier(table_name);
      const rows = await db.execute<{ updated_at: string }>(
        sql`update ${t} set updated_at = '2001-01-01T00:00:00Z'
            where ctid = (select ctid from ${t} where ${sql.raw(which[table_name] ?? 'true')} limit 1)
            returning updated_at`,
      );
      const at = rows[0] ? new Date(rows[0].updated_at).getTime() : 0;
      if (Date.now() - at > 60_000) stale.push(table_name);
    }
    expect(stale).toEqual([]);
  });
});

describe('prompt counters', () => {
  const ratingOf = async (id: string) => {
    const [p] = await db
      .select({ avg: prompts.ratingAvg, count: prompts.ratingCount, sales: prompts.salesCount })
      .from(prompts)
      .where(eq(prompts.id, id));
    return p!;
  };

  it('rating_avg and rating_count follow published reviews only', async () => {
    const p = await createPublishedPrompt(db, seller);
    const first = await createReview(db, buyer, p.prompt, { rating: 4 });
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
    await db.update(reviews).set({ status: 'published' }).where(eq(reviews.id, first.id));
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 4, count: 1 });
    const second = await createReview(db, otherBuyer, p.prompt, { rating: 5, status: 'published' });
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 4.5, count: 2 });
    await db.update(reviews).set({ status: 'hidden' }).where(eq(reviews.id, first.id));
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 5, count: 1 });
    await db.update(reviews).set({ rating: 2 }).where(eq(reviews.id, second.id));
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 2, count: 1 });
    await db.delete(reviews).where(eq(reviews.id, second.id));
    expect(await ratingOf(p.prompt.id)).toMatchObject({ avg: 0, count: 0 });
  });

  it('sales_count counts paid order items; a refund takes the sale back', async () => {
    const p = await createPublishedPrompt(db, seller);
    const order = await pendingOrder(buyer);
    const [pending] = await db
      .insert(orderItems)
      .values(item(order.id, p, {}))
      .returning();
    expect((await ratingOf(p.prompt.id)).sales).toBe(0);
    await db.update(orderItems).set({ status: 'paid' }).where(eq(orderItems.id, pending!.id));
    expect((await ratingOf(p.prompt.id)).sales).toBe(1);
    await createPaidOrder(db, otherBuyer, [p]);
    expect((await ratingOf(p.prompt.id)).sales).toBe(2);
    await db.update(orderItems).set({ status: 'refunded' }).where(eq(orderItems.id, pending!.id));
    expect((await ratingOf(p.prompt.id)).sales).toBe(1);
  });
});

describe('audit_logs', () => {
  it('is append-only, even for the superuser', async () => {
    const [entry] = await db
      .insert(auditLogs)
      .values({ action: 'prompt.approve', entityType: 'prompt', entityId: listed.prompt.id })
      .returning();
    const row = eq(auditLogs.id, entry!.id);
    expect(await sqlStateOf(db.update(auditLogs).set({ reason: 'rewritten' }).where(row))).toBe(
      RAISED,
    );
    expect(await sqlStateOf(db.delete(auditLogs).where(row))).toBe(RAISED);
  });
});

describe('search_vector', () => {
  it('holds title, tags and description words, never template words, and follows edits', async () => {
    const p = await createPublishedPrompt(db, seller, {
      title: 'Watercolor landscapes',
      tags: ['midjourney', 'painting'],
      description: 'Soft mountains at dawn.',
      template: 'Render a secretive hexagonal pagoda in {{style}}.',
    });
    const vector = async () => {
      const [row] = await db.execute<{ v: string }>(
        sql`select search_vector::text as v from prompts where id = ${p.prompt.id}`,
      );
      return row!.v;
    };
    const before = await vector();
    for (const word of ['watercolor', 'landscap', 'midjourney', 'paint', 'mountain', 'dawn']) {
      expect(before).toContain(`'${word}`);
    }
    for (const word of ['secret', 'hexagon', 'pagoda', 'render'])
      expect(before).not.toContain(word);
    await db.update(prompts).set({ title: 'Ink seascapes' }).where(eq(prompts.id, p.prompt.id));
    const after = await vector();
    expect(after).toContain("'seascap'");
    expect(after).not.toContain('watercolor');
  });

  it('typo-tolerant title search (pg_trgm) works for anonymous visitors', async () => {
    const p = await createPublishedPrompt(db, seller, { title: 'Quarterly revenue forecast' });
    const found = await withUser(db, anonClaims, (tx) =>
      tx.execute<{ id: string; score: number }>(
        sql`select id, similarity(title, 'quartely revenu forcast') as score
            from prompts where title % 'quartely revenu forcast'`,
      ),
    );
    expect(found.map((r) => r.id)).toContain(p.prompt.id);
  });
});

describe('bump_usage_counter', () => {
  it('counts 20 concurrent calls as 1..20 and says which are within the limit', async () => {
    const user = await createUser(db);
    const pool = postgres(database.url, { max: 20, onnotice: () => {} });
    try {
      const calls = await Promise.all(
        Array.from(
          { length: 20 },
          () =>
            pool<{ count: number; allowed: boolean }[]>`
            select * from public.bump_usage_counter(${user.id}, 'api', 3600, 15)`,
        ),
      );
      const results = calls.map((rows) => rows[0]!);
      expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      for (const r of results) expect(r.allowed).toBe(r.count <= 15);
    } finally {
      await pool.end({ timeout: 5 });
    }
    const rows = await db
      .select()
      .from(usageCounters)
      .where(and(eq(usageCounters.userId, user.id), eq(usageCounters.bucket, 'api')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.count).toBe(20);
    // The window starts on a multiple of its length.
    expect(rows[0]!.windowStart.getTime() % 3_600_000).toBe(0);
    const [other] = await database.sql<{ count: number }[]>`
      select count from public.bump_usage_counter(${user.id}, 'uploads', 3600, 15)`;
    expect(other!.count).toBe(1);
  });

  it('is not executable by the request roles', async () => {
    const user = await createUser(db);
    for (const claims of [user.claims, anonClaims]) {
      const state = await sqlStateOf(
        withUser(db, claims, (tx) =>
          tx.execute(sql`select * from public.bump_usage_counter(${user.id}, 'api', 60, 1000)`),
        ),
      );
      expect(state).toBe(NO_PRIVILEGE);
    }
  });
});

describe('mass assignment', () => {
  const asUser = (user: TestUser, statement: ReturnType<typeof sql>) =>
    sqlStateOf(withUser(db, user.claims, (tx) => tx.execute(statement)));

  it('a user cannot change their own role, status or suspension', async () => {
    const user = await createUser(db);
    for (const set of [sql`role = 'admin'`, sql`status = 'active'`, sql`suspended_reason = null`]) {
      expect(await asUser(user, sql`update profiles set ${set} where id = ${user.id}`)).toBe(
        NO_PRIVILEGE,
      );
    }
    expect(
      await asUser(user, sql`update profiles set bio = 'Hi' where id = ${user.id}`),
    ).toBeUndefined();
  });

  it('a seller cannot publish, re-own or re-count their own prompt', async () => {
    const p = await createDraftPrompt(db, seller);
    for (const set of [
      sql`status = 'published'`,
      sql`sales_count = 1000`,
      sql`rating_avg = 5`,
      sql`rating_count = 1000`,
      sql`seller_id = ${buyer.id}`,
      sql`current_version_id = ${p.version.id}`,
    ]) {
      expect(await asUser(seller, sql`update prompts set ${set} where id = ${p.prompt.id}`)).toBe(
        NO_PRIVILEGE,
      );
    }
    const { id: categoryId } = await createCategory(db);
    expect(
      await asUser(
        seller,
        sql`insert into prompts (seller_id, category_id, slug, title, target_model, status)
            values (${seller.id}, ${categoryId}, ${`p-${randomUUID().slice(0, 8)}`}, 'Straight to the shop', 'claude', 'published')`,
      ),
    ).toBe(NO_PRIVILEGE);
    expect(
      await asUser(
        seller,
        sql`update prompt_versions set status = 'published' where id = ${p.version.id}`,
      ),
    ).toBe(NO_PRIVILEGE);
  });

  it('a buyer cannot publish their own review or write the seller reply', async () => {
    const p = await createPublishedPrompt(db, seller);
    await grantEntitlement(db, buyer, p.prompt);
    expect(
      await asUser(
        buyer,
        sql`insert into reviews (prompt_id, buyer_id, rating, status) values (${p.prompt.id}, ${buyer.id}, 5, 'published')`,
      ),
    ).toBe(NO_PRIVILEGE);
    const review = await createReview(db, buyer, p.prompt);
    for (const set of [sql`status = 'published'`, sql`seller_reply = 'Thanks!'`]) {
      expect(await asUser(buyer, sql`update reviews set ${set} where id = ${review.id}`)).toBe(
        NO_PRIVILEGE,
      );
    }
  });
});

describe('chat threads', () => {
  // Raw SQL: a request role may insert only some columns, and Drizzle's
  // insert names every column of the table.
  const startThread = (
    who: TestUser,
    values: { sellerId: string; promptId?: string; orderId?: string },
  ) =>
    sqlStateOf(
      withUser(db, who.claims, (tx) =>
        tx.execute(sql`insert into chat_threads (buyer_id, seller_id, prompt_id, order_id)
          values (${who.id}, ${values.sellerId}, ${values.promptId ?? null}, ${values.orderId ?? null})`),
      ),
    );

  it('are started with a seller, about their prompt or the buyer’s own order from them', async () => {
    const other = await createSeller(db);
    const mine = await createPaidOrder(db, buyer, [listed]);
    const theirs = await createPaidOrder(db, otherBuyer, [listed]);
    const elsewhere = await createPublishedPrompt(db, other);
    expect(await startThread(buyer, { sellerId: seller.id })).toBeUndefined();
    expect(
      await startThread(buyer, {
        sellerId: seller.id,
        promptId: listed.prompt.id,
        orderId: mine.order.id,
      }),
    ).toBeUndefined();
    // With a buyer, about another seller's prompt, citing someone else's order.
    expect(await startThread(buyer, { sellerId: otherBuyer.id })).toBe(NO_PRIVILEGE);
    expect(await startThread(buyer, { sellerId: seller.id, promptId: elsewhere.prompt.id })).toBe(
      NO_PRIVILEGE,
    );
    expect(await startThread(buyer, { sellerId: seller.id, orderId: theirs.order.id })).toBe(
      NO_PRIVILEGE,
    );
    expect(await startThread(buyer, { sellerId: other.id, orderId: mine.order.id })).toBe(
      NO_PRIVILEGE,
    );
  });

  it('let each participant move only their own read marker', async () => {
    // One thread per topic: this one is about the listed prompt.
    const [thread] = await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id, promptId: listed.prompt.id })
      .returning();
    const mark = (who: TestUser, column: 'buyer_last_read_at' | 'seller_last_read_at') =>
      sqlStateOf(
        withUser(db, who.claims, (tx) =>
          tx.execute(
            sql`update chat_threads set ${sql.identifier(column)} = now() where id = ${thread!.id}`,
          ),
        ),
      );
    expect(await mark(buyer, 'buyer_last_read_at')).toBeUndefined();
    expect(await mark(seller, 'seller_last_read_at')).toBeUndefined();
    expect(await mark(buyer, 'seller_last_read_at')).toBe(NO_PRIVILEGE);
    expect(await mark(seller, 'buyer_last_read_at')).toBe(NO_PRIVILEGE);
    // System code is not limited.
    await db
      .update(chatThreads)
      .set({ buyerLastReadAt: new Date(), sellerLastReadAt: new Date() })
      .where(eq(chatThreads.id, thread!.id));
  });
});

describe('chat messages', () => {
  it('are sent by participants as themselves, never into a blocked thread', async () => {
    const topic = await createPublishedPrompt(db, seller);
    const [thread] = await db
      .insert(chatThreads)
      .values({ buyerId: buyer.id, sellerId: seller.id, promptId: topic.prompt.id })
      .returning();
    const send = (who: TestUser, senderId = who.id) =>
      sqlStateOf(
        withUser(db, who.claims, (tx) =>
          tx.execute(sql`insert into chat_messages (thread_id, sender_id, body)
            values (${thread!.id}, ${senderId}, 'Hello')`),
        ),
      );
    expect(await send(buyer)).toBeUndefined();
    expect(await send(seller)).toBeUndefined();
    expect(await send(seller, buyer.id)).toBe(NO_PRIVILEGE);
    expect(await send(otherBuyer)).toBe(NO_PRIVILEGE);
    await db
      .update(chatThreads)
      .set({ blockedBy: seller.id })
      .where(eq(chatThreads.id, thread!.id));
    expect(await send(buyer)).toBe(NO_PRIVILEGE);
  });
});

describe('favorites', () => {
  it('anyone signed in keeps their own, of prompts they can see', async () => {
    const draft = await createDraftPrompt(db, seller);
    const add = (promptId: string) =>
      sqlStateOf(
        withUser(db, otherBuyer.claims, (tx) =>
          tx.insert(favorites).values({ userId: otherBuyer.id, promptId }),
        ),
      );
    expect(await add(listed.prompt.id)).toBeUndefined();
    expect(await add(draft.prompt.id)).toBe(NO_PRIVILEGE);
  });
});
