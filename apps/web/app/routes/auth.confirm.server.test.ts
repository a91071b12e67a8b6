import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authError, authSession, me, startFakeApi } from '../test/fake-api';
import { outcome, SITE, sessionFrom, withApi } from '../test/requests';

const GOOD = 'a'.repeat(56);
let api: Awaited<ReturnType<typeof startFakeApi>>;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.url === '/auth/v1/verify') {
      const { token_hash } = call.body as { token_hash: string };
      return token_hash === GOOD
        ? { status: 200, body: authSession(3600) }
        : authError(403, 'otp_expired', 'Email link is invalid or has expired');
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

async function confirm(query: string) {
  const { loader } = await withApi(api.url, () => import('./auth.confirm.server'));
  const request = new Request(`${SITE}/auth/confirm?${query}`);
  return outcome(() => loader({ request, params: {}, context: {} }));
}

describe('the confirmation link', () => {
  it('verifies the token, signs in, syncs the profile and goes to next', async () => {
    const result = await confirm(`token_hash=${GOOD}&type=recovery&next=/account/password`);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/account/password');
    expect(api.calls[0]?.body).toEqual({ type: 'recovery', token_hash: GOOD });
    expect(api.calls.map((c) => c.url)).toContain('/api/profiles/sync');
    const session = await sessionFrom(result.headers);
    expect(session.get('access_token')).toMatch(/^access-/);
    expect(session.get('csrf')).toBeTruthy();
  });

  it('goes to /account by default and never off the site', async () => {
    const plain = await confirm(`token_hash=${GOOD}&type=signup`);
    expect(plain.headers.get('Location')).toBe('/account');
    const evil = await confirm(`token_hash=${GOOD}&type=signup&next=//evil.example`);
    expect(evil.headers.get('Location')).toBe('/account');
  });

  it('says the link is invalid or expired', async () => {
    const expired = await confirm(`token_hash=${'b'.repeat(56)}&type=signup`);
    expect(expired.status).toBe(400);
    expect(expired.data).toEqual({ problem: 'invalid' });
    const broken = await confirm('type=signup');
    expect(broken.data).toEqual({ problem: 'invalid' });
    expect(api.calls.filter((c) => c.url === '/auth/v1/verify')).toHaveLength(1);
  });
});
