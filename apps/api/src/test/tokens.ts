import { randomUUID } from 'node:crypto';
import type { TestDatabase, TestUser } from '@promptnx/db/testing';
import { SignJWT } from 'jose';
import { signAccessToken } from '../modules/auth/tokens.js';

/** The HS256 secret test apps sign and check tokens with (AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'promptnx-test-jwt-secret-0123456789abcdef';
/** The embedded auth server's issuer with the default API_PUBLIC_URL. */
export const EMBEDDED_ISSUER = 'http://localhost:4000/auth/v1';

/** Env for a test app that signs and checks tokens with TEST_JWT_SECRET. */
export const authEnv = { AUTH_JWT_SECRET: TEST_JWT_SECRET } as const;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * An access token as the embedded auth server issues it (Supabase's claims),
 * with anything overridden; the HS256 secret is TEST_JWT_SECRET unless given.
 */
export async function signTestToken(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresIn?: number } = {},
): Promise<string> {
  const sub = typeof claims.sub === 'string' ? claims.sub : randomUUID();
  return signAccessToken(
    options.secret ?? TEST_JWT_SECRET,
    {
      aud: 'authenticated',
      iss: EMBEDDED_ISSUER,
      role: 'authenticated',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      aal: 'aal1',
      is_anonymous: false,
      ...claims,
      sub,
    } as Parameters<typeof signAccessToken>[1],
    options.expiresIn ?? 3600,
  );
}

/** A token with an expiry in the past (signed correctly otherwise). */
export async function signExpiredToken(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: 'authenticated',
    iss: EMBEDDED_ISSUER,
    role: 'authenticated',
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now - 7200)
    .setExpirationTime(now - 3600)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

/**
 * Signs a factory-made user in: an open auth.sessions row and an access token
 * for it, as the embedded auth server would hand out.
 */
export async function signIn(
  database: TestDatabase,
  user: Pick<TestUser, 'id' | 'email'>,
  claims: Record<string, unknown> = {},
): Promise<{ token: string; sessionId: string; headers: { authorization: string } }> {
  const sessionId = randomUUID();
  await database.sql`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    values (${sessionId}, ${user.id}, now(), now(), 'aal1')`;
  const token = await signTestToken({
    sub: user.id,
    email: user.email,
    session_id: sessionId,
    amr: [{ method: 'password', timestamp: Math.floor(Date.now() / 1000) }],
    ...claims,
  });
  return { token, sessionId, headers: bearer(token) };
}
