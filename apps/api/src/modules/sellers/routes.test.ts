import { createUser, type TestUser, useTestDatabase } from '@promptnx/db/testing';
import { meSchema, onboardingSchema, problemSchema } from '@promptnx/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { type RecordedRequest, sendJson, startFakeServer } from '../../test/fake-server.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();

/** A buyer signed in with an open session. */
async function signedInBuyer(options: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(database.db, options);
  const { headers } = await signIn(database, user);
  return { user, headers };
}

async function sellerRows(user: TestUser) {
  return database.sql<
    { status: string; stripe_account_id: string | null; payouts_enabled: boolean }[]
  >`
    select status, stripe_account_id, payouts_enabled from public.seller_profiles where user_id = ${user.id}`;
}

async function auditRows(user: TestUser) {
  return database.sql`
    select action from public.audit_logs where actor_id = ${user.id} and action = 'seller.onboarding_started'`;
}

async function roleOf(user: TestUser) {
  const [row] = await database.sql<
    { role: string }[]
  >`select role from public.profiles where id = ${user.id}`;
  return row?.role;
}

const embedded = await buildTestApp(database, authEnv, (scratch) => {
  // No seller-only route exists yet: a scratch one behind the real guard.
  scratch.get('/test/seller-only', { preHandler: scratch.requireSeller }, async () => ({
    ok: true,
  }));
});

describe('embedded payments: local onboarding', () => {
  const app = embedded;
  const onboard = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/sellers/onboarding', headers });

  it('makes a seller profile with payouts enabled and the role seller', async () => {
    const { user, headers } = await signedInBuyer();
    const res = await onboard(headers);
    expect(res.statusCode).toBe(200);
    expect(onboardingSchema.parse(res.json())).toEqual({
      seller: { status: 'active', chargesEnabled: true, payoutsEnabled: true, headline: '' },
      onboardingUrl: null,
    });
    expect(await roleOf(user)).toBe('seller');
    const [row] = await sellerRows(user);
    expect(row).toMatchObject({ status: 'active', payouts_enabled: true });
    expect(row!.stripe_account_id).toMatch(/^acct_local_[0-9a-f]{16}$/);

    const me = meSchema.parse((await app.inject({ url: '/api/me', headers })).json());
    expect(me).toMatchObject({
      role: 'seller',
      seller: { status: 'active', payoutsEnabled: true },
    });
  });

  it('is idempotent: one seller profile and one audit row however often it is called', async () => {
    const { user, headers } = await signedInBuyer();
    const first = await onboard(headers);
    const again = await onboard(headers);
    const [a, b] = await Promise.all([onboard(headers), onboard(headers)]);
    for (const res of [first, again, a!, b!]) expect(res.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const rows = await sellerRows(user);
    expect(rows).toHaveLength(1);
    expect(await auditRows(user)).toHaveLength(1);
  });

  it('an admin who onboards stays admin', async () => {
    const { user, headers } = await signedInBuyer({ role: 'admin' });
    expect((await onboard(headers)).statusCode).toBe(200);
    expect(await roleOf(user)).toBe('admin');
  });

  it('GET /api/sellers/onboarding reads the state back; 404 before onboarding', async () => {
    const { headers } = await signedInBuyer();
    const before = await app.inject({ url: '/api/sellers/onboarding', headers });
    expect(before.statusCode).toBe(404);
    expect(problemSchema.parse(before.json()).code).toBe('NOT_FOUND');
    await onboard(headers);
    const after = await app.inject({ url: '/api/sellers/onboarding', headers });
    expect(after.json()).toMatchObject({ seller: { status: 'active' }, onboardingUrl: null });
  });

  it("a buyer's token cannot reach seller or admin routes; after onboarding the seller route opens", async () => {
    const { headers } = await signedInBuyer();
    const seller = await app.inject({ url: '/test/seller-only', headers });
    expect(seller.statusCode).toBe(403);
    expect(problemSchema.parse(seller.json()).code).toBe('SELLER_REQUIRED');
    const admin = await app.inject({ url: '/api/admin/users', headers });
    expect(admin.statusCode).toBe(403);
    expect(problemSchema.parse(admin.json()).code).toBe('ADMIN_REQUIRED');

    await onboard(headers);
    expect((await app.inject({ url: '/test/seller-only', headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/admin/users', headers })).statusCode).toBe(403);
  });

  it('needs a token', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/sellers/onboarding' });
    expect(res.statusCode).toBe(401);
  });
});

// ── Stripe mode: the real Stripe SDK against a local stand-in for api.stripe.com ──

interface FakeAccount {
  id: string;
  object: 'account';
  type: 'express';
  email: string | null;
  country: string;
  default_currency: string;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  details_submitted: boolean;
  requirements: { disabled_reason: string | null };
  metadata: Record<string, string>;
}

const stripeState = {
  accounts: new Map<string, FakeAccount>(),
  /** Idempotency-Key → account id, as Stripe replays a keyed request. */
  byKey: new Map<string, string>(),
  /** Answer 500 to every request while set. */
  failing: false,
};

function stripeError(response: Parameters<typeof sendJson>[0], status: number, message: string) {
  sendJson(response, status, { error: { type: 'api_error', message } });
}

const stripe = await startFakeServer((request, response) => {
  if (stripeState.failing) return stripeError(response, 500, 'An unknown error occurred');
  const form = new URLSearchParams(request.body);
  if (request.method === 'POST' && request.path === '/v1/accounts') {
    const key = String(request.headers['idempotency-key'] ?? '');
    let id = stripeState.byKey.get(key);
    if (!id) {
      id = `acct_test_${stripeState.accounts.size + 1}`;
      stripeState.accounts.set(id, {
        id,
        object: 'account',
        type: 'express',
        email: form.get('email'),
        country: 'US',
        default_currency: 'usd',
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
        requirements: { disabled_reason: 'requirements.past_due' },
        metadata: { promptnx_user_id: form.get('metadata[promptnx_user_id]') ?? '' },
      });
      if (key) stripeState.byKey.set(key, id);
    }
    return sendJson(response, 200, stripeState.accounts.get(id));
  }
  const account = request.path.match(/^\/v1\/accounts\/(acct_[\w]+)$/)?.[1];
  if (request.method === 'GET' && account) {
    const found = stripeState.accounts.get(account);
    return found
      ? sendJson(response, 200, found)
      : stripeError(response, 404, `No such account: '${account}'`);
  }
  if (request.method === 'POST' && request.path === '/v1/account_links') {
    return sendJson(response, 200, {
      object: 'account_link',
      created: Math.floor(Date.now() / 1000),
      expires_at: Math.floor(Date.now() / 1000) + 300,
      url: `https://connect.stripe.test/setup/e/${form.get('account')}/${stripe.requests.length}`,
    });
  }
  stripeError(response, 404, `Unrecognized request URL (${request.method}: ${request.path})`);
});

const accountCreations = (user: TestUser) =>
  stripe.requests.filter(
    (r) =>
      r.method === 'POST' &&
      r.path === '/v1/accounts' &&
      new URLSearchParams(r.body).get('metadata[promptnx_user_id]') === user.id,
  );

function enable(accountId: string, changes: Partial<FakeAccount>) {
  Object.assign(stripeState.accounts.get(accountId)!, changes);
}

const withStripe = await buildTestApp(database, {
  ...authEnv,
  PAYMENTS_MODE: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_promptnx_fake',
  STRIPE_WEBHOOK_SECRET: 'whsec_sellers_test_secret',
  STRIPE_API_BASE: stripe.url,
});

describe('Stripe payments: Connect Express onboarding', () => {
  const app = withStripe;
  beforeEach(() => {
    stripeState.failing = false;
  });
  const onboard = (headers: Record<string, string>) =>
    app.inject({ method: 'POST', url: '/api/sellers/onboarding', headers });
  const status = (headers: Record<string, string>) =>
    app.inject({ url: '/api/sellers/onboarding', headers });

  it('creates an Express account once and answers with the onboarding link, status onboarding', async () => {
    const { user, headers } = await signedInBuyer();
    const res = await onboard(headers);
    expect(res.statusCode).toBe(200);
    const body = onboardingSchema.parse(res.json());
    expect(body.seller).toEqual({
      status: 'onboarding',
      chargesEnabled: false,
      payoutsEnabled: false,
      headline: '',
    });
    const [created] = accountCreations(user);
    expect(created).toBeDefined();
    const accountId = stripeState.byKey.get(String(created!.headers['idempotency-key']))!;
    expect(body.onboardingUrl).toMatch(
      new RegExp(`^https://connect\\.stripe\\.test/setup/e/${accountId}/`),
    );

    expect(created!.headers.authorization).toBe('Bearer sk_test_promptnx_fake');
    expect(created!.headers['idempotency-key']).toBe(`promptnx-connect-account-${user.id}`);
    expect(Object.fromEntries(new URLSearchParams(created!.body))).toMatchObject({
      type: 'express',
      email: user.email,
      'capabilities[transfers][requested]': 'true',
    });
    const link = stripe.requests.findLast((r: RecordedRequest) => r.path === '/v1/account_links')!;
    expect(Object.fromEntries(new URLSearchParams(link.body))).toEqual({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: 'http://localhost:3000/sell?onboarding=refresh',
      return_url: 'http://localhost:3000/sell?onboarding=return',
    });

    const [row] = await sellerRows(user);
    expect(row).toMatchObject({
      status: 'onboarding',
      stripe_account_id: accountId,
      payouts_enabled: false,
    });
    expect(await roleOf(user)).toBe('seller');
  });

  it('repeated calls make no second account; each answers with a fresh link', async () => {
    const { user, headers } = await signedInBuyer();
    const first = onboardingSchema.parse((await onboard(headers)).json());
    const second = onboardingSchema.parse((await onboard(headers)).json());
    const [a, b] = await Promise.all([onboard(headers), onboard(headers)]);
    expect(a!.statusCode).toBe(200);
    expect(b!.statusCode).toBe(200);
    expect(accountCreations(user)).toHaveLength(1);
    expect(second.onboardingUrl).not.toBe(first.onboardingUrl);
    expect(await sellerRows(user)).toHaveLength(1);
    expect(await auditRows(user)).toHaveLength(1);
  });

  it('two first calls at once still make one account (Stripe replays the keyed request)', async () => {
    const { user, headers } = await signedInBuyer();
    const [a, b] = await Promise.all([onboard(headers), onboard(headers)]);
    expect([a!.statusCode, b!.statusCode]).toEqual([200, 200]);
    const keys = new Set(accountCreations(user).map((r) => r.headers['idempotency-key']));
    expect(keys).toEqual(new Set([`promptnx-connect-account-${user.id}`]));
    const rows = await sellerRows(user);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.stripe_account_id).toBe(stripeState.byKey.get([...keys][0] as string));
  });

  it('reads the status back from Stripe: active once charges and payouts are enabled', async () => {
    const { user, headers } = await signedInBuyer();
    await onboard(headers);
    const [row] = await sellerRows(user);
    const accountId = row!.stripe_account_id!;

    expect((await status(headers)).json().seller.status).toBe('onboarding');
    enable(accountId, {
      details_submitted: true,
      requirements: { disabled_reason: 'requirements.past_due' },
    });
    expect((await status(headers)).json().seller.status).toBe('restricted');
    enable(accountId, {
      charges_enabled: true,
      payouts_enabled: true,
      requirements: { disabled_reason: null },
    });
    const res = await status(headers);
    expect(res.statusCode).toBe(200);
    expect(onboardingSchema.parse(res.json())).toEqual({
      seller: { status: 'active', chargesEnabled: true, payoutsEnabled: true, headline: '' },
      onboardingUrl: null,
    });
    expect(
      stripe.requests.some((r) => r.method === 'GET' && r.path === `/v1/accounts/${accountId}`),
    ).toBe(true);
    expect((await sellerRows(user))[0]).toMatchObject({ status: 'active', payouts_enabled: true });
    // Active: nothing left to do, so no new link.
    expect((await onboard(headers)).json()).toMatchObject({
      onboardingUrl: null,
      seller: { status: 'active' },
    });
  });

  it('Stripe failing is 502 PAYMENTS_UNAVAILABLE; the retries kept one idempotency key; a later call works', async () => {
    const { user, headers } = await signedInBuyer();
    stripeState.failing = true;
    const res = await onboard(headers);
    expect(res.statusCode).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = problemSchema.parse(res.json());
    expect(problem).toMatchObject({
      code: 'PAYMENTS_UNAVAILABLE',
      status: 502,
      title: 'Bad Gateway',
    });
    expect(problem.detail).toMatch(/payment provider/);
    const attempts = accountCreations(user);
    expect(attempts.length).toBeGreaterThan(1);
    expect(new Set(attempts.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect((await sellerRows(user))[0]!.stripe_account_id).toBeNull();

    stripeState.failing = false;
    const retry = await onboard(headers);
    expect(retry.statusCode).toBe(200);
    expect((await sellerRows(user))[0]!.stripe_account_id).toMatch(/^acct_test_\d+$/);

    stripeState.failing = true;
    const read = await status(headers);
    expect(read.statusCode).toBe(502);
    expect(problemSchema.parse(read.json()).code).toBe('PAYMENTS_UNAVAILABLE');
  });
});
