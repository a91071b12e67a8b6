import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authError, authSession, me, startFakeApi } from '../test/fake-api';
import { CSRF, formPost, outcome, sessionFrom, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
const session = authSession(3600);

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url === '/auth/v1/token?grant_type=password') {
      const { email, password } = call.body as { email: string; password: string };
      if (email === 'late@example.com') {
        return authError(400, 'email_not_confirmed', 'Email not confirmed');
      }
      if (email === 'ada@example.com' && password === 'correct horse') {
        return { status: 200, body: session };
      }
      return authError(400, 'invalid_credentials', 'Invalid login credentials');
    }
    if (call.method === 'POST' && call.url === '/api/profiles/sync') {
      return { status: 200, body: me({ displayName: 'Ada Lovelace' }) };
    }
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./signin.server'));

async function signIn(fields: Record<string, string>, path = '/signin') {
  const { action } = await load();
  const request = await formPost(path, fields);
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('sign-in action', () => {
  it('signs in, syncs the profile once and goes back where the visitor came from', async () => {
    const result = await signIn(
      { email: 'Ada@Example.com', password: 'correct horse' },
      '/signin?redirectTo=%2Fsell',
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
    expect(api.calls[0]?.body).toEqual({ email: 'ada@example.com', password: 'correct horse' });
    const syncs = api.calls.filter((c) => c.url === '/api/profiles/sync');
    expect(syncs).toHaveLength(1);
    expect(syncs[0]?.headers.authorization).toBe(`Bearer ${session.access_token}`);

    const stored = await sessionFrom(result.headers);
    expect(stored.get('access_token')).toBe(session.access_token);
    expect(stored.get('refresh_token')).toBe(session.refresh_token);
    expect(stored.get('expires_at')).toBe(session.expires_at);
    expect(stored.get('user_id')).toBe(session.user.id);
    expect(stored.get('email')).toBe('ada@example.com');
    expect(stored.get('display_name')).toBe('Ada Lovelace');
    expect(stored.get('csrf')).toBe(CSRF);
  });

  it('never redirects off the site', async () => {
    const result = await signIn({
      email: 'ada@example.com',
      password: 'correct horse',
      redirectTo: 'https://evil.example/',
    });
    expect(result.headers.get('Location')).toBe('/');
  });

  it('says "Invalid e-mail or password" for wrong credentials', async () => {
    const result = await signIn({ email: 'ada@example.com', password: 'wrong' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ formError: 'Invalid e-mail or password.' });
    expect(result.headers.get('Set-Cookie')).toBeNull();
  });

  it('asks to confirm the e-mail first when it is not confirmed', async () => {
    const result = await signIn({ email: 'late@example.com', password: 'whatever1' });
    expect(result.data).toMatchObject({ unconfirmed: true, values: { email: 'late@example.com' } });
  });

  it('shows field errors without calling the auth API', async () => {
    const result = await signIn({ email: 'not-an-email', password: '' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { email: 'Must be an e-mail address', password: 'Enter your password' },
    });
    expect(api.calls).toEqual([]);
  });

  it('refuses a post without the CSRF token', async () => {
    const { action } = await load();
    const request = await formPost('/signin', { email: 'ada@example.com', password: 'x' });
    const body = new URLSearchParams(await request.text());
    body.delete('csrf');
    const forged = new Request(request.url, { method: 'POST', headers: request.headers, body });
    const result = await outcome(() => action({ request: forged, params: {}, context: {} }));
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
