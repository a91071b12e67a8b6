import { createSeller, createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { problemSchema } from '@promptnx/schema';
import type { LightMyRequestResponse } from 'fastify';
import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../test/build-test-app.js';
import {
  authEnv,
  bearer,
  EMBEDDED_ISSUER,
  signExpiredToken,
  signIn,
  signTestToken,
} from '../test/tokens.js';

const database = await useTestDatabase();
const app = await buildTestApp(database, authEnv, (scratch) => {
  // No seller-only route exists yet: a scratch one behind the real guard.
  scratch.get('/test/seller-only', { preHandler: scratch.requireSeller }, async () => ({
    ok: true,
  }));
});

async function setProfile(user: TestUser, fields: { role?: string; status?: string }) {
  await database.sql`
    update public.profiles
    set role = coalesce(${fields.role ?? null}, role), status = coalesce(${fields.status ?? null}, status),
        suspended_reason = case when ${fields.status ?? null}::text = 'suspended' then 'test' end
    where id = ${user.id}`;
}

function expectUnauthenticated(
  res: LightMyRequestResponse,
  detail: RegExp,
  challenge: RegExp = /^Bearer/,
) {
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = problemSchema.parse(res.json());
  expect(body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  expect(body.detail).toMatch(detail);
  expect(res.headers['www-authenticate']).toMatch(challenge);
  return body;
}

describe('Authorization header on /api/me', () => {
  it('no token: 401 asking to sign in', async () => {
    const res = await app.inject('/api/me');
    expectUnauthenticated(res, /sign in/, /^Bearer( realm="[^"]+")?$/);
  });

  it.each([
    ['Basic x', 'Basic dXNlcjpwYXNz'],
    ['Bearer with no token', 'Bearer'],
    ['Bearer with two parts', 'Bearer a b'],
  ])('a malformed header (%s): 401 saying what the header must be', async (_name, header) => {
    const res = await app.inject({ url: '/api/me', headers: { authorization: header } });
    expectUnauthenticated(res, /must be "Bearer <access token>"/, /error="invalid_request"/);
  });

  it('a well-formed token answers 200', async () => {
    const user = await createUser(database.db);
    const { headers } = await signIn(database, user);
    const res = await app.inject({ url: '/api/me', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, email: user.email, role: 'buyer' });
  });

  const badTokens: [string, (user: TestUser) => Promise<string>, RegExp][] = [
    ['garbage', async () => 'not-a-jwt', /malformed/],
    ['three garbage parts', async () => 'aaa.bbb.ccc', /malformed/],
    [
      'signed with another secret',
      (user) =>
        signTestToken(
          { sub: user.id },
          { secret: 'another-secret-that-is-long-enough-0123456789' },
        ),
      /signature is invalid/,
    ],
    ['expired', (user) => signExpiredToken({ sub: user.id }), /has expired/],
    [
      'for another audience',
      (user) => signTestToken({ sub: user.id, aud: 'some-other-api' }),
      /not meant for this API \(audience\)/,
    ],
    [
      'from another issuer',
      (user) => signTestToken({ sub: user.id, iss: 'https://evil.example/auth/v1' }),
      /another issuer/,
    ],
    [
      'with alg "none"',
      async (user) =>
        new UnsecuredJWT({ sub: user.id, role: 'authenticated' })
          .setAudience('authenticated')
          .setIssuer(EMBEDDED_ISSUER)
          .setIssuedAt()
          .setExpirationTime('1h')
          .encode(),
      /algorithm this API does not accept/,
    ],
    [
      'without a role claim',
      (user) => signTestToken({ sub: user.id, role: undefined }),
      /lacks the sub or role claim/,
    ],
  ];

  it.each(badTokens)(
    'a token %s: 401 problem+json with invalid_token',
    async (_name, make, detail) => {
      const user = await createUser(database.db);
      const token = await make(user);
      const res = await app.inject({ url: '/api/me', headers: bearer(token) });
      expectUnauthenticated(res, detail, /error="invalid_token"/);
      // The token itself never comes back.
      expect(res.body).not.toContain(token);
    },
  );

  it('a bad token is refused on public routes too', async () => {
    const res = await app.inject({ url: '/api/categories', headers: bearer('not-a-jwt') });
    expectUnauthenticated(res, /malformed/, /error="invalid_token"/);
  });

  it('the anon key is an anonymous request, not a user', async () => {
    const anon = await signTestToken({ role: 'anon' });
    expect((await app.inject({ url: '/api/categories', headers: bearer(anon) })).statusCode).toBe(
      200,
    );
    expectUnauthenticated(await app.inject({ url: '/api/me', headers: bearer(anon) }), /sign in/);
  });

  it('a service_role token cannot call the API as a user', async () => {
    const token = await signTestToken({ role: 'service_role' });
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expectUnauthenticated(res, /'service_role' token cannot call this API/);
  });

  it('a token whose session has ended: 401', async () => {
    const user = await createUser(database.db);
    const { headers, sessionId } = await signIn(database, user);
    await database.sql`delete from auth.sessions where id = ${sessionId}`;
    const res = await app.inject({ url: '/api/me', headers });
    expectUnauthenticated(res, /session has ended/, /error="invalid_token"/);
  });

  it('a token for an account that no longer exists: 401', async () => {
    const user = await createUser(database.db);
    const token = await signTestToken({ sub: user.id, email: user.email });
    await database.sql`update auth.users set deleted_at = now() where id = ${user.id}`;
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expectUnauthenticated(res, /no longer exists/, /error="invalid_token"/);
  });
});

describe('roles come from the database, never from the token', () => {
  it.each([
    ['app_metadata.role', { app_metadata: { provider: 'email', role: 'admin' } }],
    ['user_metadata.role', { user_metadata: { role: 'admin' } }],
    ['a user_role claim', { user_role: 'admin' }],
  ])('a token claiming admin in %s is still a buyer', async (_name, claims) => {
    const user = await createUser(database.db);
    const { headers } = await signIn(database, user, claims);
    const admin = await app.inject({ url: '/api/admin/users', headers });
    expect(admin.statusCode).toBe(403);
    expect(problemSchema.parse(admin.json()).code).toBe('ADMIN_REQUIRED');
    expect((await app.inject({ url: '/api/me', headers })).json().role).toBe('buyer');
  });

  it("a token whose top-level role is 'admin' is refused outright (401), never admin", async () => {
    const user = await createUser(database.db);
    const { headers } = await signIn(database, user, { role: 'admin' });
    const res = await app.inject({ url: '/api/admin/users', headers });
    expectUnauthenticated(res, /'admin' token cannot call this API/);
  });

  it('a user made admin in the database reaches admin routes, with the same token', async () => {
    const user = await createUser(database.db);
    const { headers } = await signIn(database, user);
    expect((await app.inject({ url: '/api/admin/users', headers })).statusCode).toBe(403);

    await setProfile(user, { role: 'admin' });
    const res = await app.inject({ url: `/api/admin/users?q=${user.email}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ id: user.id, role: 'admin' })]);

    // Demoted again: the next request sees it.
    await setProfile(user, { role: 'buyer' });
    expect((await app.inject({ url: '/api/admin/users', headers })).statusCode).toBe(403);
  });

  it("a buyer's token reaches neither seller nor admin routes", async () => {
    const buyer = await createUser(database.db);
    const { headers } = await signIn(database, buyer);
    const seller = await app.inject({ url: '/test/seller-only', headers });
    expect(seller.statusCode).toBe(403);
    expect(problemSchema.parse(seller.json())).toMatchObject({
      code: 'SELLER_REQUIRED',
      detail: expect.stringMatching(/become a seller/),
    });
    const admin = await app.inject({ url: '/api/admin/users', headers });
    expect(admin.statusCode).toBe(403);
    expect(problemSchema.parse(admin.json()).code).toBe('ADMIN_REQUIRED');
  });

  it('a seller reaches seller routes but not admin routes; an admin reaches both', async () => {
    const seller = await createSeller(database.db);
    const sellerAuth = await signIn(database, seller);
    expect(
      (await app.inject({ url: '/test/seller-only', headers: sellerAuth.headers })).json(),
    ).toEqual({
      ok: true,
    });
    expect(
      (await app.inject({ url: '/api/admin/users', headers: sellerAuth.headers })).statusCode,
    ).toBe(403);

    const admin = await createUser(database.db, { role: 'admin' });
    const adminAuth = await signIn(database, admin);
    expect(
      (await app.inject({ url: '/test/seller-only', headers: adminAuth.headers })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/api/admin/users', headers: adminAuth.headers })).statusCode,
    ).toBe(200);
  });

  it('a suspended admin or seller is refused with the reason', async () => {
    const admin = await createUser(database.db, { role: 'admin' });
    const seller = await createSeller(database.db);
    const adminAuth = await signIn(database, admin);
    const sellerAuth = await signIn(database, seller);
    await setProfile(admin, { status: 'suspended' });
    await setProfile(seller, { status: 'suspended' });
    for (const [url, headers] of [
      ['/api/admin/users', adminAuth.headers],
      ['/test/seller-only', sellerAuth.headers],
    ] as const) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode).toBe(403);
      expect(problemSchema.parse(res.json())).toMatchObject({
        code: 'ACCOUNT_SUSPENDED',
        detail: 'this account is suspended: test',
      });
    }
  });
});
