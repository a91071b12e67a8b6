import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertCsrf, assertSameOrigin, CSRF_FIELD } from './csrf.server';
import { sessionStorage } from './session.server';

const SITE = 'http://127.0.0.1:3000';

async function cookieWithToken(token: string | null) {
  const session = await sessionStorage.getSession();
  if (token) session.set('csrf', token);
  else session.set('email', 'someone@example.com');
  return (await sessionStorage.commitSession(session)).split(';')[0]!;
}

async function post(options: {
  token?: string | null;
  sent?: string | null;
  origin?: string | null;
  referer?: string;
  method?: string;
}) {
  const headers = new Headers({ Cookie: await cookieWithToken(options.token ?? 'tok-123') });
  if (options.origin !== null) headers.set('Origin', options.origin ?? SITE);
  if (options.referer) headers.set('Referer', options.referer);
  const form = new FormData();
  if (options.sent !== null) form.set(CSRF_FIELD, options.sent ?? 'tok-123');
  const request = new Request(`${SITE}/account`, { method: options.method ?? 'POST', headers });
  return { request, form };
}

async function statusOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'passed';
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('assertCsrf', () => {
  it('accepts a same-origin post carrying the session token', async () => {
    const { request, form } = await post({});
    expect(await statusOf(assertCsrf(request, form))).toBe('passed');
  });

  it('accepts a same-site Referer when there is no Origin, and neither (the token decides)', async () => {
    const withReferer = await post({ origin: null, referer: `${SITE}/signin` });
    expect(await statusOf(assertCsrf(withReferer.request, withReferer.form))).toBe('passed');
    const bare = await post({ origin: null });
    expect(await statusOf(assertCsrf(bare.request, bare.form))).toBe('passed');
  });

  it('refuses a form without the token', async () => {
    const { request, form } = await post({ sent: null });
    expect(await statusOf(assertCsrf(request, form))).toBe(403);
  });

  it('refuses a wrong token, and one of another length', async () => {
    const wrong = await post({ sent: 'tok-124' });
    expect(await statusOf(assertCsrf(wrong.request, wrong.form))).toBe(403);
    const longer = await post({ sent: 'tok-1234' });
    expect(await statusOf(assertCsrf(longer.request, longer.form))).toBe(403);
  });

  it('refuses a post when the session has no token', async () => {
    const { request, form } = await post({ token: null, sent: '' });
    expect(await statusOf(assertCsrf(request, form))).toBe(403);
  });

  it('refuses a post from another site even with the right token', async () => {
    const { request, form } = await post({ origin: 'https://evil.example' });
    expect(await statusOf(assertCsrf(request, form))).toBe(403);
  });

  it('refuses an opaque origin (a sandboxed frame)', async () => {
    const { request, form } = await post({ origin: 'null' });
    expect(await statusOf(assertCsrf(request, form))).toBe(403);
  });

  it('refuses a cross-site Referer when there is no Origin', async () => {
    const { request, form } = await post({ origin: null, referer: 'https://evil.example/x' });
    expect(await statusOf(assertCsrf(request, form))).toBe(403);
  });

  it('answers 403 with a message the error page shows', async () => {
    const { request, form } = await post({ sent: 'nope' });
    const response = (await assertCsrf(request, form).catch((e: unknown) => e)) as Response;
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/expired/);
  });
});

describe('assertSameOrigin', () => {
  it('lets reads through whatever their origin', () => {
    const request = new Request(`${SITE}/`, { headers: { Origin: 'https://evil.example' } });
    expect(() => assertSameOrigin(request)).not.toThrow();
  });

  it('compares hosts, so a TLS-terminating proxy does not break forms', () => {
    const request = new Request(`${SITE}/signin`, {
      method: 'POST',
      headers: { Origin: 'https://127.0.0.1:3000' },
    });
    expect(() => assertSameOrigin(request)).not.toThrow();
  });
});
