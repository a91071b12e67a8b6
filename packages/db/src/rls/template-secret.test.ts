import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../client.js';
import { entitlements } from '../schema/index.js';
import {
  addVersion,
  createAdmin,
  createPaidOrder,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestPrompt,
  type TestUser,
} from '../testing/factories.js';
import { useTestDatabase } from '../testing/index.js';
import { anonClaims, type JwtClaims, withUser } from '../with-user.js';

// The template text is the product: a signed-in user who has not bought the
// prompt must not be able to read it through anything SQL offers them.

const database = await useTestDatabase();
const { db } = database;

// Words that appear only in the templates, so finding one anywhere is a leak.
const SECRET = 'quuxaphrenic';
const DRAFT_SECRET = 'zorblattian';
const TEMPLATE = `You are a ${SECRET} copywriter. Write a cold email about {{topic}}.`;
const DRAFT_TEMPLATE = `Version two, still ${DRAFT_SECRET}: {{topic}}.`;
const leaks = (text: string) => {
  const lower = text.toLowerCase();
  // Stemming can shorten a word in a tsvector, so look for its stem too.
  return [SECRET, DRAFT_SECRET].some((w) => lower.includes(w) || lower.includes(w.slice(0, 7)));
};

let seller: TestUser;
let stranger: TestUser;
let buyer: TestUser;
let admin: TestUser;
let listed: TestPrompt;

beforeAll(async () => {
  seller = await createSeller(db);
  stranger = await createUser(db);
  buyer = await createUser(db);
  admin = await createAdmin(db);
  listed = await createPublishedPrompt(db, seller, {
    title: 'Cold email opener',
    description: 'Opens conversations with busy founders.',
    tags: ['outreach', 'sales'],
    template: TEMPLATE,
  });
  await addVersion(db, listed.prompt, { template: DRAFT_TEMPLATE });
  await createPaidOrder(db, buyer, [listed]);
  // Planner statistics exist for every column, the template's included.
  await database.sql`analyze`;
});

const templatesSeenBy = (claims: JwtClaims) =>
  withUser(db, claims, async (tx) => {
    const rows = await tx.execute<{ template: string }>(
      sql`select template from prompt_templates where prompt_id = ${listed.prompt.id} order by created_at`,
    );
    return rows.map((r) => r.template);
  });

describe('the template text', () => {
  it('is not in prompt_templates for a signed-in user without an entitlement', async () => {
    expect(await templatesSeenBy(stranger.claims)).toEqual([]);
    const found = await withUser(db, stranger.claims, (tx) =>
      tx.execute<{ n: number }>(
        sql`select count(*)::int as n from prompt_templates where template like ${`%${SECRET}%`}`,
      ),
    );
    expect(found[0]?.n).toBe(0);
  });

  it('is in no table, view or column a signed-in user without an entitlement can read', async () => {
    // Every relation outside the system catalogs, with the columns authenticated may select.
    const readable = await database.sql<{ relation: string; columns: string[] }[]>`
      select format('%I.%I', n.nspname, c.relname) as relation,
             array_agg(quote_ident(a.attname) order by a.attnum) as columns
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'p', 'v', 'm', 'f')
        and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
        and has_schema_privilege('authenticated', n.oid, 'USAGE')
        and has_column_privilege('authenticated', c.oid, a.attnum, 'SELECT')
      group by 1 order by 1`;
    expect(readable.map((r) => r.relation)).toContain('public.prompts');
    const seen = await withUser(db, stranger.claims, async (tx) => {
      const texts: string[] = [];
      for (const { relation, columns } of readable) {
        const rows = await tx.execute<{ t: string | null }>(
          sql.raw(
            `select concat_ws(' ', ${columns.map((c) => `${c}::text`).join(', ')}) as t from ${relation}`,
          ),
        );
        for (const r of rows) texts.push(`${relation}: ${r.t ?? ''}`);
      }
      return texts;
    });
    expect(seen.some((t) => t.includes(listed.prompt.id))).toBe(true);
    expect(seen.filter(leaks)).toEqual([]);
  });

  it('is not in the search vector: search finds title, tags and description words only', async () => {
    const search = (tx: Transaction, words: string) =>
      tx.execute<{ id: string }>(
        sql`select id from prompts where search_vector @@ plainto_tsquery('english', ${words})`,
      );
    for (const claims of [anonClaims, stranger.claims]) {
      const result = await withUser(db, claims, async (tx) => ({
        title: (await search(tx, 'cold email')).map((r) => r.id),
        tag: (await search(tx, 'outreach')).map((r) => r.id),
        description: (await search(tx, 'busy founders')).map((r) => r.id),
        template: (await search(tx, SECRET)).map((r) => r.id),
        draft: (await search(tx, DRAFT_SECRET)).map((r) => r.id),
      }));
      expect(result).toEqual({
        title: [listed.prompt.id],
        tag: [listed.prompt.id],
        description: [listed.prompt.id],
        template: [],
        draft: [],
      });
    }
  });

  it('is not in the planner statistics a signed-in user can read', async () => {
    const asSystem = await database.sql`
      select 1 from pg_stats where schemaname = 'public' and tablename = 'prompt_templates'`;
    expect(asSystem.length).toBeGreaterThan(0);
    const stats = await withUser(db, stranger.claims, (tx) =>
      tx.execute<{ tablename: string; t: string }>(
        sql`select tablename, concat_ws(' ', most_common_vals::text, histogram_bounds::text,
              most_common_elems::text) as t from pg_stats where schemaname = 'public'`,
      ),
    );
    expect(stats.map((s) => s.tablename)).not.toContain('prompt_templates');
    expect(stats.filter((s) => leaks(s.t))).toEqual([]);
  });

  it('comes out of no function a signed-in user can execute', async () => {
    // Functions that run with the caller's rights see what the caller sees;
    // only SECURITY DEFINER ones could reach further, and those answer yes or no.
    const definers = await database.sql<{ fn: string; returns: string }[]>`
      select p.oid::regprocedure::text as fn, format_type(p.prorettype, null) as returns
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')
        and has_function_privilege('authenticated', p.oid, 'EXECUTE')
      order by 1`;
    expect(definers).toEqual([
      { fn: 'chat_blocked_with(uuid)', returns: 'boolean' },
      { fn: 'is_admin()', returns: 'boolean' },
      { fn: 'is_entitled(uuid)', returns: 'boolean' },
      { fn: 'is_prompt_seller(uuid)', returns: 'boolean' },
      { fn: 'is_seller()', returns: 'boolean' },
    ]);
    const answers = await withUser(db, stranger.claims, async (tx) => {
      const [row] = await tx.execute<{ entitled: boolean; sells: boolean }>(
        sql`select public.is_entitled(${listed.prompt.id}) as entitled,
                   public.is_prompt_seller(${listed.prompt.id}) as sells`,
      );
      return row;
    });
    expect(answers).toEqual({ entitled: false, sells: false });
  });

  it('is read by the entitled buyer (published versions only), the seller and admins', async () => {
    expect(await templatesSeenBy(buyer.claims)).toEqual([TEMPLATE]);
    expect(await templatesSeenBy(seller.claims)).toEqual([TEMPLATE, DRAFT_TEMPLATE]);
    expect(await templatesSeenBy(admin.claims)).toEqual([TEMPLATE, DRAFT_TEMPLATE]);
  });

  it('is lost when the entitlement is revoked (a refund)', async () => {
    const revocable = await createUser(db);
    await createPaidOrder(db, revocable, [listed]);
    expect(await templatesSeenBy(revocable.claims)).toEqual([TEMPLATE]);
    await db
      .update(entitlements)
      .set({ status: 'revoked', revokedAt: new Date() })
      .where(eq(entitlements.userId, revocable.id));
    expect(await templatesSeenBy(revocable.claims)).toEqual([]);
  });

  it('is not readable by anon at all', async () => {
    const state = await withUser(db, anonClaims, (tx) =>
      tx.execute(sql`select count(*)::int as n from prompt_templates`),
    );
    expect(state[0]).toEqual({ n: 0 });
  });
});
