import { randomUUID } from 'node:crypto';
import { useTestDatabase } from '@promptnx/db/testing';
import {
  type AuthUser,
  authErrorSchema,
  authUserSchema,
  type MailboxMessage,
  type Session,
  sessionSchema,
} from '@promptnx/schema';
import bcrypt from 'bcryptjs';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, bearer, EMBEDDED_ISSUER } from '../../test/tokens.js';

const database = await useTestDatabase();
// Sign-up needs a confirmed e-mail here; `instant` confirms at once.
const app = await buildTestApp(database, {
  ...authEnv,
  AUTH_CONFIRM_EMAIL: 'true',
  AUTH_RATE_LIMIT_MAX: '1000',
});
const instant = await buildTestApp(database, {
  ...authEnv,
  AUTH_CONFIRM_EMAIL: 'false',
  AUTH_RATE_LIMIT_MAX: '1000',
});

const limited = await buildTestApp(database, { ...authEnv, AUTH_RATE_LIMIT_MAX: '3' });

const PASSWORD = 'correct horse battery';
const newEmail = () => `person-${randomUUID().slice(0, 8)}@example.test`;

function auth(
  target: App,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  token?: string,
) {
  return target.inject({
    method,
    url: `/auth/v1${url}`,
    ...(payload ? { payload } : {}),
    ...(token ? { headers: bearer(token) } : {}),
  });
}

const signUp = (target: App, email: string, extra: object = {}, query = '') =>
  auth(target, 'POST', `/signup${query}`, { email, password: PASSWORD, ...extra });
const signInWithPassword = (email: string, password = PASSWORD) =>
  auth(app, 'POST', '/token?grant_type=password', { email, password });
const refresh = (refreshToken: string) =>
  auth(app, 'POST', '/token?grant_type=refresh_token', { refresh_token: refreshToken });
const verify = (type: string, tokenHash: string) =>
  auth(app, 'POST', '/verify', { type, token_hash: tokenHash });
const me = (token: string) => app.inject({ url: '/api/me', headers: bearer(token) });

function expectAuthError(
  res: { statusCode: number; json(): unknown },
  status: number,
  errorCode: string,
) {
  expect(res.statusCode).toBe(status);
  const body = authErrorSchema.parse(res.json());
  expect(body).toMatchObject({ code: status, error_code: errorCode });
  return body;
}

/** The mails the dev mailbox holds for an address, newest first. */
async function mailbox(email: string): Promise<MailboxMessage[]> {
  const res = await app.inject(`/api/dev/mailbox?to=${encodeURIComponent(email)}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

/** The link in the newest mail of a kind sent to an address. */
async function linkIn(email: string, template: string): Promise<URL> {
  const mail = (await mailbox(email)).find((m) => m.template === template);
  expect(mail, `a ${template} mail to ${email}`).toBeDefined();
  const link = mail!.text.match(/https?:\/\/\S+/)?.[0];
  expect(link).toBeDefined();
  return new URL(link!);
}

/** A confirmed account with an open session (signed up where no confirmation is needed). */
async function confirmedAccount(data: object = {}) {
  const email = newEmail();
  const res = await signUp(instant, email, { data });
  expect(res.statusCode).toBe(200);
  return { email, session: sessionSchema.parse(res.json()) };
}

async function signedIn(email: string): Promise<Session> {
  const res = await signInWithPassword(email);
  expect(res.statusCode).toBe(200);
  return sessionSchema.parse(res.json());
}

describe('sign-up with e-mail confirmation (AUTH_CONFIRM_EMAIL=true)', () => {
  it('creates the user without a session and mails a confirmation link to the site', async () => {
    const email = newEmail();
    const res = await signUp(app, email.toUpperCase());
    expect(res.statusCode).toBe(200);
    const user: AuthUser = authUserSchema.parse(res.json());
    expect(res.json()).not.toHaveProperty('access_token');
    expect(user).toMatchObject({ email, aud: 'authenticated', role: 'authenticated' });
    expect(user.email_confirmed_at).toBeNull();

    const mails = await mailbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: email, template: 'confirm_signup' });
    expect(mails[0]!.text).not.toContain(PASSWORD);
    const link = await linkIn(email, 'confirm_signup');
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(link.searchParams.get('type')).toBe('signup');
    expect(link.searchParams.get('token_hash')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only the link's hash is stored, never the token itself.
    const [row] = await database.sql<{ confirmation_token: string }[]>`
      select confirmation_token from auth.users where email = ${email}`;
    expect(row!.confirmation_token).not.toBe(link.searchParams.get('token_hash'));
  });

  it('refuses password sign-in until the e-mail is confirmed; the link opens a session once', async () => {
    const email = newEmail();
    await signUp(app, email);
    expectAuthError(await signInWithPassword(email), 400, 'email_not_confirmed');

    const tokenHash = (await linkIn(email, 'confirm_signup')).searchParams.get('token_hash')!;
    const verified = await verify('signup', tokenHash);
    expect(verified.statusCode).toBe(200);
    const session = sessionSchema.parse(verified.json());
    expect(session.user.email_confirmed_at).not.toBeNull();
    expect((await me(session.access_token)).statusCode).toBe(200);
    expect(decodeJwt(session.access_token).amr).toEqual([
      { method: 'otp', timestamp: expect.any(Number) },
    ]);

    expectAuthError(await verify('signup', tokenHash), 403, 'otp_expired');
    expect((await signInWithPassword(email)).statusCode).toBe(200);
  });

  it('keeps redirect_to on the site and drops it elsewhere', async () => {
    const onSite = newEmail();
    await signUp(
      app,
      onSite,
      {},
      `?redirect_to=${encodeURIComponent('http://localhost:3000/welcome')}`,
    );
    const kept = await linkIn(onSite, 'confirm_signup');
    expect(`${kept.origin}${kept.pathname}`).toBe('http://localhost:3000/welcome');

    const offSite = newEmail();
    await signUp(
      app,
      offSite,
      {},
      `?redirect_to=${encodeURIComponent('https://evil.example/steal')}`,
    );
    const dropped = await linkIn(offSite, 'confirm_signup');
    expect(`${dropped.origin}${dropped.pathname}`).toBe('http://localhost:3000/auth/confirm');
  });

  it('signing up again before confirming sends a fresh link; once confirmed it is a duplicate', async () => {
    const email = newEmail();
    await signUp(app, email);
    const first = (await linkIn(email, 'confirm_signup')).searchParams.get('token_hash')!;
    expect((await signUp(app, email)).statusCode).toBe(200);
    expect(await mailbox(email)).toHaveLength(2);
    const second = (await linkIn(email, 'confirm_signup')).searchParams.get('token_hash')!;
    expect(second).not.toBe(first);
    expectAuthError(await verify('signup', first), 403, 'otp_expired');
    expect((await verify('signup', second)).statusCode).toBe(200);
    expectAuthError(await signUp(app, email), 422, 'user_already_exists');
  });
});

describe('sign-up without confirmation (AUTH_CONFIRM_EMAIL=false)', () => {
  it('answers with a session at once, and the profile exists', async () => {
    const username = `new_${randomUUID().slice(0, 8)}`;
    const { email, session } = await confirmedAccount({ username, display_name: 'New Person' });
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.user).toMatchObject({
      email,
      user_metadata: { username, display_name: 'New Person' },
    });
    expect(session.user.email_confirmed_at).not.toBeNull();
    const profile = await me(session.access_token);
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      email,
      username,
      displayName: 'New Person',
      role: 'buyer',
    });
    expect(await mailbox(email)).toEqual([]);
  });

  it('a duplicate e-mail (any case) is 422 user_already_exists', async () => {
    const { email } = await confirmedAccount();
    expectAuthError(await signUp(instant, email), 422, 'user_already_exists');
    expectAuthError(await signUp(instant, email.toUpperCase()), 422, 'user_already_exists');
  });

  it('a weak password is 422 weak_password; a bad e-mail is 400', async () => {
    const weak = await auth(instant, 'POST', '/signup', { email: newEmail(), password: 'short' });
    expect(expectAuthError(weak, 422, 'weak_password').msg).toMatch(/password/);
    const bad = await auth(instant, 'POST', '/signup', {
      email: 'not-an-email',
      password: PASSWORD,
    });
    expectAuthError(bad, 400, 'validation_failed');
  });
});

describe('password grant', () => {
  it('wrong password and unknown e-mail both answer 400 invalid_credentials', async () => {
    const { email } = await confirmedAccount();
    const wrong = expectAuthError(
      await signInWithPassword(email, 'wrong password!'),
      400,
      'invalid_credentials',
    );
    const unknown = expectAuthError(
      await signInWithPassword(newEmail()),
      400,
      'invalid_credentials',
    );
    expect(unknown.msg).toBe(wrong.msg);
  });

  it('stores a bcrypt hash, never the password', async () => {
    const { email } = await confirmedAccount();
    const [row] = await database.sql<{ encrypted_password: string }[]>`
      select encrypted_password from auth.users where email = ${email}`;
    expect(row!.encrypted_password).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(row!.encrypted_password).not.toContain(PASSWORD);
    expect(await bcrypt.compare(PASSWORD, row!.encrypted_password)).toBe(true);
  });

  it("issues an HS256 access token with Supabase's claims", async () => {
    const { email } = await confirmedAccount({ display_name: 'Claims' });
    const before = Math.floor(Date.now() / 1000);
    const session = await signedIn(email);
    expect(decodeProtectedHeader(session.access_token)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(session.access_token);
    expect(claims).toMatchObject({
      aud: 'authenticated',
      role: 'authenticated',
      iss: EMBEDDED_ISSUER,
      sub: session.user.id,
      email,
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { display_name: 'Claims' },
      amr: [{ method: 'password', timestamp: expect.any(Number) }],
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(session.expires_at).toBe(claims.exp);
    const [open] = await database.sql`
      select 1 from auth.sessions where id = ${String(claims.session_id)} and user_id = ${session.user.id}`;
    expect(open).toBeDefined();
  });
});

describe('refresh_token grant', () => {
  it('rotates: a new refresh token in the same session; the new access token works', async () => {
    const { email } = await confirmedAccount();
    const first = await signedIn(email);
    const res = await refresh(first.refresh_token);
    expect(res.statusCode).toBe(200);
    const second = sessionSchema.parse(res.json());
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(second.access_token).session_id).toBe(
      decodeJwt(first.access_token).session_id,
    );
    expect(decodeJwt(second.access_token).amr).toEqual([
      { method: 'token_refresh', timestamp: expect.any(Number) },
    ]);
    expect((await me(second.access_token)).statusCode).toBe(200);
  });

  it('an old token reused within the grace period still works (two tabs refreshing at once)', async () => {
    const { email } = await confirmedAccount();
    const first = await signedIn(email);
    expect((await refresh(first.refresh_token)).statusCode).toBe(200);
    expect((await refresh(first.refresh_token)).statusCode).toBe(200);
  });

  it('an old token reused after the grace period ends the whole session', async () => {
    const { email } = await confirmedAccount();
    const first = await signedIn(email);
    const second = sessionSchema.parse((await refresh(first.refresh_token)).json());
    // The old token was revoked 11 s ago, past the 10 s grace.
    await database.sql`
      update auth.refresh_tokens set updated_at = now() - interval '11 seconds'
      where session_id = ${String(decodeJwt(first.access_token).session_id)} and revoked`;

    expectAuthError(await refresh(first.refresh_token), 400, 'refresh_token_already_used');
    expectAuthError(await refresh(second.refresh_token), 400, 'refresh_token_not_found');
    expect((await me(second.access_token)).statusCode).toBe(401);
    expect((await me(first.access_token)).statusCode).toBe(401);
  });

  it('an unknown refresh token is 400 refresh_token_not_found', async () => {
    expectAuthError(await refresh('no-such-refresh-token'), 400, 'refresh_token_not_found');
    expectAuthError(
      await auth(app, 'POST', '/token?grant_type=refresh_token', {}),
      400,
      'refresh_token_not_found',
    );
  });
});

describe('/user', () => {
  it('GET answers with the user; no or bad token is 401', async () => {
    const { email, session } = await confirmedAccount();
    const res = await auth(app, 'GET', '/user', undefined, session.access_token);
    expect(res.statusCode).toBe(200);
    expect(authUserSchema.parse(res.json())).toMatchObject({ id: session.user.id, email });
    expectAuthError(await auth(app, 'GET', '/user'), 401, 'no_authorization');
    expectAuthError(await auth(app, 'GET', '/user', undefined, 'garbage'), 401, 'bad_jwt');
  });

  it('PUT merges user metadata', async () => {
    const { session } = await confirmedAccount({ display_name: 'Before', theme: 'dark' });
    const res = await auth(
      app,
      'PUT',
      '/user',
      { data: { display_name: 'After' } },
      session.access_token,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().user_metadata).toEqual({ display_name: 'After', theme: 'dark' });
  });
});

describe('logout', () => {
  it('scope local ends this session only: its refresh token and access token stop working', async () => {
    const { email } = await confirmedAccount();
    const here = await signedIn(email);
    const elsewhere = await signedIn(email);
    const res = await auth(app, 'POST', '/logout?scope=local', undefined, here.access_token);
    expect(res.statusCode).toBe(204);

    expectAuthError(await refresh(here.refresh_token), 400, 'refresh_token_not_found');
    const after = await me(here.access_token);
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toMatch(/session has ended/);
    expectAuthError(
      await auth(app, 'GET', '/user', undefined, here.access_token),
      403,
      'session_not_found',
    );

    expect((await me(elsewhere.access_token)).statusCode).toBe(200);
    expect((await refresh(elsewhere.refresh_token)).statusCode).toBe(200);
  });

  it('scope global (the default) ends every session of the user', async () => {
    const { email, session: first } = await confirmedAccount();
    const second = await signedIn(email);
    expect((await auth(app, 'POST', '/logout', undefined, second.access_token)).statusCode).toBe(
      204,
    );
    for (const session of [first, second]) {
      expect((await me(session.access_token)).statusCode).toBe(401);
      expectAuthError(await refresh(session.refresh_token), 400, 'refresh_token_not_found');
    }
  });

  it('scope others keeps this session and ends the rest', async () => {
    const { email, session: other } = await confirmedAccount();
    const here = await signedIn(email);
    expect(
      (await auth(app, 'POST', '/logout?scope=others', undefined, here.access_token)).statusCode,
    ).toBe(204);
    expect((await me(here.access_token)).statusCode).toBe(200);
    expect((await me(other.access_token)).statusCode).toBe(401);
  });

  it('accepts an empty JSON body, as supabase-js sends it; bad JSON is still 400', async () => {
    const { session } = await confirmedAccount();
    const empty = await app.inject({
      method: 'POST',
      url: '/auth/v1/logout?scope=local',
      headers: { ...bearer(session.access_token), 'content-type': 'application/json' },
    });
    expect(empty.statusCode).toBe(204);
    const broken = await app.inject({
      method: 'POST',
      url: '/auth/v1/token?grant_type=password',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expectAuthError(broken, 400, 'bad_request');
    const poisoned = await app.inject({
      method: 'POST',
      url: '/auth/v1/token?grant_type=password',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":"a@example.test","password":"x","__proto__":{"admin":true}}',
    });
    expectAuthError(poisoned, 400, 'bad_request');
  });

  it('needs a token', async () => {
    expectAuthError(await auth(app, 'POST', '/logout'), 401, 'no_authorization');
  });
});

describe('password recovery', () => {
  it('mails a link for a known address and nothing for an unknown one, 200 either way', async () => {
    const { email } = await confirmedAccount();
    const known = await auth(app, 'POST', '/recover', { email });
    expect(known.statusCode).toBe(200);
    expect(known.json()).toEqual({});
    const link = await linkIn(email, 'recovery');
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/auth/confirm');
    expect(link.searchParams.get('type')).toBe('recovery');

    const stranger = newEmail();
    const unknown = await auth(app, 'POST', '/recover', { email: stranger });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual({});
    expect(await mailbox(stranger)).toEqual([]);
  });

  it('the link opens a session once; a new password replaces the old and ends other sessions', async () => {
    const { email, session: stolen } = await confirmedAccount();
    await auth(app, 'POST', '/recover', { email });
    const tokenHash = (await linkIn(email, 'recovery')).searchParams.get('token_hash')!;
    const res = await verify('recovery', tokenHash);
    expect(res.statusCode).toBe(200);
    const recovery = sessionSchema.parse(res.json());
    expectAuthError(await verify('recovery', tokenHash), 403, 'otp_expired');

    const same = await auth(app, 'PUT', '/user', { password: PASSWORD }, recovery.access_token);
    expectAuthError(same, 422, 'same_password');
    const changed = await auth(
      app,
      'PUT',
      '/user',
      { password: 'a brand new secret' },
      recovery.access_token,
    );
    expect(changed.statusCode).toBe(200);

    expectAuthError(await signInWithPassword(email), 400, 'invalid_credentials');
    expect((await signInWithPassword(email, 'a brand new secret')).statusCode).toBe(200);
    // Whoever else was signed in (perhaps why the password was reset) is signed out.
    expect((await me(stolen.access_token)).statusCode).toBe(401);
    expectAuthError(await refresh(stolen.refresh_token), 400, 'refresh_token_not_found');
    expect((await me(recovery.access_token)).statusCode).toBe(200);
  });
});

describe('e-mail change', () => {
  it('mails the new address; following the link applies the change', async () => {
    const { email, session } = await confirmedAccount();
    const next = newEmail();
    const res = await auth(app, 'PUT', '/user', { email: next }, session.access_token);
    expect(res.statusCode).toBe(200);
    expect(res.json().email).toBe(email);
    expect(await mailbox(email)).toEqual([]);
    const link = await linkIn(next, 'email_change');
    expect(link.searchParams.get('type')).toBe('email_change');

    const verified = await verify('email_change', link.searchParams.get('token_hash')!);
    expect(verified.statusCode).toBe(200);
    expect(sessionSchema.parse(verified.json()).user.email).toBe(next);
    expectAuthError(await signInWithPassword(email), 400, 'invalid_credentials');
    expect((await signInWithPassword(next)).statusCode).toBe(200);
    expect((await me(session.access_token)).json().email).toBe(next);
  });

  it('a password change voids a pending e-mail change link', async () => {
    const { session } = await confirmedAccount();
    const next = newEmail();
    await auth(app, 'PUT', '/user', { email: next }, session.access_token);
    const tokenHash = (await linkIn(next, 'email_change')).searchParams.get('token_hash')!;
    const changed = await auth(
      app,
      'PUT',
      '/user',
      { password: 'another new secret' },
      session.access_token,
    );
    expect(changed.statusCode).toBe(200);
    expectAuthError(await verify('email_change', tokenHash), 403, 'otp_expired');
  });

  it('an address someone else uses is 422 email_exists', async () => {
    const { session } = await confirmedAccount();
    const { email: taken } = await confirmedAccount();
    const res = await auth(app, 'PUT', '/user', { email: taken }, session.access_token);
    expectAuthError(res, 422, 'email_exists');
  });
});

describe('rate limiting', () => {
  it('the 4th sign-in attempt in a minute is 429 over_request_rate_limit (AUTH_RATE_LIMIT_MAX=3)', async () => {
    const attempt = () =>
      auth(limited, 'POST', '/token?grant_type=password', {
        email: newEmail(),
        password: 'guess-guess',
      });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await attempt()).statusCode);
    const fourth = await attempt();
    expect(codes).toEqual([400, 400, 400]);
    expectAuthError(fourth, 429, 'over_request_rate_limit');
    expect(fourth.headers['retry-after']).toBeDefined();
    // The limit is per route: sign-up still answers.
    expect(
      (await auth(limited, 'POST', '/signup', { email: newEmail(), password: PASSWORD }))
        .statusCode,
    ).toBe(200);
  });
});
