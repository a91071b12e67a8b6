import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/index.js';
import {
  forbiddenTablePrivileges,
  requestRolesThatSkipRls,
  tablesWithoutRls,
  unsafeSecurityDefinerFunctions,
  writableSequences,
} from '../testing/privileges.js';
import { tablesInMatrix } from './matrix.js';

// Checks over the whole catalog, so a new table, function or grant that
// breaks the rules fails here even if nobody wrote a test for it.

const database = await useTestDatabase();
const { sql } = database;

describe('RLS meta-checks', () => {
  it('every table in public has row-level security on', async () => {
    expect(await tablesWithoutRls(sql)).toEqual([]);
  });

  it('the roles requests run as are not superuser, have no BYPASSRLS and own nothing in public', async () => {
    expect(await requestRolesThatSkipRls(sql)).toEqual([]);
  });

  it('SECURITY DEFINER functions in public pin search_path and are not executable by anon', async () => {
    expect(await unsafeSecurityDefinerFunctions(sql)).toEqual([]);
  });

  it('anon cannot write any table, and no request role can TRUNCATE or MAINTAIN one', async () => {
    expect(await forbiddenTablePrivileges(sql)).toEqual([]);
  });

  it('no request role can setval() a sequence', async () => {
    expect(await writableSequences(sql)).toEqual([]);
  });

  it('the RLS matrix covers every table in public', async () => {
    const rows = await sql<{ tablename: string }[]>`
      select tablename from pg_tables where schemaname = 'public' order by tablename`;
    expect(tablesInMatrix()).toEqual(rows.map((r) => r.tablename).sort());
  });

  it('the checks see a problem when there is one', async () => {
    // A table created without RLS and handed to anon: every check must object.
    await sql`create table public.meta_check_probe (id int)`;
    await sql`grant insert, truncate on public.meta_check_probe to anon, authenticated`;
    await sql`create function public.meta_check_probe_fn() returns int
      language sql security definer as 'select 1'`;
    await sql`grant execute on function public.meta_check_probe_fn() to anon`;
    await sql`alter function public.meta_check_probe_fn() owner to authenticated`;
    try {
      expect(await tablesWithoutRls(sql)).toContain('meta_check_probe');
      expect(await requestRolesThatSkipRls(sql)).toEqual([
        'authenticated owns meta_check_probe_fn()',
      ]);
      expect(await unsafeSecurityDefinerFunctions(sql)).toEqual([
        'meta_check_probe_fn() does not pin search_path',
        'meta_check_probe_fn() is executable by anon',
      ]);
      expect(await forbiddenTablePrivileges(sql)).toEqual([
        'anon has INSERT on meta_check_probe',
        'anon has TRUNCATE on meta_check_probe',
        'authenticated has TRUNCATE on meta_check_probe',
      ]);
    } finally {
      await sql`drop function public.meta_check_probe_fn()`;
      await sql`drop table public.meta_check_probe`;
    }
  });
});
