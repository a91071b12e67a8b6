import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@promptnx/db/testing';
import { meSchema } from '@promptnx/schema';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import ws from 'ws';
import { buildTestApp } from '../../test/build-test-app.js';
import { EMBEDDED_ISSUER, TEST_JWT_SECRET } from '../../test/tokens.js';

// The real supabase-js client, unchanged, against the embedded auth server on a real port.
const database = await useTestDatabase();
const app = await buildTestApp(database, {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  AUTH_CONFIRM_EMAIL: 'true',
  AUTH_RATE_LIMIT_MAX: '1000',
});
await app.listen({ port: 0, host: '127.0.0.1' });
const apiUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// The project's anon key, as Supabase makes it: a long-lived HS256 token with role anon.
const anonKey = await new SignJWT({ role: 'anon', iss: EMBEDDED_ISSUER })
  .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
  .setIssuedAt()
  .setExpirationTime('10y')
  .sign(new TextEncoder().encode(TEST_JWT_SECRET));

function supabaseClient(): SupabaseClient {
  return createClient(apiUrl, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket; realtime is not used here but needs one to start.
    realtime: { transport: ws as never },
  });
}

const apiMe = (accessToken: string) =>
  fetch(`${apiUrl}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });

async function confirmationTokenHash(email: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/dev/mailbox?to=${encodeURIComponent(email)}`);
  const { items } = (await res.json()) as { items: { template: string; text: string }[] };
  const mail = items.find((m) => m.template === 'confirm_signup');
  const link = mail?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no confirmation mail to ${email}`);
  return new URL(link).searchParams.get('token_hash')!;
}

describe('@supabase/supabase-js against the embedded auth server', () => {
  const email = `js-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'supabase-js password';

  it('signUp, then verifyOtp with the mailed token_hash, gives a session', async () => {
    const supabase = supabaseClient();
    const signUp = await supabase.auth.signUp({
      email,
      password,
      options: { data: { display_name: 'Supa Base' } },
    });
    expect(signUp.error).toBeNull();
    expect(signUp.data.session).toBeNull();
    expect(signUp.data.user).toMatchObject({ email, user_metadata: { display_name: 'Supa Base' } });

    const early = await supabase.auth.signInWithPassword({ email, password });
    expect(early.error).toMatchObject({ status: 400, code: 'email_not_confirmed' });

    const verified = await supabase.auth.verifyOtp({
      token_hash: await confirmationTokenHash(email),
      type: 'signup',
    });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.access_token).toEqual(expect.any(String));
    expect(verified.data.user?.email_confirmed_at).toEqual(expect.any(String));
  });

  it('signInWithPassword, getUser, updateUser, refreshSession, and the token works on /api/me', async () => {
    const supabase = supabaseClient();
    const signIn = await supabase.auth.signInWithPassword({ email, password });
    expect(signIn.error).toBeNull();
    const session = signIn.data.session!;
    expect(session).toMatchObject({ token_type: 'bearer', user: { email } });

    const me = await apiMe(session.access_token);
    expect(me.status).toBe(200);
    expect(meSchema.parse(await me.json())).toMatchObject({
      id: session.user.id,
      email,
      displayName: 'Supa Base',
      role: 'buyer',
    });

    const got = await supabase.auth.getUser();
    expect(got.error).toBeNull();
    expect(got.data.user).toMatchObject({ id: session.user.id, email });

    const updated = await supabase.auth.updateUser({ data: { locale: 'en-GB' } });
    expect(updated.error).toBeNull();
    expect(updated.data.user?.user_metadata).toEqual({
      display_name: 'Supa Base',
      locale: 'en-GB',
    });

    const refreshed = await supabase.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    const next = refreshed.data.session!;
    expect(next.refresh_token).not.toBe(session.refresh_token);
    expect(next.user.user_metadata).toMatchObject({ locale: 'en-GB' });
    expect((await apiMe(next.access_token)).status).toBe(200);
    expect((await supabase.auth.getSession()).data.session?.access_token).toBe(next.access_token);
  });

  it('signOut ends the session for supabase-js and for the API', async () => {
    const supabase = supabaseClient();
    const { data } = await supabase.auth.signInWithPassword({ email, password });
    const accessToken = data.session!.access_token;
    const refreshToken = data.session!.refresh_token;

    const out = await supabase.auth.signOut();
    expect(out.error).toBeNull();
    expect((await supabase.auth.getSession()).data.session).toBeNull();

    expect((await apiMe(accessToken)).status).toBe(401);
    const stale = await supabaseClient().auth.getUser(accessToken);
    // GoTrue's 403 session_not_found, as supabase-js names it.
    expect(stale.error?.name).toBe('AuthSessionMissingError');
    const reuse = await supabaseClient().auth.refreshSession({ refresh_token: refreshToken });
    expect(reuse.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('GoTrue errors arrive as supabase-js AuthApiErrors with their codes', async () => {
    const supabase = supabaseClient();
    const wrong = await supabase.auth.signInWithPassword({ email, password: 'not the password' });
    expect(wrong.error).toMatchObject({
      name: 'AuthApiError',
      status: 400,
      code: 'invalid_credentials',
      message: 'Invalid login credentials',
    });
    const weak = await supabase.auth.signUp({
      email: `weak-${randomUUID()}@example.test`,
      password: 'short',
    });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password' });
    const taken = await supabase.auth.signUp({ email, password });
    expect(taken.error).toMatchObject({ status: 422, code: 'user_already_exists' });
  });

  it('resetPasswordForEmail sends a recovery mail', async () => {
    const supabase = supabaseClient();
    const { error } = await supabase.auth.resetPasswordForEmail(email, {
      redirectTo: 'http://localhost:3000/account/password',
    });
    expect(error).toBeNull();
    const res = await fetch(`${apiUrl}/api/dev/mailbox?to=${encodeURIComponent(email)}`);
    const { items } = (await res.json()) as { items: { template: string; text: string }[] };
    const link = new URL(
      items.find((m) => m.template === 'recovery')!.text.match(/https?:\/\/\S+/)![0],
    );
    expect(`${link.origin}${link.pathname}`).toBe('http://localhost:3000/account/password');
    expect(link.searchParams.get('type')).toBe('recovery');
  });
});
