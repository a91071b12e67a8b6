import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authError, authSession, authUser, me, startFakeApi } from '../test/fake-api';
import { formPost, outcome, SITE, sessionFrom, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url.startsWith('/auth/v1/signup')) {
      const { email } = call.body as { email: string };
      if (email === 'taken@example.com') {
        return authError(422, 'user_already_exists', 'User already registered');
      }
      if (email === 'busy@example.com') {
        return authError(429, 'over_email_send_rate_limit', 'Email rate limit exceeded');
      }
      if (email === 'instant@example.com') return { status: 200, body: authSession(3600) };
      return { status: 200, body: authUser(email, 'New') };
    }
    if (call.url === '/api/profiles/sync') return { status: 200, body: me() };
    return undefined;
  });
});
afterAll(() => api.close());
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

async function signUp(fields: Record<string, string>) {
  const { action } = await withApi(api.url, () => import('./signup.server'));
  const request = await formPost('/signup', fields);
  return outcome(() => action({ request, params: {}, context: {} }));
}

const valid = { email: 'new@example.com', password: 'long enough', displayName: 'New Person' };

describe('sign-up action', () => {
  it('asks the auth API for a confirmation mail that links back to /auth/confirm', async () => {
    const result = await signUp(valid);
    expect(result.data).toEqual({ checkEmail: 'new@example.com' });
    const [call] = api.calls;
    expect(call?.url).toBe(
      `/auth/v1/signup?redirect_to=${encodeURIComponent(`${SITE}/auth/confirm`)}`,
    );
    expect(call?.body).toEqual({
      email: 'new@example.com',
      password: 'long enough',
      data: { display_name: 'New Person' },
    });
  });

  it('signs in at once when the auth API answers with a session', async () => {
    const result = await signUp({ ...valid, email: 'instant@example.com' });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/account');
    expect((await sessionFrom(result.headers)).get('access_token')).toMatch(/^access-/);
    expect(api.calls.map((c) => c.url)).toContain('/api/profiles/sync');
  });

  it('shows the auth API refusals next to the right field', async () => {
    const taken = await signUp({ ...valid, email: 'taken@example.com' });
    expect(taken.data).toMatchObject({
      errors: { email: expect.stringMatching(/already exists/) },
    });
    const busy = await signUp({ ...valid, email: 'busy@example.com' });
    expect(busy.status).toBe(429);
    expect(busy.data).toMatchObject({ formError: expect.stringMatching(/Too many attempts/) });
  });

  it('validates with the shared schemas before calling the auth API', async () => {
    const result = await signUp({ email: 'x', password: 'short', displayName: ' ' });
    expect(result.data).toMatchObject({
      errors: {
        email: 'Must be an e-mail address',
        password: 'Must be at least 8 characters',
        displayName: 'Enter the name other people will see',
      },
      values: { email: 'x', displayName: '' },
    });
    expect(api.calls).toEqual([]);
  });
});
