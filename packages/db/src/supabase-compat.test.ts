import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbClient } from './client.js';
import { runMigrations } from './migrate.js';
import { allPrivilegeProblems, forbiddenTablePrivileges } from './testing/privileges.js';
import { withUser } from './with-user.js';

// The migrations must run on a Supabase database as they are: Supabase's own
// auth schema, auth.users and auth.uid() already exist there (owned by
// supabase_auth_admin), and its default privileges hand anon and
// authenticated everything the migration role creates in public. This builds
// such a database from template1 (not from the migrated test template), then
// migrates it.

const SUPABASE_OBJECTS = `
  do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
      create role supabase_auth_admin nologin noinherit createrole;
    end if;
  end $$;

  create schema auth authorization supabase_auth_admin;
  grant usage on schema auth to anon, authenticated, service_role;
  create schema extensions;
  create extension pgcrypto with schema extensions;

  -- Supabase's defaults for what the migration role creates in public.
  alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
  alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
  alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

  set role supabase_auth_admin;

  create table auth.users (
    instance_id uuid null,
    id uuid not null primary key,
    aud varchar(255) null,
    role varchar(255) null,
    email varchar(255) null,
    encrypted_password varchar(255) null,
    email_confirmed_at timestamptz null,
    invited_at timestamptz null,
    confirmation_token varchar(255) null,
    confirmation_sent_at timestamptz null,
    recovery_token varchar(255) null,
    recovery_sent_at timestamptz null,
    email_change_token_new varchar(255) null,
    email_change varchar(255) null,
    email_change_sent_at timestamptz null,
    last_sign_in_at timestamptz null,
    raw_app_meta_data jsonb null,
    raw_user_meta_data jsonb null,
    is_super_admin bool null,
    created_at timestamptz null,
    updated_at timestamptz null,
    phone text null unique default null,
    phone_confirmed_at timestamptz null,
    phone_change text null default '',
    phone_change_token varchar(255) null default '',
    phone_change_sent_at timestamptz null,
    confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
    email_change_token_current varchar(255) null default '',
    email_change_confirm_status smallint null default 0
      check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
    banned_until timestamptz null,
    reauthentication_token varchar(255) null default '',
    reauthentication_sent_at timestamptz null,
    is_sso_user boolean not null default false,
    deleted_at timestamptz null,
    is_anonymous boolean not null default false
  );
  create index users_instance_id_idx on auth.users using btree (instance_id);
  create index users_instance_id_email_idx on auth.users using btree (instance_id, lower(email));
  create unique index users_email_partial_key on auth.users (email) where (is_sso_user = false);
  create unique index confirmation_token_idx on auth.users using btree (confirmation_token)
    where confirmation_token !~ '^[0-9 ]*$';
  create index users_is_anonymous_idx on auth.users using btree (is_anonymous);
  alter table auth.users enable row level security;

  create function auth.uid() returns uuid set search_path to '' as $func$
    select
      coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
  $func$ language sql stable;

  create function auth.role() returns text set search_path to '' as $func$
    select
      coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
  $func$ language sql stable;

  create function auth.email() returns text set search_path to '' as $func$
    select
      coalesce(
        nullif(current_setting('request.jwt.claim.email', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
      )::text
  $func$ language sql stable;

  create function auth.jwt() returns jsonb set search_path to '' as $func$
    select
      coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
  $func$ language sql stable;

  reset role;
`;

const info = inject('promptnxPostgres');
const name = `supabase_${randomBytes(5).toString('hex')}`;
const url = (() => {
  const u = new URL(info.adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
})();

let admin: postgres.Sql;
let target: postgres.Sql;
let client: DbClient | undefined;

const definitions = async () =>
  target<{ fn: string; def: string; owner: string }[]>`
    select p.oid::regprocedure::text as fn, pg_get_functiondef(p.oid) as def,
           pg_get_userbyid(p.proowner) as owner
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' order by 1`;
const userColumns = async () =>
  target<{ column_name: string }[]>`
    select column_name from information_schema.columns
    where table_schema = 'auth' and table_name = 'users' order by ordinal_position`;

let before: { functions: Awaited<ReturnType<typeof definitions>>; columns: string[] };

beforeAll(async () => {
  admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  target = postgres(url, { max: 1, onnotice: () => {} });
  await target.unsafe(SUPABASE_OBJECTS);
  before = {
    functions: await definitions(),
    columns: (await userColumns()).map((c) => c.column_name),
  };
  await runMigrations(url);
});

afterAll(async () => {
  await client?.close();
  await target?.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe('drop role if exists supabase_auth_admin');
  await admin.end({ timeout: 5 });
});

describe('migrations on a Supabase database', () => {
  it('leave Supabase’s auth functions and auth.users as they were', async () => {
    expect(before.functions.map((f) => f.fn)).toEqual([
      'auth.email()',
      'auth.jwt()',
      'auth.role()',
      'auth.uid()',
    ]);
    expect(await definitions()).toEqual(before.functions);
    expect((await userColumns()).map((c) => c.column_name)).toEqual(before.columns);
    expect(before.columns).toContain('is_sso_user');
    const [owner] = await target`select pg_get_userbyid(relowner) as owner from pg_class
      where oid = 'auth.users'::regclass`;
    expect(owner?.owner).toBe('supabase_auth_admin');
  });

  it('create a profile when Supabase Auth inserts a user', async () => {
    const id = randomUUID();
    await target`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password,
        email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
        confirmation_token, recovery_token, email_change_token_new, email_change)
      values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated',
        'grace@example.test', extensions.crypt('secret', extensions.gen_salt('bf')), now(),
        '{"provider":"email","providers":["email"]}',
        '{"username":"grace_h","display_name":"Grace H"}', now(), now(), '', '', '', '')`;
    const [profile] = await target`
      select username, display_name, role from public.profiles where id = ${id}`;
    expect(profile).toEqual({ username: 'grace_h', display_name: 'Grace H', role: 'buyer' });

    // RLS through Supabase's auth.uid(): the user edits their own profile only.
    client = createDb(url, { max: 2 });
    const seen = await withUser(client.db, { role: 'authenticated', sub: id }, async (tx) => {
      const [me] = await tx.execute<{ uid: string }>(sql`select auth.uid() as uid`);
      const mine = await tx.execute(
        sql`update profiles set display_name = 'Grace Hopper' where id = ${id}`,
      );
      const others = await tx.execute(
        sql`update profiles set display_name = 'Nope' where id <> ${id}`,
      );
      return {
        uid: me?.uid,
        mine: (mine as unknown as { count: number }).count,
        others: (others as unknown as { count: number }).count,
      };
    });
    expect(seen).toEqual({ uid: id, mine: 1, others: 0 });
  });

  it('leave the request roles the same privileges as on plain PostgreSQL', async () => {
    expect(await allPrivilegeProblems(target)).toEqual([]);
  });

  it('take back Supabase’s default grants for tables and functions added later', async () => {
    await target`create table public.added_later (id int primary key)`;
    await target`create function public.added_later_fn() returns int language sql as 'select 1'`;
    try {
      expect(await forbiddenTablePrivileges(target)).toEqual([]);
      const [fn] = await target`
        select has_function_privilege('anon', 'public.added_later_fn()', 'EXECUTE') as anon,
               has_function_privilege('authenticated', 'public.added_later_fn()', 'EXECUTE') as authed`;
      expect(fn).toEqual({ anon: false, authed: false });
    } finally {
      await target`drop table public.added_later`;
      await target`drop function public.added_later_fn()`;
    }
  });

  it('can run again', async () => {
    await runMigrations(url);
    expect(await definitions()).toEqual(before.functions);
  });
});
