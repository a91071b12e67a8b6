import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { useTestDatabase } from './testing/index.js';
import { withUser } from './with-user.js';

const database = await useTestDatabase();

// One connection each, so every query below runs where pg_prepared_statements looks.
const prepared = createDb(database.url, { max: 1, prepare: true });
const unnamed = createDb(database.url, { max: 1 });
afterAll(async () => {
  await prepared.close();
  await unnamed.close();
});

/** The statements this connection has prepared that contain `marker`. */
async function preparedWith(db: typeof prepared.db, marker: string) {
  const rows = await db.execute<{ statement: string }>(
    sql`select statement from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`,
  );
  return rows.map((r) => r.statement);
}

describe('createDb({ prepare })', () => {
  it('sends queries with parameters as named prepared statements, in transactions too', async () => {
    const marker = `probe_${randomUUID().replaceAll('-', '')}`;
    const query = (n: number) => sql`select ${n}::int + 1 as ${sql.raw(marker)}`;
    await prepared.db.execute(query(1));
    await prepared.db.execute(query(2));
    const inTransaction = await prepared.db.transaction(async (tx) => {
      await tx.execute(query(3));
      return tx.transaction(async (nested) => nested.execute(query(4)));
    });
    const asUser = await withUser(prepared.db, { role: 'anon' }, (tx) => tx.execute(query(5)));
    expect(inTransaction[0]).toEqual({ [marker]: 5 });
    expect(asUser[0]).toEqual({ [marker]: 6 });
    // One statement for one query text, reused with new parameters each time.
    expect(await preparedWith(prepared.db, marker)).toHaveLength(1);
  });

  it('keeps queries without parameters, and everything by default, unnamed', async () => {
    const marker = `probe_${randomUUID().replaceAll('-', '')}`;
    await prepared.db.execute(sql`select 1 as ${sql.raw(marker)}`);
    expect(await preparedWith(prepared.db, marker)).toEqual([]);
    await unnamed.db.execute(sql`select ${1}::int as ${sql.raw(marker)}`);
    expect(await preparedWith(unnamed.db, marker)).toEqual([]);
  });

  it('still rolls a failed transaction back', async () => {
    const name = `probe-${randomUUID()}`;
    await expect(
      prepared.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table if not exists probe_rows (name text)`);
        await tx.execute(sql`insert into probe_rows values (${name})`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const rows = await prepared.db.execute(
      sql`select 1 from pg_tables where tablename = 'probe_rows' and schemaname like 'pg_temp%'`,
    );
    expect(rows).toHaveLength(0);
  });
});
