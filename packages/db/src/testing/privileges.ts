import type postgres from 'postgres';

// Catalog queries behind the RLS meta-checks. Each returns what is wrong (an
// empty list when all is well), so a failing test prints the offenders. They
// take a superuser connection to the database being checked.

/** The roles requests run as; everything else here is about them. */
export const REQUEST_ROLES = ['anon', 'authenticated'] as const;

/** Tables in public with row-level security off (RLS is the second wall). */
export async function tablesWithoutRls(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
    order by 1`;
  return rows.map((r) => r.name);
}

/** A request role that skips RLS (superuser, BYPASSRLS) or owns something in public. */
export async function requestRolesThatSkipRls(sql: postgres.Sql): Promise<string[]> {
  const roles = [...REQUEST_ROLES];
  const rows = await sql<{ problem: string }[]>`
    select r.rolname || ' is a superuser' as problem from pg_roles r
    where r.rolname = any(${roles}::text[]) and r.rolsuper
    union all
    select r.rolname || ' has BYPASSRLS' from pg_roles r
    where r.rolname = any(${roles}::text[]) and r.rolbypassrls
    union all
    select pg_get_userbyid(c.relowner) || ' owns ' || c.relname
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and pg_get_userbyid(c.relowner) = any(${roles}::text[])
    union all
    select pg_get_userbyid(p.proowner) || ' owns ' || p.oid::regprocedure::text
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and pg_get_userbyid(p.proowner) = any(${roles}::text[])
    union all
    select pg_get_userbyid(n.nspowner) || ' owns schema public'
    from pg_namespace n
    where n.nspname = 'public' and pg_get_userbyid(n.nspowner) = any(${roles}::text[])
    order by 1`;
  return rows.map((r) => r.problem);
}

/**
 * SECURITY DEFINER functions in public that anon may execute, or that do not
 * pin search_path (a caller's search_path could then swap the objects they use).
 */
export async function unsafeSecurityDefinerFunctions(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ problem: string }[]>`
    select p.oid::regprocedure::text || ' is executable by anon' as problem
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef
      and has_function_privilege('anon', p.oid, 'EXECUTE')
    union all
    select p.oid::regprocedure::text || ' does not pin search_path'
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'public' and p.prosecdef
      and not exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%')
    order by 1`;
  return rows.map((r) => r.problem);
}

/**
 * Table privileges RLS cannot guard or anon must not have: anon only reads
 * (no INSERT, UPDATE, DELETE), and neither request role may TRUNCATE (which
 * ignores RLS) or, from PostgreSQL 17, MAINTAIN (LOCK TABLE, VACUUM, REINDEX).
 */
export async function forbiddenTablePrivileges(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<{ problem: string }[]>`
    with wanted(role, privilege) as (
      values ('anon', 'INSERT'), ('anon', 'UPDATE'), ('anon', 'DELETE'), ('anon', 'TRUNCATE'),
             ('anon', 'MAINTAIN'), ('authenticated', 'TRUNCATE'), ('authenticated', 'MAINTAIN')
    )
    select w.role || ' has ' || w.privilege || ' on ' || c.relname as problem
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join wanted w
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
      and case
        when w.privilege = 'MAINTAIN' and current_setting('server_version_num')::int < 170000 then false
        else has_table_privilege(w.role, c.oid, w.privilege)
      end
    order by 1`;
  return rows.map((r) => r.problem);
}

/** Sequences in public that a request role may setval() (UPDATE). */
export async function writableSequences(sql: postgres.Sql): Promise<string[]> {
  const roles = [...REQUEST_ROLES];
  const rows = await sql<{ problem: string }[]>`
    select r.role || ' may setval ' || c.relname as problem
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join unnest(${roles}::text[]) as r(role)
    where n.nspname = 'public' and c.relkind = 'S'
      and has_sequence_privilege(r.role, c.oid, 'UPDATE')
    order by 1`;
  return rows.map((r) => r.problem);
}

/** Every privilege check at once, for a database migrated elsewhere (e.g. Supabase-like). */
export async function allPrivilegeProblems(sql: postgres.Sql): Promise<string[]> {
  return [
    ...(await tablesWithoutRls(sql)).map((t) => `${t} has RLS off`),
    ...(await requestRolesThatSkipRls(sql)),
    ...(await unsafeSecurityDefinerFunctions(sql)),
    ...(await forbiddenTablePrivileges(sql)),
    ...(await writableSequences(sql)),
  ];
}
