import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories } from './schema/index.js';
import { seedCategories } from './seed/index.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { queryAsUser, withUser } from './with-user.js';

const database = await useTestDatabase();
const { db } = database;

describe('withUser', () => {
  it('runs as the request role with the claims visible to auth.uid() and auth.role()', async () => {
    const sub = randomUUID();
    const row = await withUser(db, { role: 'authenticated', sub }, async (tx) => {
      const [r] = await tx.execute<{ uid: string; role: string; cur: string }>(
        sql`select auth.uid() as uid, auth.role() as role, current_user as cur`,
      );
      return r;
    });
    expect(row).toEqual({ uid: sub, role: 'authenticated', cur: 'authenticated' });
  });

  it('leaves the pooled connection clean after the transaction', async () => {
    await withUser(db, { role: 'authenticated', sub: randomUUID() }, async () => {});
    const rows = await database.sql<{ uid: string | null; cur: string }[]>`
      select auth.uid() as uid, current_user as cur`;
    for (const r of rows) {
      expect(r.uid).toBeNull();
      expect(r.cur).not.toBe('authenticated');
    }
  });

  it('refuses roles other than anon and authenticated', async () => {
    await expect(withUser(db, { role: 'service_role' as 'anon' }, async () => 1)).rejects.toThrow(
      /anon or authenticated/,
    );
  });

  it('applies RLS: anon reads categories but cannot write them', async () => {
    await seedCategories(db);
    const read = await withUser(db, { role: 'anon' }, (tx) => tx.select().from(categories));
    expect(read.length).toBeGreaterThanOrEqual(12);
    const state = await sqlStateOf(
      withUser(db, { role: 'anon' }, (tx) =>
        tx.insert(categories).values({ slug: 'sneaky', name: 'Sneaky' }),
      ),
    );
    expect(state).toBe('42501'); // insufficient_privilege: the RLS check refused it
    const deleted = await withUser(db, { role: 'authenticated', sub: randomUUID() }, (tx) =>
      tx.delete(categories).returning(),
    );
    expect(deleted).toEqual([]);
  });
});

describe('queryAsUser (one read in one round trip)', () => {
  const whoAmI = sql`select auth.uid() as uid, auth.role() as role, current_user as cur`;

  /** Every pooled connection's role and claims, which must be the connection's own again. */
  async function poolIsClean() {
    const rows = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          database.sql<{ uid: string | null; cur: string }[]>`
          select auth.uid() as uid, current_user as cur, pg_sleep(0.01)`,
      ),
    );
    for (const [r] of rows) {
      expect(r!.uid).toBeNull();
      expect(r!.cur).toBe('postgres');
    }
  }

  it('runs the query as the request role with the claims, in a transaction', async () => {
    const sub = randomUUID();
    const rows = await queryAsUser(
      db,
      { role: 'authenticated', sub },
      sql`
      select auth.uid() as uid, current_user as cur, now() = statement_timestamp() as fresh,
             txid_current_if_assigned() is null as read_only`,
    );
    expect(rows).toEqual([{ uid: sub, cur: 'authenticated', fresh: false, read_only: true }]);
    // Many at once share the pool without mixing their roles.
    const many = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        queryAsUser<{ uid: string | null; cur: string }>(
          db,
          i % 2 ? { role: 'anon' } : { role: 'authenticated', sub },
          whoAmI,
        ),
      ),
    );
    many.forEach(([r], i) => {
      expect(r!.cur).toBe(i % 2 ? 'anon' : 'authenticated');
      expect(r!.uid).toBe(i % 2 ? null : sub);
    });
    await poolIsClean();
  });

  it('applies RLS and refuses writes as anon; an error leaves the pool clean', async () => {
    await seedCategories(db);
    const read = await queryAsUser(db, { role: 'anon' }, sql`select slug from categories`);
    expect(read.length).toBeGreaterThanOrEqual(12);
    const state = await sqlStateOf(
      queryAsUser(
        db,
        { role: 'anon' },
        sql`insert into categories (slug, name) values ('sneaky', 'Sneaky')`,
      ),
    );
    expect(state).toBe('42501');
    expect(await sqlStateOf(queryAsUser(db, { role: 'anon' }, sql`select 1 / ${0}::int`))).toBe(
      '22012',
    );
    await poolIsClean();
    const [row] = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from categories where slug = 'sneaky'`,
    );
    expect(row!.n).toBe(0);
  });

  it('refuses roles other than anon and authenticated', async () => {
    await expect(
      queryAsUser(db, { role: 'service_role' as 'anon' }, sql`select 1`),
    ).rejects.toThrow(/anon or authenticated/);
  });
});
