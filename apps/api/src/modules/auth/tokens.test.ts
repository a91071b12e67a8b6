import { randomUUID } from 'node:crypto';
import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { problemSchema } from '@promptnx/schema';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { sendJson, startFakeServer } from '../../test/fake-server.js';
import { bearer, signTestToken, TEST_JWT_SECRET } from '../../test/tokens.js';
import { createTokenVerifier, InvalidTokenError, signAccessToken } from './tokens.js';

type Alg = 'RS256' | 'ES256';
type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

async function signingKey(alg: Alg) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicKey, jwk };
}

// Supabase's project keys: published at /auth/v1/.well-known/jwks.json.
const rsa = await signingKey('RS256');
const ec = await signingKey('ES256');
const notPublished = await signingKey('RS256');
const supabase = await startFakeServer((request, response) => {
  if (request.method === 'GET' && request.path === '/auth/v1/.well-known/jwks.json') {
    return sendJson(response, 200, { keys: [rsa.jwk, ec.jwk] });
  }
  sendJson(response, 404, { code: 404, error_code: 'not_found', msg: 'not found' });
});
const issuer = `${supabase.url}/auth/v1`;

const database = await useTestDatabase();
const app = await buildTestApp(database, {
  AUTH_MODE: 'supabase',
  SUPABASE_URL: supabase.url,
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
});

// The same project, with no HS256 secret configured: JWKS only.
const jwksOnly = await buildTestApp(database, {
  AUTH_MODE: 'supabase',
  SUPABASE_URL: supabase.url,
});

/** A Supabase access token for a user signed in through Supabase Auth (a session row and all). */
async function supabaseToken(
  key: { kid: string; alg: Alg; privateKey: PrivateKey },
  claims: Record<string, unknown> = {},
) {
  const user = await createUser(database.db);
  const sessionId = randomUUID();
  await database.sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (${sessionId}, ${user.id}, now(), now(), 'aal1')`;
  const token = await new SignJWT({
    aud: 'authenticated',
    iss: issuer,
    role: 'authenticated',
    email: user.email,
    session_id: sessionId,
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: {},
    aal: 'aal1',
    is_anonymous: false,
    ...claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);
  return { user, token };
}

describe('Supabase mode: tokens from the project JWKS', () => {
  it.each([
    ['RS256', rsa],
    ['ES256', ec],
  ])('an %s token signed with a published key: 200', async (_alg, key) => {
    const { user, token } = await supabaseToken(key);
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: user.id, email: user.email, role: 'buyer' });
    expect(supabase.requests.some((r) => r.path === '/auth/v1/.well-known/jwks.json')).toBe(true);
  });

  it('an HS256 token signed with SUPABASE_JWT_SECRET (legacy secret): 200', async () => {
    const user = await createUser(database.db);
    const token = await signTestToken({ sub: user.id, email: user.email, iss: issuer });
    expect((await app.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('a token signed with a key the JWKS does not publish (unknown kid): 401', async () => {
    const { token } = await supabaseToken(notPublished);
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(problemSchema.parse(res.json())).toMatchObject({
      code: 'UNAUTHENTICATED',
      detail: 'the access token is signed with an unknown key',
    });
  });

  it('a token carrying a published kid but signed by another key: 401', async () => {
    const { token } = await supabaseToken({ ...notPublished, kid: rsa.kid });
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('the access token signature is invalid');
  });

  it('a JWKS-signed token from another issuer or for another audience: 401', async () => {
    const other = await supabaseToken(rsa, { iss: 'https://other-project.supabase.co/auth/v1' });
    const res = await app.inject({ url: '/api/me', headers: bearer(other.token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('the access token comes from another issuer');

    const aud = await supabaseToken(ec, { aud: 'storage' });
    const audRes = await app.inject({ url: '/api/me', headers: bearer(aud.token) });
    expect(audRes.statusCode).toBe(401);
    expect(audRes.json().detail).toMatch(/audience/);
  });

  it('algorithm confusion: HS256 signed with the public key is refused', async () => {
    const user = await createUser(database.db);
    const pem = await exportSPKI(rsa.publicKey);
    const token = await signTestToken({ sub: user.id, iss: issuer }, { secret: pem });
    const res = await app.inject({ url: '/api/me', headers: bearer(token) });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('the access token signature is invalid');
  });

  it('without SUPABASE_JWT_SECRET, HS256 tokens are refused (no development secret fallback)', async () => {
    const user = await createUser(database.db);
    const forged = await signTestToken(
      { sub: user.id, iss: issuer },
      { secret: 'promptnx-development-jwt-secret-not-for-production' },
    );
    const res = await jwksOnly.inject({ url: '/api/me', headers: bearer(forged) });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe(
      'the token is signed with an algorithm this API does not accept',
    );
    const { token } = await supabaseToken(ec);
    expect((await jwksOnly.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(
      200,
    );
  });

  it('the embedded auth server is not served in Supabase mode', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/v1/token?grant_type=password' });
    expect(res.statusCode).toBe(404);
  });
});

describe('createTokenVerifier', () => {
  const verify = createTokenVerifier({
    jwtSecret: TEST_JWT_SECRET,
    audience: 'authenticated',
    issuer: 'http://localhost:4000/auth/v1',
  });

  it('returns the claims of a valid token', async () => {
    const sub = randomUUID();
    const claims = await verify(await signTestToken({ sub, email: 'a@example.test' }));
    expect(claims).toMatchObject({ sub, email: 'a@example.test', role: 'authenticated' });
  });

  it('without a JWKS, asymmetric tokens are refused by algorithm', async () => {
    const token = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'RS256', kid: rsa.kid })
      .setSubject(randomUUID())
      .setAudience('authenticated')
      .setIssuer('http://localhost:4000/auth/v1')
      .setExpirationTime('1h')
      .sign(rsa.privateKey);
    await expect(verify(token)).rejects.toThrow(
      new InvalidTokenError('the token is signed with an algorithm this API does not accept'),
    );
  });

  it('names the claim that is wrong', async () => {
    const now = Math.floor(Date.now() / 1000);
    const notYet = await new SignJWT({ role: 'authenticated' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(randomUUID())
      .setAudience('authenticated')
      .setIssuer('http://localhost:4000/auth/v1')
      .setNotBefore(now + 600)
      .setExpirationTime(now + 3600)
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect(verify(notYet)).rejects.toThrow('the access token is not valid yet');

    const noExp = await new SignJWT({ role: 'authenticated', sub: randomUUID() })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('authenticated')
      .setIssuer('http://localhost:4000/auth/v1')
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    await expect(verify(noExp)).rejects.toThrow('the access token has an invalid exp claim');
  });

  it('signAccessToken sets iat and exp from the TTL', async () => {
    const token = await signAccessToken(
      TEST_JWT_SECRET,
      {
        aud: 'authenticated',
        iss: 'http://localhost:4000/auth/v1',
        sub: randomUUID(),
        role: 'authenticated',
      },
      120,
    );
    const claims = await verify(token);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(120);
  });
});
