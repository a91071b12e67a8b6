import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { type Me, meSchema, problemSchema } from '@promptnx/schema';
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const storageDir = await mkdtemp(path.join(tmpdir(), 'promptnx-avatars-'));
afterAll(() => rm(storageDir, { recursive: true, force: true }));

const database = await useTestDatabase();
const app = await buildTestApp(database, { ...authEnv, PROMPTNX_STORAGE_DIR: storageDir });

/** A buyer signed in with an open session. */
async function signedInUser(options: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(database.db, options);
  const { headers } = await signIn(database, user);
  return { user, headers };
}

const getMe = async (headers: Record<string, string>) => {
  const res = await app.inject({ url: '/api/me', headers });
  expect(res.statusCode).toBe(200);
  return meSchema.parse(res.json());
};
const patchMe = (headers: Record<string, string>, payload: object) =>
  app.inject({ method: 'PATCH', url: '/api/me', headers, payload });
const putAvatar = (headers: Record<string, string>, body: Buffer, contentType = 'image/png') =>
  app.inject({
    method: 'PUT',
    url: '/api/me/avatar',
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });

function expectProblem(res: LightMyRequestResponse, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = problemSchema.parse(res.json());
  expect(body.code).toBe(code);
  return body;
}

/** The files a user has in storage (avatars live under `{userId}/avatars/…`). */
async function storedFiles(user: TestUser): Promise<string[]> {
  const files = await readdir(path.join(storageDir, user.id), { recursive: true }).catch(
    () => [] as string[],
  );
  return files.filter((f) => path.extname(f) !== '');
}

const image = (format: 'png' | 'jpeg' | 'webp', width = 400, height = 300) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .toFormat(format)
    .toBuffer();

async function suspend(user: TestUser, reason: string) {
  await database.sql`
    update public.profiles set status = 'suspended', suspended_reason = ${reason}, suspended_at = now()
    where id = ${user.id}`;
}

describe('POST /api/profiles/sync', () => {
  it('creates a missing profile and answers with it', async () => {
    const { user, headers } = await signedInUser();
    await database.sql`delete from public.profiles where id = ${user.id}`;
    const res = await app.inject({ method: 'POST', url: '/api/profiles/sync', headers });
    expect(res.statusCode).toBe(200);
    expect(meSchema.parse(res.json())).toMatchObject({
      id: user.id,
      email: user.email,
      role: 'buyer',
      status: 'active',
      seller: null,
    });
    const [row] = await database.sql`select role from public.profiles where id = ${user.id}`;
    expect(row).toEqual({ role: 'buyer' });
  });

  it('leaves an existing profile as it is', async () => {
    const { user, headers } = await signedInUser({ role: 'seller' });
    const res = await app.inject({ method: 'POST', url: '/api/profiles/sync', headers });
    expect(res.json()).toMatchObject({ id: user.id, role: 'seller' });
  });

  it('needs a token', async () => {
    expectProblem(
      await app.inject({ method: 'POST', url: '/api/profiles/sync' }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('GET /api/me', () => {
  it('answers with the signed-in user, never cached', async () => {
    const { user, headers } = await signedInUser({ metadata: { username: 'me_reader' } });
    const res = await app.inject({ url: '/api/me', headers });
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(meSchema.parse(res.json())).toEqual({
      id: user.id,
      email: user.email,
      username: 'me_reader',
      displayName: user.email.split('@')[0],
      bio: '',
      avatarUrl: null,
      links: [],
      role: 'buyer',
      status: 'active',
      suspendedReason: null,
      seller: null,
      createdAt: expect.any(String),
    });
  });
});

describe('PATCH /api/me', () => {
  it('updates display name, username, bio and links', async () => {
    const { headers } = await signedInUser();
    const changes = {
      displayName: '  Ada Lovelace ',
      username: 'Ada_Writes',
      bio: 'Prompts for analytical engines.',
      links: [{ label: 'Site', url: 'https://ada.example/prompts' }],
    };
    const res = await patchMe(headers, changes);
    expect(res.statusCode).toBe(200);
    const expected = {
      displayName: 'Ada Lovelace',
      username: 'ada_writes',
      bio: changes.bio,
      links: changes.links,
    };
    expect(res.json()).toMatchObject(expected);
    expect(await getMe(headers)).toMatchObject(expected);
  });

  it('changes only the fields sent', async () => {
    const { headers } = await signedInUser();
    await patchMe(headers, { bio: 'first', displayName: 'Kept' });
    const res = await patchMe(headers, { bio: 'second' });
    expect(res.json()).toMatchObject({ bio: 'second', displayName: 'Kept' });
  });

  it('an empty body changes nothing and answers with the profile', async () => {
    const { user, headers } = await signedInUser();
    const res = await patchMe(headers, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id });
  });

  it('refuses role, status, Stripe and suspension fields, naming each, and changes nothing', async () => {
    const { user, headers } = await signedInUser();
    const before = await getMe(headers);
    const res = await patchMe(headers, {
      displayName: 'Sneaky',
      role: 'admin',
      status: 'active',
      stripeAccountId: 'acct_mine',
      suspendedReason: null,
      chargesEnabled: true,
    });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    const fields = body.errors?.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'role',
        'status',
        'stripeAccountId',
        'suspendedReason',
        'chargesEnabled',
      ]),
    );
    expect(fields).not.toContain('displayName');
    for (const field of ['role', 'status', 'stripeAccountId', 'suspendedReason']) {
      expect(body.detail).toContain(field);
    }
    expect(await getMe(headers)).toEqual(before);
    const [row] =
      await database.sql`select role, display_name from public.profiles where id = ${user.id}`;
    expect(row).toEqual({ role: 'buyer', display_name: before.displayName });
  });

  it('a username someone else has is 409 USERNAME_TAKEN', async () => {
    await signedInUser({ metadata: { username: 'taken_name' } });
    const { headers } = await signedInUser();
    const res = await patchMe(headers, { username: 'Taken_Name', bio: 'not saved either' });
    const body = expectProblem(res, 409, 'USERNAME_TAKEN');
    expect(body.errors).toEqual([{ field: 'username', message: 'is taken' }]);
    expect((await getMe(headers)).bio).toBe('');
  });

  it.each([
    ['a username with spaces', { username: 'no spaces here' }, 'username'],
    ['a two-letter username', { username: 'ab' }, 'username'],
    ['an empty display name', { displayName: '   ' }, 'displayName'],
    ['a bio over 2000 characters', { bio: 'x'.repeat(2001) }, 'bio'],
    ['a javascript: link', { links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'links.0.url'],
    [
      'a link without a label',
      { links: [{ label: '', url: 'https://ok.example' }] },
      'links.0.label',
    ],
    [
      'six links',
      {
        links: Array.from({ length: 6 }, (_, i) => ({ label: `l${i}`, url: 'https://ok.example' })),
      },
      'links',
    ],
  ])('%s is 400 naming the field', async (_name, payload, field) => {
    const { headers } = await signedInUser();
    const body = expectProblem(await patchMe(headers, payload), 400, 'VALIDATION_FAILED');
    expect(body.errors?.map((e) => e.field)).toContain(field);
  });
});

describe('PUT /api/me/avatar', () => {
  it.each(['png', 'jpeg', 'webp'] as const)(
    'a %s becomes a 256×256 WebP served from a signed /files URL',
    async (format) => {
      const { user, headers } = await signedInUser();
      const res = await putAvatar(headers, await image(format), `image/${format}`);
      expect(res.statusCode).toBe(200);
      const me: Me = meSchema.parse(res.json());
      const url = new URL(me.avatarUrl!);
      expect(url.origin).toBe('http://localhost:4000');
      expect(url.pathname).toMatch(
        new RegExp(`^/files/${user.id}/avatars/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.webp$`),
      );
      expect(url.searchParams.get('sig')).toBeTruthy();
      expect(await storedFiles(user)).toHaveLength(1);

      const file = await app.inject(`${url.pathname}${url.search}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/webp');
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    },
  );

  it('a new avatar replaces the old file', async () => {
    const { user, headers } = await signedInUser();
    expect((await putAvatar(headers, await image('png'))).statusCode).toBe(200);
    const [first] = await storedFiles(user);
    expect(first).toMatch(/^avatars\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.webp$/);
    await putAvatar(headers, await image('jpeg'), 'image/jpeg');
    const files = await storedFiles(user);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toBe(first);
  });

  it('HTML sent as image/png is 415 and nothing is stored', async () => {
    const { user, headers } = await signedInUser();
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    const res = await putAvatar(headers, html, 'image/png');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await storedFiles(user)).toEqual([]);
    expect((await getMe(headers)).avatarUrl).toBeNull();
  });

  it('a PNG header over broken data is 415; an HTML content type is 415', async () => {
    const { user, headers } = await signedInUser();
    const png = await image('png');
    expectProblem(await putAvatar(headers, png.subarray(0, 60)), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await putAvatar(headers, png, 'text/html'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await storedFiles(user)).toEqual([]);
  });

  it('more than 5 MB is 413', async () => {
    const { user, headers } = await signedInUser();
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    (await image('png')).copy(big);
    expectProblem(await putAvatar(headers, big), 413, 'PAYLOAD_TOO_LARGE');
    expect(await storedFiles(user)).toEqual([]);
  });

  it('too many pixels (a small file of 10000×10000) is 413', async () => {
    const { user, headers } = await signedInUser();
    const huge = await sharp({
      create: { width: 10_000, height: 10_000, channels: 3, background: '#ffffff' },
    })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(huge.byteLength).toBeLessThan(1024 * 1024);
    const body = expectProblem(await putAvatar(headers, huge), 413, 'PAYLOAD_TOO_LARGE');
    expect(body.detail).toMatch(/million pixels/);
    expect(await storedFiles(user)).toEqual([]);
  });

  it('needs a token', async () => {
    expectProblem(await putAvatar({}, await image('png')), 401, 'UNAUTHENTICATED');
  });
});

describe('signed /files URLs', () => {
  async function avatarUrl() {
    const { headers } = await signedInUser();
    const res = await putAvatar(headers, await image('png'));
    return new URL(meSchema.parse(res.json()).avatarUrl!);
  }

  it('a tampered signature, key or expiry is 403', async () => {
    const url = await avatarUrl();
    const exp = url.searchParams.get('exp')!;
    const sig = url.searchParams.get('sig')!;
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const tries = [
      `${url.pathname}?exp=${exp}&sig=${flipped}`,
      `${url.pathname}?exp=${Number(exp) + 3600}&sig=${sig}`,
    ];
    for (const tried of tries) {
      const res = await app.inject(tried);
      expect(expectProblem(res, 403, 'FORBIDDEN').detail).toMatch(/bad signature/);
    }
    // Another user's file with this signature.
    const other = await avatarUrl();
    const res = await app.inject(`${other.pathname}?exp=${exp}&sig=${sig}`);
    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('an expired link is 403', async () => {
    const url = await avatarUrl();
    const past = Math.floor(Date.now() / 1000) - 60;
    const res = await app.inject(`${url.pathname}?exp=${past}&sig=${url.searchParams.get('sig')}`);
    expect(expectProblem(res, 403, 'FORBIDDEN').detail).toMatch(/expired/);
  });

  it('paths outside the storage layout are 404', async () => {
    const res = await app.inject('/files/../../etc/passwd?exp=9999999999&sig=x');
    expect(res.statusCode).toBe(404);
  });
});

describe('a suspended user', () => {
  const reason = 'Chargebacks on three orders; contact support@promptnx.dev';

  it('sees the suspension and its reason on GET /api/me', async () => {
    const { user, headers } = await signedInUser();
    await suspend(user, reason);
    expect(await getMe(headers)).toMatchObject({ status: 'suspended', suspendedReason: reason });
  });

  it('cannot edit the profile, upload an avatar or start selling: 403 ACCOUNT_SUSPENDED with the reason', async () => {
    const { user, headers } = await signedInUser();
    await suspend(user, reason);
    const attempts = [
      await patchMe(headers, { bio: 'let me back in' }),
      await putAvatar(headers, await image('png')),
      await app.inject({ method: 'POST', url: '/api/sellers/onboarding', headers }),
    ];
    for (const res of attempts) {
      const body = expectProblem(res, 403, 'ACCOUNT_SUSPENDED');
      expect(body.detail).toContain(reason);
    }
    expect((await getMe(headers)).bio).toBe('');
    expect(await storedFiles(user)).toEqual([]);
    const sellers =
      await database.sql`select 1 from public.seller_profiles where user_id = ${user.id}`;
    expect(sellers).toHaveLength(0);
  });
});
