import { categories, profiles, prompts, withUser } from '@promptnx/db';
import {
  createCategory,
  createDraftPrompt,
  createPublishedPrompt,
  createSeller,
  setPromptStatus,
  sqlStateOf,
  useTestDatabase,
} from '@promptnx/db/testing';
import { sql as drizzleSql, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { SEARCH_OUTBOX_CHANNEL } from './sync.js';
import { clearOutbox, queuedPromptIds } from './testing/index.js';

// The outbox triggers: every change that can alter a search document queues
// the prompt in the same transaction, whoever makes it.

const database = await useTestDatabase();
const { db, sql } = database;

beforeEach(() => clearOutbox(sql));

describe('search outbox triggers', () => {
  it('queue a prompt when it is published, not while it is a draft', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createDraftPrompt(db, seller);
    await db
      .update(prompts)
      .set({ title: 'Draft edits stay out' })
      .where(eq(prompts.id, prompt.id));
    expect(await queuedPromptIds(sql)).toEqual([]);

    const published = await createPublishedPrompt(db, seller);
    expect(await queuedPromptIds(sql)).toEqual([published.prompt.id]);
  });

  it('queue every change to an indexed field, and nothing for fields the index lacks', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    await clearOutbox(sql);

    await db.update(prompts).set({ viewCount: 5 }).where(eq(prompts.id, prompt.id));
    await db.update(prompts).set({ title: prompt.title }).where(eq(prompts.id, prompt.id));
    expect(await queuedPromptIds(sql)).toEqual([]);

    await db.update(prompts).set({ title: 'A new title' }).where(eq(prompts.id, prompt.id));
    await db
      .update(prompts)
      .set({ tags: ['seo'] })
      .where(eq(prompts.id, prompt.id));
    await db.update(prompts).set({ priceAmount: 1 }).where(eq(prompts.id, prompt.id));
    await db.update(prompts).set({ trendingScore: 2.5 }).where(eq(prompts.id, prompt.id));
    expect(await queuedPromptIds(sql)).toEqual([prompt.id, prompt.id, prompt.id, prompt.id]);
  });

  it('queue a prompt that leaves the catalog (archived, deleted)', async () => {
    const seller = await createSeller(db);
    const archived = await createPublishedPrompt(db, seller);
    const deleted = await createPublishedPrompt(db, seller);
    await clearOutbox(sql);
    await setPromptStatus(db, archived.prompt, 'archived');
    expect(await queuedPromptIds(sql)).toEqual([archived.prompt.id]);
    await clearOutbox(sql);

    // Published versions refuse deletion, so a published prompt is deleted only
    // with those guards off (say, by an operator): it still leaves the index.
    // Everything below is rolled back (the guards come back on).
    class RolledBack {
      constructor(readonly queued: string[]) {}
    }
    const outcome = await sql
      .begin(async (tx) => {
        await tx`alter table public.prompt_versions disable trigger prompt_versions_immutable`;
        await tx`alter table public.prompt_templates disable trigger prompt_templates_immutable`;
        await tx`delete from public.prompts where id = ${deleted.prompt.id}`;
        const rows = await tx<{ promptId: string }[]>`
          select prompt_id as "promptId" from public.search_outbox`;
        throw new RolledBack(rows.map((r) => r.promptId));
      })
      .catch((error: unknown) => error);
    expect(outcome).toEqual(new RolledBack([deleted.prompt.id]));
    expect((outcome as RolledBack).queued).toEqual([deleted.prompt.id]);
  });

  it("queue a seller's published prompts when their display name or status changes", async () => {
    const seller = await createSeller(db);
    const one = await createPublishedPrompt(db, seller);
    const two = await createPublishedPrompt(db, seller);
    await createDraftPrompt(db, seller);
    await clearOutbox(sql);

    await db.update(profiles).set({ bio: 'Not searchable' }).where(eq(profiles.id, seller.id));
    expect(await queuedPromptIds(sql)).toEqual([]);
    await db.update(profiles).set({ displayName: 'Renamed' }).where(eq(profiles.id, seller.id));
    expect((await queuedPromptIds(sql)).sort()).toEqual([one.prompt.id, two.prompt.id].sort());
    await clearOutbox(sql);
    await db.update(profiles).set({ status: 'suspended' }).where(eq(profiles.id, seller.id));
    expect(await queuedPromptIds(sql)).toHaveLength(2);
  });

  it("queue a category's published prompts when its name or slug changes", async () => {
    const seller = await createSeller(db);
    const category = await createCategory(db);
    const { prompt } = await createPublishedPrompt(db, seller, { categoryId: category.id });
    await clearOutbox(sql);
    await db.update(categories).set({ sortOrder: 9 }).where(eq(categories.id, category.id));
    expect(await queuedPromptIds(sql)).toEqual([]);
    await db.update(categories).set({ name: 'Renamed' }).where(eq(categories.id, category.id));
    expect(await queuedPromptIds(sql)).toEqual([prompt.id]);
  });

  it("queue a seller's own edit made as a request role, which cannot touch the outbox itself", async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    await clearOutbox(sql);
    await withUser(db, seller.claims, (tx) =>
      tx.update(prompts).set({ title: 'Edited by its seller' }).where(eq(prompts.id, prompt.id)),
    );
    expect(await queuedPromptIds(sql)).toEqual([prompt.id]);

    const state = await sqlStateOf(
      withUser(db, seller.claims, (tx) =>
        tx.execute(drizzleSql`select * from public.search_outbox`),
      ),
    );
    expect(state).toBe('42501');
  });

  it('roll back with the change that queued them', async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    await clearOutbox(sql);
    await expect(
      db.transaction(async (tx) => {
        await tx.update(prompts).set({ title: 'Never committed' }).where(eq(prompts.id, prompt.id));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await queuedPromptIds(sql)).toEqual([]);
  });

  it(`NOTIFY ${SEARCH_OUTBOX_CHANNEL} when rows were queued`, async () => {
    const seller = await createSeller(db);
    const { prompt } = await createPublishedPrompt(db, seller);
    let notified = 0;
    const listener = await sql.listen(SEARCH_OUTBOX_CHANNEL, () => {
      notified += 1;
    });
    try {
      await db.update(prompts).set({ title: 'Wake the worker' }).where(eq(prompts.id, prompt.id));
      const deadline = Date.now() + 5000;
      while (notified === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(notified).toBe(1);
    } finally {
      await listener.unlisten();
    }
  });
});
