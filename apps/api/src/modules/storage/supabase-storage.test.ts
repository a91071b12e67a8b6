import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { meSchema, problemSchema } from '@promptnx/schema';
import Fastify from 'fastify';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';
import { fakeServiceRoleKey, startFakeSupabaseStorage } from './fake-supabase-storage.js';
import { storageKey } from './local-storage.js';
import { StorageRequestError, SupabaseStorage } from './supabase-storage.js';

const serviceKey = fakeServiceRoleKey();
const fake = await startFakeSupabaseStorage({ serviceKey });
const storage = new SupabaseStorage({
  url: fake.url,
  serviceRoleKey: serviceKey,
  bucket: 'promptnx-media',
});

const database = await useTestDatabase();
const app = await buildTestApp(database, {
  ...authEnv,
  STORAGE_MODE: 'supabase',
  SUPABASE_URL: fake.url,
  SUPABASE_SERVICE_ROLE_KEY: serviceKey,
});
const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#36c' } })
  .png()
  .toBuffer();

const newKey = (entity = 'avatars') => storageKey(randomUUID(), entity, randomUUID(), 'webp');
const bytes = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x80, 0x0a, 0x0d, 0x00]);
const lastRequest = () => fake.requests.at(-1)!;

/** The error a promise rejects with (and fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<StorageRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageRequestError);
  return error as StorageRequestError;
}

describe('SupabaseStorage.put', () => {
  it('uploads the bytes to the bucket with their type, the service key, and no upsert', async () => {
    const key = newKey();
    await storage.put(key, bytes, 'image/webp');
    const request = lastRequest();
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/storage/v1/object/promptnx-media/${key}`);
    expect(request.headers).toMatchObject({
      'content-type': 'image/webp',
      authorization: `Bearer ${serviceKey}`,
      apikey: serviceKey,
      'x-upsert': 'false',
      'cache-control': 'max-age=86400',
    });
    expect(request.body.equals(Buffer.from(bytes))).toBe(true);
    expect(fake.objects.get(key)?.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  it('does not overwrite: an existing key is an error naming Storage’s answer', async () => {
    const key = newKey();
    await storage.put(key, bytes, 'image/webp');
    const error = await rejection(storage.put(key, Uint8Array.from([1, 2, 3]), 'image/webp'));
    expect(error.message).toBe(
      `Supabase Storage upload of ${key} answered 400 409: The resource already exists`,
    );
    expect(error.storageStatus).toBe(400);
    expect(fake.objects.get(key)?.bytes.equals(Buffer.from(bytes))).toBe(true);
  });

  it('reports the bucket’s MIME and size limits, and server errors with or without JSON', async () => {
    const gif = await rejection(storage.put(newKey(), bytes, 'image/gif'));
    expect(gif.message).toMatch(/answered 415: mime type image\/gif is not supported$/);

    fake.failNext(
      {
        status: 413,
        body: {
          statusCode: '413',
          error: 'Payload too large',
          message: 'The object exceeded the maximum allowed size',
        },
      },
      {
        status: 500,
        body: { statusCode: '500', error: 'internal', message: 'Internal Server Error' },
      },
      { status: 502, body: '<html>bad gateway</html>' },
    );
    expect((await rejection(storage.put(newKey(), bytes, 'image/webp'))).message).toMatch(
      /answered 413: The object exceeded the maximum allowed size$/,
    );
    expect((await rejection(storage.put(newKey(), bytes, 'image/webp'))).storageStatus).toBe(500);
    const gateway = await rejection(storage.put(newKey(), bytes, 'image/webp'));
    expect(gateway.message).toMatch(/answered 502: Bad Gateway$/);
  });

  it('a wrong key is Storage’s 403, not a silent success', async () => {
    const wrong = new SupabaseStorage({
      url: fake.url,
      serviceRoleKey: fakeServiceRoleKey(),
      bucket: 'promptnx-media',
    });
    const error = await rejection(wrong.put(newKey(), bytes, 'image/webp'));
    expect(error.message).toMatch(/answered 400 403: Invalid Compact JWS$/);
  });

  it('gives up on a Storage that does not answer, and on one that is not there', async () => {
    const impatient = new SupabaseStorage({
      url: fake.url,
      serviceRoleKey: serviceKey,
      bucket: 'promptnx-media',
      timeoutMs: 200,
    });
    fake.setHanging(true);
    try {
      const error = await rejection(impatient.put(newKey(), bytes, 'image/webp'));
      expect(error.message).toMatch(/upload of .* failed: .*(timeout|aborted)/i);
      expect(error.storageStatus).toBeUndefined();
    } finally {
      fake.setHanging(false);
    }

    const gone = await startFakeSupabaseStorage({ serviceKey });
    await gone.close();
    const nowhere = new SupabaseStorage({ url: gone.url, serviceRoleKey: serviceKey, bucket: 'x' });
    expect((await rejection(nowhere.put(newKey(), bytes, 'image/webp'))).message).toMatch(
      /failed: fetch failed/,
    );
  });

  it('refuses a key storageKey did not make, without calling Storage', async () => {
    const before = fake.requests.length;
    for (const key of ['../etc/passwd', `${randomUUID()}/avatars/../../x.webp`, 'a/b.webp']) {
      await expect(storage.put(key, bytes, 'image/webp')).rejects.toThrow(/not a storage key/);
      await expect(storage.remove(key)).rejects.toThrow(/not a storage key/);
    }
    expect(fake.requests.length).toBe(before);
  });
});

describe('SupabaseStorage.remove', () => {
  it('deletes the object through the bucket’s delete endpoint', async () => {
    const key = newKey();
    await storage.put(key, bytes, 'image/webp');
    await storage.remove(key);
    const request = lastRequest();
    expect(request.method).toBe('DELETE');
    expect(request.path).toBe('/storage/v1/object/promptnx-media');
    expect(request.headers).toMatchObject({
      apikey: serviceKey,
      authorization: `Bearer ${serviceKey}`,
    });
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({ prefixes: [key] });
    expect(fake.objects.has(key)).toBe(false);
  });

  it('a missing object is fine; a failing Storage is an error', async () => {
    await storage.remove(newKey());
    fake.failNext({ status: 500, body: { statusCode: '500', error: 'internal', message: 'boom' } });
    expect((await rejection(storage.remove(newKey()))).message).toMatch(
      /^Supabase Storage delete of .* answered 500: boom$/,
    );
  });
});

describe('SupabaseStorage.signedUrl', () => {
  it('is the bucket’s public URL: stable, unsigned, whatever the TTL', async () => {
    const key = newKey('examples');
    const url = storage.signedUrl(key, 3600);
    expect(url).toBe(`${fake.url}/storage/v1/object/public/promptnx-media/${key}`);
    expect(storage.signedUrl(key, 60)).toBe(url);
    const trailing = new SupabaseStorage({
      url: `${fake.url}/`,
      serviceRoleKey: serviceKey,
      bucket: 'promptnx-media',
    });
    expect(trailing.signedUrl(key, 60)).toBe(url);

    // The URL serves what put stored, to anyone.
    await storage.put(key, bytes, 'image/webp');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('the service role key', () => {
  it('shows neither in the adapter nor in its errors as they are logged', async () => {
    expect(JSON.stringify(storage)).not.toContain(serviceKey);
    expect(inspect(storage, { depth: 10, showHidden: true })).not.toContain(serviceKey);

    fake.failNext({ status: 500, body: { statusCode: '500', error: 'internal', message: 'boom' } });
    const error = await rejection(storage.put(newKey(), bytes, 'image/webp'));
    // Logged the way the error handler logs it (Fastify's pino and error serializer).
    const lines: string[] = [];
    const logged = Fastify({ logger: { stream: { write: (line: string) => lines.push(line) } } });
    logged.log.error({ err: error }, 'unhandled error');
    await logged.close();
    expect(lines.join('')).toContain('Supabase Storage upload');
    expect(lines.join('')).not.toContain(serviceKey);
    expect(inspect(error, { depth: 10 })).not.toContain(serviceKey);
  });
});

describe('avatars with STORAGE_MODE=supabase', () => {
  async function signedInUser() {
    const user = await createUser(database.db);
    const { headers } = await signIn(database, user);
    return { user, headers };
  }
  const putAvatar = (headers: Record<string, string>) =>
    app.inject({
      method: 'PUT',
      url: '/api/me/avatar',
      headers: { ...headers, 'content-type': 'image/png' },
      payload: png,
    });
  const avatarPath = async (id: string) =>
    (
      await database.sql<{ avatar_path: string | null }[]>`
      select avatar_path from public.profiles where id = ${id}`
    )[0]?.avatar_path;

  it('uploads the WebP to the user’s folder and answers with its public URL', async () => {
    const { user, headers } = await signedInUser();
    const res = await putAvatar(headers);
    expect(res.statusCode).toBe(200);
    const me = meSchema.parse(res.json());
    const key = await avatarPath(user.id);
    expect(key).toMatch(new RegExp(`^${user.id}/avatars/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.webp$`));
    expect(me.avatarUrl).toBe(`${fake.url}/storage/v1/object/public/promptnx-media/${key}`);
    const stored = fake.objects.get(key!);
    expect(stored?.contentType).toBe('image/webp');
    expect(await sharp(stored!.bytes).metadata()).toMatchObject({
      format: 'webp',
      width: 256,
      height: 256,
    });

    // A new avatar replaces the old object.
    expect((await putAvatar(headers)).statusCode).toBe(200);
    const next = await avatarPath(user.id);
    expect(next).not.toBe(key);
    expect(fake.objects.has(key!)).toBe(false);
    expect(fake.objects.has(next!)).toBe(true);
  });

  it('a failing Storage is a 500 and leaves the profile as it was', async () => {
    const { user, headers } = await signedInUser();
    expect((await putAvatar(headers)).statusCode).toBe(200);
    const before = await avatarPath(user.id);
    const count = fake.objects.size;

    fake.failNext({
      status: 500,
      body: { statusCode: '500', error: 'internal', message: 'disk full' },
    });
    const res = await putAvatar(headers);
    expect(res.statusCode).toBe(500);
    const problem = problemSchema.parse(res.json());
    expect(problem.code).toBe('INTERNAL');
    expect(problem.detail).not.toMatch(/disk full|storage/i);
    expect(await avatarPath(user.id)).toBe(before);
    expect(fake.objects.size).toBe(count);
    expect(fake.objects.has(before!)).toBe(true);

    // Storage's own 4xx is our problem, not the caller's: still a 500, not a 409.
    fake.failNext({
      status: 400,
      body: { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' },
    });
    expect((await putAvatar(headers)).statusCode).toBe(500);
    expect(await avatarPath(user.id)).toBe(before);
  });

  it('serves no /files route: files come from Storage', async () => {
    const res = await app.inject(`/files/${newKey()}?exp=1&sig=x`);
    expect(res.statusCode).toBe(404);
    expect(problemSchema.parse(res.json()).code).toBe('ROUTE_NOT_FOUND');
  });
});
