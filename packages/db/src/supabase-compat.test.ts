import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbClient } from './client.js';
import { sqlStateOfError } from './errors.js';
import { runMigrations } from './migrate.js';
import { migrationsFolder } from './paths.js';
import { ASSET_MIME_TYPES } from './schema/prompts.js';
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

// A minimal stand-in for Supabase Storage's schema: the columns the bucket
// migration and its policies use, owned by supabase_storage_admin as on
// Supabase, RLS on, the request roles granted everything (RLS decides).
const STORAGE_OBJECTS = `
  do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
      create role supabase_storage_admin nologin noinherit createrole;
    end if;
  end $$;

  create schema storage authorization supabase_storage_admin;
  grant usage on schema storage to anon, authenticated, service_role;

  set role supabase_storage_admin;

  create table storage.buckets (
    id text primary key,
    name text not null,
    owner uuid,
    created_at timestamptz default now(),
    updated_at timestamptz default now(),
    public boolean default false,
    avif_autodetection boolean default false,
    file_size_limit bigint,
    allowed_mime_types text[],
    owner_id text
  );
  create unique index bname on storage.buckets using btree (name);

  create table storage.objects (
    id uuid primary key default gen_random_uuid(),
    bucket_id text references storage.buckets (id),
    name text,
    owner uuid,
    owner_id text,
    created_at timestamptz default now(),
    updated_at timestamptz default now(),
    last_accessed_at timestamptz default now(),
    metadata jsonb,
    path_tokens text[] generated always as (string_to_array(name, '/')) stored,
    version text,
    user_metadata jsonb
  );
  create unique index bucketid_objname on storage.objects using btree (bucket_id, name);
  alter table storage.buckets enable row level security;
  alter table storage.objects enable row level security;

  create function storage.foldername(name text) returns text[] language plpgsql as $func$
  declare _parts text[];
  begin
    select string_to_array(name, '/') into _parts;
    return _parts[1:array_length(_parts, 1) - 1];
  end
  $func$;

  grant all on storage.buckets, storage.objects to anon, authenticated, service_role;

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
  await target.unsafe(STORAGE_OBJECTS);
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
  await admin.unsafe('drop role if exists supabase_storage_admin');
  await admin.unsafe('drop role if exists promptnx_storage_migrator');
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

describe('the media bucket on Supabase Storage', () => {
  const BUCKET = 'promptnx-media';
  let storageClient: DbClient;
  const alice = randomUUID();
  const bob = randomUUID();
  const key = (owner: string) => `${owner}/avatars/2026/11/${randomUUID()}.webp`;

  const bucketMigration = async () => {
    const file = (await readdir(migrationsFolder)).find((f) => f.endsWith('_storage_bucket.sql'));
    if (!file) throw new Error('no *_storage_bucket.sql migration');
    return readFile(path.join(migrationsFolder, file), 'utf8');
  };
  const bucket = async () =>
    (
      await target`select public, file_size_limit, allowed_mime_types from storage.buckets
      where id = ${BUCKET}`
    )[0];
  const policies = async () =>
    (
      await target<{ policyname: string }[]>`
        select policyname from pg_policies where schemaname = 'storage' and tablename = 'objects'
        order by 1`
    ).map((p) => p.policyname);

  // Inserts one object as a request role and says whether RLS let it in.
  const insertAs = async (sub: string | undefined, bucketId: string, name: string) => {
    const claims = sub ? { role: 'authenticated' as const, sub } : { role: 'anon' as const };
    try {
      await withUser(storageClient.db, claims, (tx) =>
        tx.execute(
          sql`insert into storage.objects (bucket_id, name) values (${bucketId}, ${name})`,
        ),
      );
      return 'inserted';
    } catch (error) {
      return sqlStateOfError(error) === '42501' ? 'denied' : error;
    }
  };
  const visibleTo = (claims: Parameters<typeof withUser>[1]) =>
    withUser(storageClient.db, claims, async (tx) =>
      (
        await tx.execute<{ name: string }>(
          sql`select name from storage.objects where bucket_id = ${BUCKET} order by name`,
        )
      ).map((r) => r.name),
    );

  beforeAll(() => {
    storageClient = createDb(url, { max: 2 });
  });
  afterAll(async () => {
    await storageClient.close();
  });

  it('is public, with the same size and type limits as prompt_assets', async () => {
    expect(await bucket()).toEqual({
      public: true,
      file_size_limit: '10485760',
      allowed_mime_types: [...ASSET_MIME_TYPES],
    });
    expect(await policies()).toEqual([
      'users delete media in their own folder',
      'users replace media in their own folder',
      'users see media in their own folder',
      'users upload media into their own folder',
    ]);
  });

  it('lets a signed-in user write only into their own folder, and anon not at all', async () => {
    await target`insert into storage.buckets (id, name) values ('elsewhere', 'elsewhere')`;
    const own = key(alice);
    expect(await insertAs(alice, BUCKET, own)).toBe('inserted');
    expect(await insertAs(alice, BUCKET, key(bob))).toBe('denied');
    expect(await insertAs(alice, BUCKET, `avatars/${randomUUID()}.webp`)).toBe('denied');
    expect(await insertAs(alice, 'elsewhere', key(alice))).toBe('denied');
    expect(await insertAs(undefined, BUCKET, key(alice))).toBe('denied');

    // Only the owner can move or delete it; the service role (the API) is not bound by this.
    const moved = await withUser(storageClient.db, { role: 'authenticated', sub: bob }, (tx) =>
      tx.execute(sql`update storage.objects set name = ${key(bob)} where name = ${own}`),
    );
    const deletedByBob = await withUser(
      storageClient.db,
      { role: 'authenticated', sub: bob },
      (tx) => tx.execute(sql`delete from storage.objects where name = ${own}`),
    );
    expect([moved.count, deletedByBob.count]).toEqual([0, 0]);
    await expect(
      withUser(storageClient.db, { role: 'authenticated', sub: alice }, (tx) =>
        tx.execute(sql`update storage.objects set name = ${key(bob)} where name = ${own}`),
      ),
    ).rejects.toSatisfy((error) => sqlStateOfError(error) === '42501');
  });

  it('serves files through the public bucket, but lists objects only to their owner', async () => {
    const own = key(alice);
    expect(await insertAs(alice, BUCKET, own)).toBe('inserted');
    expect(await visibleTo({ role: 'authenticated', sub: alice })).toContain(own);
    expect(await visibleTo({ role: 'authenticated', sub: bob })).toEqual([]);
    expect(await visibleTo({ role: 'anon' })).toEqual([]);
    const deleted = await withUser(storageClient.db, { role: 'authenticated', sub: alice }, (tx) =>
      tx.execute(sql`delete from storage.objects where name = ${own}`),
    );
    expect(deleted.count).toBe(1);
  });

  it('can run again, restoring the bucket limits', async () => {
    await target`update storage.buckets set public = false, file_size_limit = 1,
      allowed_mime_types = '{text/html}' where id = ${BUCKET}`;
    await target.unsafe(await bucketMigration());
    expect((await bucket())?.file_size_limit).toBe('10485760');
    expect((await bucket())?.public).toBe(true);
    expect(await policies()).toHaveLength(4);
  });

  it('sets up the bucket and skips the policies, with a warning, where the migration role may not create them', async () => {
    await target.unsafe(`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = 'promptnx_storage_migrator') then
          create role promptnx_storage_migrator nologin bypassrls;
        end if;
      end $$;
      grant usage on schema storage to promptnx_storage_migrator;
      grant select, insert, update on storage.buckets to promptnx_storage_migrator;`);
    await target`update storage.buckets set file_size_limit = 1 where id = ${BUCKET}`;
    const warnings: string[] = [];
    const migrator = postgres(url, {
      max: 1,
      onnotice: (notice) => warnings.push(String(notice.message)),
    });
    try {
      const migration = await bucketMigration();
      await migrator.begin(async (tx) => {
        await tx.unsafe('set local role promptnx_storage_migrator');
        await tx.unsafe(migration);
      });
    } finally {
      await migrator.end({ timeout: 5 });
    }
    expect((await bucket())?.file_size_limit).toBe('10485760');
    expect(warnings.join('\n')).toMatch(/not allowed to create policies on storage\.objects/);
    expect(await policies()).toHaveLength(4);
  });
});
