import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { categories } from './schema/index.js';
import { seedCategories } from './seed/index.js';
import { sqlStateOf, useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

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
