import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runMigrations } from './migrate.js';
import { seedCategories } from './seed/index.js';
import { useTestDatabase } from './testing/index.js';

const database = await useTestDatabase();

describe('migrations', () => {
  it('create the Supabase-compatible roles, auth schema and functions', async () => {
    const roles = await database.sql<{ rolname: string; rolbypassrls: boolean }[]>`
      select rolname, rolbypassrls from pg_roles
      where rolname in ('anon', 'authenticated', 'service_role') order by rolname`;
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false },
      { rolname: 'authenticated', rolbypassrls: false },
      { rolname: 'service_role', rolbypassrls: true },
    ]);
    const fns = await database.sql<{ fn: string }[]>`
      select p.oid::regprocedure::text as fn from pg_proc p
      join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'auth' order by 1`;
    expect(fns.map((f) => f.fn)).toEqual(['auth.jwt()', 'auth.role()', 'auth.uid()']);
    const [users] = await database.sql`select to_regclass('auth.users') as t`;
    expect(users?.t).toBe('auth.users');
  });

  it('enable RLS on every table in public', async () => {
    const open = await database.sql`
      select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`;
    expect(open).toEqual([]);
  });

  it('can run again without changing anything', async () => {
    await runMigrations(database.url);
    await runMigrations(database.url);
  });

  it('keep updated_at current', async () => {
    await seedCategories(database.db);
    const [before] = await database.db.execute<{ updated_at: string }>(
      sql`select updated_at from categories where slug = 'coding'`,
    );
    await database.db.execute(sql`update categories set name = 'Code' where slug = 'coding'`);
    const [after] = await database.db.execute<{ updated_at: string }>(
      sql`select updated_at from categories where slug = 'coding'`,
    );
    expect(new Date(after!.updated_at).getTime()).toBeGreaterThan(
      new Date(before!.updated_at).getTime(),
    );
  });

  it('seeds categories idempotently', async () => {
    await seedCategories(database.db);
    const [row] = await database.sql`select count(*)::int as n from categories`;
    expect(row?.n).toBeGreaterThanOrEqual(12);
    await seedCategories(database.db);
    const [again] = await database.sql`select count(*)::int as n from categories`;
    expect(again?.n).toBe(row?.n);
  });
});

describe('privileges', () => {
  it('do not let request roles TRUNCATE (it ignores RLS)', async () => {
    const [row] = await database.sql`
      select has_table_privilege('anon', 'public.categories', 'TRUNCATE') as anon,
             has_table_privilege('authenticated', 'public.categories', 'TRUNCATE') as authed,
             has_table_privilege('authenticated', 'public.categories', 'SELECT') as authed_select`;
    expect(row).toEqual({ anon: false, authed: false, authed_select: true });
  });

  it('do not let anon execute functions created after the bootstrap', async () => {
    await database.sql`create function public.later_fn() returns int language sql as 'select 1'`;
    const [row] = await database.sql`
      select has_function_privilege('anon', 'public.later_fn()', 'EXECUTE') as anon,
             has_function_privilege('service_role', 'public.later_fn()', 'EXECUTE') as service`;
    expect(row).toEqual({ anon: false, service: true });
    await database.sql`drop function public.later_fn()`;
  });
});
