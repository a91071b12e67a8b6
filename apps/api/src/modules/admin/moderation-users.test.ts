import { randomBytes, randomUUID } from 'node:crypto';
import {
  createDraftPrompt,
  createPaidOrder,
  createPublishedPrompt,
  createReview,
  createSeller,
  createUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  adminOverviewSchema,
  adminUserDetailSchema,
  adminUserListSchema,
  auditLogSchema,
  meSchema,
  problemSchema,
  promptListSchema,
} from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const { sql } = database;
const app = await buildTestApp(database, authEnv);

const admin = await createUser(database.db, { role: 'admin' });
const { headers } = await signIn(database, admin);

const get = (url: string, as: Record<string, string> = headers) => app.inject({ url, headers: as });
const post = (url: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
const anonymous = {};
const count = async (rows: Promise<{ n: number }[]>) => (await rows)[0]?.n ?? 0;
// Letters only (the search parser splits at digits), each of 16 equally likely: with digits
// folded into one letter, two calls gave the same word often enough to hit the search cache.
const word = () =>
  `zq${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

async function visibility(promptId: string, sellerId: string, searchWord: string) {
  const listing = promptListSchema.parse(
    (await get(`/api/prompts?seller=${sellerId}`, anonymous)).json(),
  );
  const detail = await get(`/api/prompts/${promptId}`, anonymous);
  const search = promptListSchema.parse(
    (await get(`/api/prompts?q=${searchWord}`, anonymous)).json(),
  );
  return {
    listing: listing.items.some((i) => i.id === promptId),
    detail: detail.statusCode === 200,
    search: search.items.some((i) => i.id === promptId),
  };
}

const everywhere = { listing: true, detail: true, search: true };
const nowhere = { listing: false, detail: false, search: false };

describe('suspending and reinstating a seller', () => {
  it("takes the seller's prompts out of listing, detail and search at once, and brings them back", async () => {
    const seller = await createSeller(database.db);
    const sellerSession = await signIn(database, seller);
    const words = [word(), word()];
    const prompts = [];
    for (const w of words) {
      prompts.push(
        (await createPublishedPrompt(database.db, seller, { title: `Tool ${w}` })).prompt,
      );
    }
    const hiddenByModerator = (
      await createPublishedPrompt(database.db, seller, { title: `Moderated ${word()}` })
    ).prompt;
    const moderated = await post(`/api/admin/prompts/${hiddenByModerator.id}/hide`, {
      reason: 'Misleading examples.',
    });
    expect(moderated.statusCode, moderated.body).toBe(200);
    const buyer = await createUser(database.db);
    await createPaidOrder(database.db, buyer, [
      { prompt: prompts[0]!, version: { id: prompts[0]!.currentVersionId! } as never },
    ]);
    for (const [i, p] of prompts.entries()) {
      expect(await visibility(p.id, seller.id, words[i]!)).toEqual(everywhere);
    }
    const queuedBefore = await count(sql<{ n: number }[]>`
      select count(*)::int as n from search_outbox where prompt_id = ${prompts[0]!.id}`);

    const reason = 'Selling prompts copied from other sellers.';
    const res = await post(`/api/admin/users/${seller.id}/suspend`, { reason });
    expect(res.statusCode, res.body).toBe(200);
    const detail = adminUserDetailSchema.parse(res.json());
    expect(detail).toMatchObject({ status: 'suspended', suspendedReason: reason });
    expect(detail.history.prompts).toMatchObject({ published: 0, hidden: 3 });
    for (const [i, p] of prompts.entries()) {
      expect(await visibility(p.id, seller.id, words[i]!)).toEqual(nowhere);
    }
    // The search index hears of it through the outbox, in the same transaction.
    const queuedAfter = await count(sql<{ n: number }[]>`
      select count(*)::int as n from search_outbox where prompt_id = ${prompts[0]!.id}`);
    expect(queuedAfter).toBeGreaterThan(queuedBefore);
    // The seller's public page is gone; the buyer still has what they bought.
    expect((await get(`/api/sellers/${seller.id}`, anonymous)).statusCode).toBe(404);
    const bought = await get(
      `/api/prompts/${prompts[0]!.id}/content`,
      (await signIn(database, buyer)).headers,
    );
    expect(bought.statusCode).toBe(200);

    // Signed in, read-only: every write is refused with the reason.
    const me = await get('/api/me', sellerSession.headers);
    expect(meSchema.parse(me.json())).toMatchObject({
      status: 'suspended',
      suspendedReason: reason,
    });
    const write = await app.inject({
      method: 'POST',
      url: '/api/prompts',
      headers: sellerSession.headers,
      payload: {
        title: 'Sneaky new prompt',
        category: 'writing',
        targetModel: 'claude',
        price: { amount: 100 },
      },
    });
    expect(write.statusCode).toBe(403);
    expect(problemSchema.parse(write.json())).toMatchObject({
      code: 'ACCOUNT_SUSPENDED',
      detail: expect.stringContaining(reason),
    });

    const [audit] = await sql<
      {
        action: string;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
        reason: string;
        ip: string;
      }[]
    >`select action, before, after, reason, host(ip) as ip from audit_logs
      where entity_type = 'user' and entity_id = ${seller.id}`;
    expect(audit).toMatchObject({
      action: 'user.suspended',
      before: { status: 'active', publishedPrompts: 2 },
      after: { status: 'suspended', publishedPrompts: 0, promptsHiddenBySuspension: 2 },
      reason,
      ip: '127.0.0.1',
    });
    const [notice] = await sql<{ type: string; title: string; body: string }[]>`
      select type, title, body from notifications where user_id = ${seller.id}
      order by created_at desc limit 1`;
    expect(notice).toMatchObject({ type: 'system', title: expect.stringMatching(/suspended/) });
    expect(notice?.body).toContain(reason);

    const back = await post(`/api/admin/users/${seller.id}/reinstate`, {
      reason: 'Appeal accepted: the prompts were original.',
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(adminUserDetailSchema.parse(back.json())).toMatchObject({
      status: 'active',
      suspendedReason: null,
    });
    for (const [i, p] of prompts.entries()) {
      expect(await visibility(p.id, seller.id, words[i]!)).toEqual(everywhere);
    }
    // What a moderator hid stays hidden.
    const [kept] = await sql`select status from prompts where id = ${hiddenByModerator.id}`;
    expect(kept?.status).toBe('hidden');
    const trail = adminUserDetailSchema.parse((await get(`/api/admin/users/${seller.id}`)).json());
    expect(trail.audit.map((a) => a.action)).toEqual(['user.reinstated', 'user.suspended']);
    expect(trail.audit[0]).toMatchObject({
      before: { status: 'suspended', promptsHiddenBySuspension: 2 },
      after: { status: 'active', publishedPrompts: 2 },
      actor: { id: admin.id },
    });
  });

  it('parks a prompt approved while its seller is suspended until reinstatement', async () => {
    const seller = await createSeller(database.db);
    const draft = await createDraftPrompt(database.db, seller, { title: `Parked ${word()}` });
    await sql`update prompt_versions set status = 'pending_review' where id = ${draft.version.id}`;
    await sql`update prompts set status = 'pending_review' where id = ${draft.prompt.id}`;
    await post(`/api/admin/users/${seller.id}/suspend`, { reason: 'Chargebacks under review.' });
    const approved = await post(`/api/admin/prompts/${draft.prompt.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const [row] = await sql`select status, hidden_cause from prompts where id = ${draft.prompt.id}`;
    expect(row).toMatchObject({ status: 'hidden', hidden_cause: 'seller_suspended' });
    // Not restorable by hand while the seller is suspended.
    expect((await post(`/api/admin/prompts/${draft.prompt.id}/restore`)).statusCode).toBe(409);
    await post(`/api/admin/users/${seller.id}/reinstate`, { reason: 'Cleared.' });
    const [after] =
      await sql`select status, hidden_cause from prompts where id = ${draft.prompt.id}`;
    expect(after).toMatchObject({ status: 'published', hidden_cause: null });
  });

  it('refuses invalid transitions with 409 and bad input with 400 naming the field', async () => {
    const user = await createUser(database.db);
    for (const [path, body, status] of [
      ['reinstate', { reason: 'Never suspended.' }, 409],
      ['suspend', {}, 400],
      ['suspend', { reason: '  ' }, 400],
      ['suspend', { reason: 'Spam.', until: 'forever' }, 400],
    ] as const) {
      const res = await post(`/api/admin/users/${user.id}/${path}`, body);
      expect(res.statusCode, `${path} ${JSON.stringify(body)}`).toBe(status);
      if (status === 400) {
        const fields = problemSchema.parse(res.json()).errors?.map((e) => e.field);
        expect(fields?.some((f) => f === 'reason' || f === 'until')).toBe(true);
      }
    }
    expect(
      (await post(`/api/admin/users/${user.id}/suspend`, { reason: 'Spam.' })).statusCode,
    ).toBe(200);
    expect(
      (await post(`/api/admin/users/${user.id}/suspend`, { reason: 'Again.' })).statusCode,
    ).toBe(409);
    expect(
      (await post(`/api/admin/users/${admin.id}/suspend`, { reason: 'Oops.' })).statusCode,
    ).toBe(409);
    expect(
      (await post(`/api/admin/users/${randomUUID()}/suspend`, { reason: 'Who?' })).statusCode,
    ).toBe(404);
    expect((await post('/api/admin/users/nope/suspend', { reason: 'Who?' })).json()).toMatchObject({
      errors: [{ field: 'params.id' }],
    });
  });
});

describe('users', () => {
  it("shows a user's record: reviews, reports, orders and refunds", async () => {
    const seller = await createSeller(database.db);
    const { prompt } = await createPublishedPrompt(database.db, seller);
    const buyer = await createUser(database.db);
    await createPaidOrder(database.db, buyer, [
      { prompt, version: { id: prompt.currentVersionId! } as never },
    ]);
    const review = await createReview(database.db, buyer, prompt, { status: 'published' });
    const reporter = await createUser(database.db);
    await sql`insert into review_reports (review_id, reporter_id, reason) values (${review.id}, ${reporter.id}, 'spam')`;
    const detail = adminUserDetailSchema.parse((await get(`/api/admin/users/${buyer.id}`)).json());
    expect(detail).toMatchObject({
      id: buyer.id,
      email: buyer.email,
      role: 'buyer',
      status: 'active',
      history: {
        reviews: { written: 1, published: 1 },
        reportsAgainst: { total: 1, open: 1 },
        orders: 1,
      },
    });
    const reporterDetail = adminUserDetailSchema.parse(
      (await get(`/api/admin/users/${reporter.id}`)).json(),
    );
    expect(reporterDetail.history.reportsFiled).toBe(1);
    expect((await get(`/api/admin/users/${randomUUID()}`)).statusCode).toBe(404);
  });

  it('filters the user list by role and status', async () => {
    const suspended = await createUser(database.db, { role: 'seller' });
    await post(`/api/admin/users/${suspended.id}/suspend`, { reason: 'Fraud.' });
    const list = adminUserListSchema.parse(
      (await get('/api/admin/users?status=suspended&role=seller&limit=100')).json(),
    );
    expect(list.items.map((u) => u.id)).toContain(suspended.id);
    expect(list.items.every((u) => u.status === 'suspended' && u.role === 'seller')).toBe(true);
    expect((await get('/api/admin/users?status=banned')).statusCode).toBe(400);
  });

  it('counts the queues for the overview', async () => {
    const overview = adminOverviewSchema.parse((await get('/api/admin/overview')).json());
    const n = await count(
      sql<{ n: number }[]>`select count(*)::int as n from profiles where status = 'suspended'`,
    );
    expect(overview.users.suspended).toBe(n);
  });
});

describe('GET /api/admin/audit-log', () => {
  it('lists decisions newest first with before and after, filtered, a page at a time', async () => {
    const other = await createUser(database.db, { role: 'admin' });
    const otherHeaders = (await signIn(database, other)).headers;
    const targets = [await createUser(database.db), await createUser(database.db)];
    for (const target of targets) {
      await post(`/api/admin/users/${target.id}/suspend`, { reason: 'Audit test.' });
    }
    await app.inject({
      method: 'POST',
      url: `/api/admin/users/${targets[0]!.id}/reinstate`,
      headers: otherHeaders,
      payload: { reason: 'Second opinion.' },
    });

    const byEntity = auditLogSchema.parse(
      (await get(`/api/admin/audit-log?entityType=user&entityId=${targets[0]!.id}`)).json(),
    );
    expect(byEntity.items.map((i) => i.action)).toEqual(['user.reinstated', 'user.suspended']);
    expect(byEntity.items[0]).toMatchObject({
      actor: { id: other.id, email: other.email },
      entityType: 'user',
      entityId: targets[0]!.id,
      before: { status: 'suspended' },
      after: { status: 'active' },
      reason: 'Second opinion.',
      ip: '127.0.0.1',
    });

    const byActor = auditLogSchema.parse(
      (await get(`/api/admin/audit-log?actorId=${other.id}`)).json(),
    );
    expect(byActor.items.map((i) => i.action)).toEqual(['user.reinstated']);
    const byPrefix = auditLogSchema.parse(
      (await get(`/api/admin/audit-log?action=user.*&actorId=${admin.id}&limit=100`)).json(),
    );
    expect(byPrefix.items.length).toBeGreaterThanOrEqual(2);
    expect(byPrefix.items.every((i) => i.action.startsWith('user.'))).toBe(true);
    const exact = auditLogSchema.parse(
      (await get('/api/admin/audit-log?action=user.reinstated&limit=100')).json(),
    );
    expect(exact.items.every((i) => i.action === 'user.reinstated')).toBe(true);
    const future = auditLogSchema.parse((await get('/api/admin/audit-log?from=2999-01-01')).json());
    expect(future.items).toEqual([]);

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = auditLogSchema.parse(
        (await get(`/api/admin/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json(),
      );
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const n = await count(sql<{ n: number }[]>`select count(*)::int as n from audit_logs`);
    expect(seen).toHaveLength(n);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('answers 400 naming the field for a bad filter', async () => {
    for (const [query, field] of [
      ['action=DROP TABLE', 'query.action'],
      ['actorId=me', 'query.actorId'],
      ['entityType=User', 'query.entityType'],
      ['to=last-week', 'query.to'],
      ['cursor=xyz', 'query.cursor'],
    ]) {
      const res = await get(`/api/admin/audit-log?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(problemSchema.parse(res.json()).errors?.map((e) => e.field)).toContain(field);
    }
  });
});
