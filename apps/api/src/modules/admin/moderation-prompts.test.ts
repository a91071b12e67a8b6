import { randomBytes, randomUUID } from 'node:crypto';
import {
  createDraftPrompt,
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  adminPromptDetailSchema,
  adminPromptQueueSchema,
  bulkResultSchema,
  moderationQueueSchema,
  problemSchema,
  promptDetailSchema,
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
const anonymous = {};
const post = (url: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });

/** A word no other prompt has, so search finds exactly the prompt titled with it. */
// Letters only (the search parser splits at digits), each of 16 equally likely: with digits
// folded into one letter, two calls gave the same word often enough to hit the search cache.
const word = () =>
  `zq${randomBytes(6)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)]!)}`;

/** A draft whose first version was submitted: what the seller's Submit leaves behind. */
async function submitted(
  seller: TestUser,
  title: string,
  template = `Write about [topic] ${word()}`,
) {
  const draft = await createDraftPrompt(database.db, seller, { title, template });
  await sql`update prompt_versions set status = 'pending_review' where id = ${draft.version.id}`;
  await sql`update prompts set status = 'pending_review' where id = ${draft.prompt.id}`;
  return draft;
}

async function reportPrompt(promptId: string, reason = 'copyright') {
  const reporter = await createUser(database.db);
  const [row] = await sql<{ id: string }[]>`
    insert into prompt_reports (prompt_id, reporter_id, reason, details)
    values (${promptId}, ${reporter.id}, ${reason}, 'copied from my shop') returning id`;
  return { id: row!.id, reporter };
}

/** Where the public can find a prompt right now: the listing, its page, a search for its word. */
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

const outboxCount = async (promptId: string) => {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from search_outbox where prompt_id = ${promptId}`;
  return row!.n;
};

const auditRows = (entityId: string) =>
  sql<
    {
      action: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      reason: string | null;
      ip: string | null;
    }[]
  >`select action, before, after, reason, host(ip) as ip from audit_logs
    where entity_id = ${entityId} order by id`;

describe('the prompt queues', () => {
  it('lists submitted prompts with their pending versions and flags, never a template', async () => {
    const seller = await createSeller(database.db);
    const other = await createSeller(database.db);
    const original = await createPublishedPrompt(database.db, other, {
      template: 'A very particular template about lighthouses at dawn [topic]',
    });
    const copy = await submitted(
      seller,
      'Lighthouse copy',
      'A very particular template about lighthouses at dawn [topic]!',
    );
    await sql`insert into moderation_flags (prompt_id, version_id, kind, similar_prompt_id, similarity)
              values (${copy.prompt.id}, ${copy.version.id}, 'near_duplicate', ${original.prompt.id}, 0.93)`;
    const res = await get('/api/admin/prompts');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).not.toContain('lighthouses at dawn');
    // Still the shape the earlier queue had (the SDK's promptQueue reads it).
    moderationQueueSchema.parse(res.json());
    const item = adminPromptQueueSchema
      .parse(res.json())
      .items.find((i) => i.id === copy.prompt.id);
    expect(item).toMatchObject({
      status: 'pending_review',
      pendingVersions: [1],
      seller: { id: seller.id, status: 'active' },
      flags: [{ similarPrompt: { id: original.prompt.id }, similarity: expect.closeTo(0.93, 2) }],
    });
    expect(item?.submittedAt).not.toBeNull();
  });

  it('lists reported and hidden prompts, filters by reason, seller and words, and pages', async () => {
    const seller = await createSeller(database.db);
    const reported = await createPublishedPrompt(database.db, seller, { title: 'Reported one' });
    await reportPrompt(reported.prompt.id, 'copyright');
    await reportPrompt(reported.prompt.id, 'spam');
    const quiet = await createPublishedPrompt(database.db, seller, { title: 'Quiet one' });
    const reportedQueue = adminPromptQueueSchema.parse(
      (await get(`/api/admin/prompts?queue=reported&sellerId=${seller.id}`)).json(),
    );
    expect(reportedQueue.items.map((i) => i.id)).toEqual([reported.prompt.id]);
    expect(reportedQueue.items[0]?.reports).toMatchObject({
      open: 2,
      reasons: ['copyright', 'spam'],
    });
    const byReason = adminPromptQueueSchema.parse(
      (await get(`/api/admin/prompts?queue=reported&reason=illegal&sellerId=${seller.id}`)).json(),
    );
    expect(byReason.items).toEqual([]);
    const byWords = adminPromptQueueSchema.parse(
      (await get(`/api/admin/prompts?queue=all&q=quiet&sellerId=${seller.id}`)).json(),
    );
    expect(byWords.items.map((i) => i.id)).toEqual([quiet.prompt.id]);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = adminPromptQueueSchema.parse(
        (
          await get(
            `/api/admin/prompts?queue=all&sellerId=${seller.id}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          )
        ).json(),
      );
      pages.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.sort()).toEqual([reported.prompt.id, quiet.prompt.id].sort());

    const bad = await get('/api/admin/prompts?queue=secret');
    expect(problemSchema.parse(bad.json()).errors?.[0]?.field).toBe('query.queue');
  });
});

describe('a prompt item', () => {
  it('shows an admin every version with its template, the flags with the other template, and the reports', async () => {
    const seller = await createSeller(database.db);
    const other = await createSeller(database.db);
    const original = await createPublishedPrompt(database.db, other, {
      template: 'The original template, word for word [topic]',
    });
    const copy = await submitted(seller, 'A copy', 'The original template, word for word [topic].');
    await sql`insert into moderation_flags (prompt_id, version_id, kind, similar_prompt_id, similarity)
              values (${copy.prompt.id}, ${copy.version.id}, 'near_duplicate', ${original.prompt.id}, 0.97)`;
    await reportPrompt(copy.prompt.id, 'copyright');
    const res = await get(`/api/admin/prompts/${copy.prompt.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const detail = adminPromptDetailSchema.parse(res.json());
    expect(detail.prompt.versions[0]).toMatchObject({
      status: 'pending_review',
      template: 'The original template, word for word [topic].',
    });
    expect(detail.flags[0]).toMatchObject({
      version: 1,
      resolvedAt: null,
      similarPrompt: {
        id: original.prompt.id,
        seller: { id: other.id },
        template: 'The original template, word for word [topic]',
      },
    });
    expect(detail.reportList[0]).toMatchObject({ kind: 'prompt', reason: 'copyright' });
    expect(detail.sellerHistory).toMatchObject({ userId: seller.id, prompts: { total: 1 } });
    // Nobody else: the seller's own token is refused here.
    const own = await signIn(database, seller);
    expect((await get(`/api/admin/prompts/${copy.prompt.id}`, own.headers)).statusCode).toBe(403);
    expect((await get(`/api/admin/prompts/${randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('prompt decisions', () => {
  it('approving puts a submitted prompt in search; the audit row has before and after', async () => {
    const seller = await createSeller(database.db);
    const searchWord = word();
    const draft = await submitted(seller, `Approved ${searchWord} prompt`);
    const res = await post(`/api/admin/prompts/${draft.prompt.id}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await visibility(draft.prompt.id, seller.id, searchWord)).toEqual({
      listing: true,
      detail: true,
      search: true,
    });
    expect((await auditRows(draft.prompt.id))[0]).toMatchObject({
      action: 'prompt.approved',
      before: { status: 'pending_review' },
      after: { status: 'published', publishedVersions: [1] },
      ip: '127.0.0.1',
    });
  });

  it('hiding takes a prompt out of listing, detail and search at once, buyers keep it; restoring brings it back', async () => {
    const seller = await createSeller(database.db);
    const searchWord = word();
    const { prompt } = await createPublishedPrompt(database.db, seller, {
      title: `Hidden ${searchWord} prompt`,
    });
    const buyer = await createUser(database.db);
    await createPaidOrder(database.db, buyer, [
      { prompt, version: { id: prompt.currentVersionId! } as never },
    ]);
    const { id: reportId, reporter } = await reportPrompt(prompt.id, 'illegal');
    expect(await visibility(prompt.id, seller.id, searchWord)).toEqual({
      listing: true,
      detail: true,
      search: true,
    });
    const queued = await outboxCount(prompt.id);

    const reason = 'Asks the model for instructions that break the law.';
    const res = await post(`/api/admin/prompts/${prompt.id}/hide`, { reason });
    expect(res.statusCode, res.body).toBe(200);
    const detail = adminPromptDetailSchema.parse(res.json());
    expect(detail).toMatchObject({ hiddenCause: 'moderation', prompt: { status: 'hidden' } });
    expect(detail.reportList[0]).toMatchObject({ id: reportId, status: 'resolved' });
    expect(await visibility(prompt.id, seller.id, searchWord)).toEqual({
      listing: false,
      detail: false,
      search: false,
    });
    // Meilisearch hears of it through the outbox, in the same transaction.
    expect(await outboxCount(prompt.id)).toBeGreaterThan(queued);
    // The buyer keeps what they paid for.
    const bought = await get(`/api/prompts/${prompt.id}`, (await signIn(database, buyer)).headers);
    expect(bought.statusCode).toBe(200);
    expect(promptDetailSchema.parse(bought.json()).status).toBe('hidden');
    // Not for sale any more.
    const order = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: (await signIn(database, await createUser(database.db))).headers,
      payload: { promptIds: [prompt.id] },
    });
    expect(order.statusCode).toBeGreaterThanOrEqual(400);

    expect((await auditRows(prompt.id))[0]).toMatchObject({
      action: 'prompt.hidden',
      before: { status: 'published', hiddenCause: null },
      after: { status: 'hidden', hiddenCause: 'moderation', resolvedReports: [reportId] },
      reason,
    });
    const [notice] = await sql<{ title: string; body: string }[]>`
      select title, body from notifications where user_id = ${seller.id} order by created_at desc limit 1`;
    expect(notice).toMatchObject({ title: expect.stringContaining('is hidden'), body: reason });
    const [told] = await sql`select 1 from notifications where user_id = ${reporter.id}`;
    expect(told).toBeDefined();

    expect((await post(`/api/admin/prompts/${prompt.id}/hide`, { reason })).statusCode).toBe(409);
    const restored = await post(`/api/admin/prompts/${prompt.id}/restore`);
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await visibility(prompt.id, seller.id, searchWord)).toEqual({
      listing: true,
      detail: true,
      search: true,
    });
    expect((await auditRows(prompt.id)).map((r) => r.action)).toEqual([
      'prompt.hidden',
      'prompt.restored',
    ]);
  });

  it('refuses what does not apply with 409, a missing reason with 400 naming it', async () => {
    const seller = await createSeller(database.db);
    const draft = await createDraftPrompt(database.db, seller);
    const published = await createPublishedPrompt(database.db, seller);
    const reason = { reason: 'Does not apply.' };
    for (const [id, path, body] of [
      [draft.prompt.id, 'hide', reason],
      [published.prompt.id, 'restore', undefined],
      [published.prompt.id, 'approve', undefined],
      [published.prompt.id, 'dismiss-reports', undefined],
    ] as const) {
      const res = await post(`/api/admin/prompts/${id}/${path}`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(409);
    }
    const missing = await post(`/api/admin/prompts/${published.prompt.id}/hide`, {});
    expect(missing.statusCode).toBe(400);
    expect(problemSchema.parse(missing.json()).errors?.[0]?.field).toBe('reason');
    const short = await post(`/api/admin/prompts/${published.prompt.id}/hide`, { reason: 'no' });
    expect(problemSchema.parse(short.json()).errors?.[0]?.field).toBe('reason');
    expect(await auditRows(published.prompt.id)).toEqual([]);
  });

  it('bulk-approves, each prompt in its own transaction with its own audit row', async () => {
    const seller = await createSeller(database.db);
    const a = await submitted(seller, 'Bulk one');
    const b = await submitted(seller, 'Bulk two');
    const live = await createPublishedPrompt(database.db, seller);
    const res = await post('/api/admin/prompts/bulk', {
      action: 'approve',
      ids: [a.prompt.id, live.prompt.id, b.prompt.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = bulkResultSchema.parse(res.json());
    expect(result.results.map((r) => [r.id, r.ok, r.status, r.error?.code ?? null])).toEqual([
      [a.prompt.id, true, 'published', null],
      [live.prompt.id, false, null, 'CONFLICT'],
      [b.prompt.id, true, 'published', null],
    ]);
    for (const id of [a.prompt.id, b.prompt.id]) {
      expect((await auditRows(id)).map((r) => r.action)).toEqual(['prompt.approved']);
    }
    const hide = await post('/api/admin/prompts/bulk', {
      action: 'hide',
      ids: [a.prompt.id, b.prompt.id],
      reason: 'Spam ring.',
    });
    expect(bulkResultSchema.parse(hide.json())).toMatchObject({ succeeded: 2, failed: 0 });
    for (const id of [a.prompt.id, b.prompt.id]) {
      expect((await auditRows(id)).at(-1)).toMatchObject({
        action: 'prompt.hidden',
        before: { status: 'published' },
        after: { status: 'hidden' },
        reason: 'Spam ring.',
      });
    }
    const noReason = await post('/api/admin/prompts/bulk', {
      action: 'reject',
      ids: [a.prompt.id],
    });
    expect(problemSchema.parse(noReason.json()).errors?.[0]?.field).toBe('reason');
  });

  it('dismisses the reports of a prompt it keeps, and decides single reports once', async () => {
    const seller = await createSeller(database.db);
    const { prompt } = await createPublishedPrompt(database.db, seller);
    const first = await reportPrompt(prompt.id, 'spam');
    const second = await reportPrompt(prompt.id, 'misleading');
    const one = await post(`/api/admin/prompt-reports/${first.id}/resolve`, {
      reason: 'Description fixed by the seller.',
    });
    expect(one.statusCode, one.body).toBe(200);
    expect((await post(`/api/admin/prompt-reports/${first.id}/dismiss`)).statusCode).toBe(409);
    const rest = await post(`/api/admin/prompts/${prompt.id}/dismiss-reports`);
    expect(rest.statusCode, rest.body).toBe(200);
    const detail = adminPromptDetailSchema.parse(rest.json());
    expect(detail.reports.open).toBe(0);
    expect(detail.reportList.find((r) => r.id === second.id)?.status).toBe('dismissed');
    expect(detail.prompt.status).toBe('published');
    expect((await auditRows(first.id))[0]).toMatchObject({
      action: 'prompt_report.resolved',
      reason: 'Description fixed by the seller.',
    });
  });
});
