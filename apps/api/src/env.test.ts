import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.js';

const stripe = {
  PAYMENTS_MODE: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_0123456789abcdef',
  STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
};

describe('loadEnv', () => {
  it('fills defaults from DESIGN §2', () => {
    const env = loadEnv({ DATABASE_URL: 'postgres://u:p@127.0.0.1:54322/promptnx' });
    expect(env.API_PORT).toBe(4000);
    expect(env.CORS_ORIGINS).toEqual(['http://localhost:3000']);
  });

  it('names a missing variable', () => {
    expect(() => loadEnv({})).toThrow(EnvError);
    expect(() => loadEnv({})).toThrow(/DATABASE_URL is required/);
  });

  it('names a malformed variable', () => {
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => loadEnv({ DATABASE_URL: 'postgres://x/y', API_PORT: 'eighty' })).toThrow(
      /API_PORT/,
    );
    expect(() => loadEnv({ DATABASE_URL: 'postgres://x/y', CORS_ORIGINS: 'not a url' })).toThrow(
      /CORS_ORIGINS/,
    );
  });

  it('uses the development JWT secret only for the embedded auth server', () => {
    const url = 'postgres://u:p@127.0.0.1:54322/promptnx';
    expect(loadEnv({ DATABASE_URL: url }).AUTH_JWT_SECRET).toMatch(/development/);
    const supabase = loadEnv({
      DATABASE_URL: url,
      AUTH_MODE: 'supabase',
      SUPABASE_URL: 'https://project.supabase.co',
    });
    expect(supabase.AUTH_JWT_SECRET).toBeUndefined();
  });
});

describe('Supabase mode secrets', () => {
  const base = {
    DATABASE_URL: 'postgres://x/y',
    AUTH_MODE: 'supabase',
    SUPABASE_URL: 'https://p.supabase.co',
  };
  it('takes the HS256 secret from SUPABASE_JWT_SECRET', () => {
    const env = loadEnv({ ...base, SUPABASE_JWT_SECRET: 's'.repeat(40) });
    expect(env.AUTH_JWT_SECRET).toBe('s'.repeat(40));
  });
  it('runs on the JWKS alone in production, with no development secret', () => {
    const env = loadEnv({
      ...base,
      NODE_ENV: 'production',
      STORAGE_SIGNING_SECRET: 'x'.repeat(40),
      ...stripe,
    });
    expect(env.AUTH_JWT_SECRET).toBeUndefined();
  });
});

describe('storage mode', () => {
  const base = { DATABASE_URL: 'postgres://x/y' };
  const jwtKey = (role: string) =>
    `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ role })).toString('base64url')}.sig`;
  const supabase = {
    ...base,
    STORAGE_MODE: 'supabase',
    SUPABASE_URL: 'https://p.supabase.co',
    SUPABASE_SERVICE_ROLE_KEY: jwtKey('service_role'),
  };

  it('is local disk by default, with the promptnx-media bucket for Supabase', () => {
    const env = loadEnv(base);
    expect(env.STORAGE_MODE).toBe('local');
    expect(env.STORAGE_BUCKET).toBe('promptnx-media');
    expect(loadEnv(supabase).STORAGE_MODE).toBe('supabase');
    expect(
      loadEnv({ ...supabase, SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abcdefghijklmnop' }),
    ).toBeTruthy();
  });

  it('names what a half-configured Supabase mode is missing', () => {
    expect(() => loadEnv({ ...supabase, SUPABASE_URL: undefined })).toThrow(
      /SUPABASE_URL is required when STORAGE_MODE=supabase/,
    );
    expect(() => loadEnv({ ...supabase, SUPABASE_SERVICE_ROLE_KEY: '' })).toThrow(
      /SUPABASE_SERVICE_ROLE_KEY is required when STORAGE_MODE=supabase/,
    );
    expect(() => loadEnv({ ...supabase, STORAGE_BUCKET: 'Not A Bucket' })).toThrow(
      /STORAGE_BUCKET/,
    );
    expect(() => loadEnv({ ...base, STORAGE_MODE: 's3' })).toThrow(/STORAGE_MODE/);
  });

  it('refuses an anon or publishable key without repeating it', () => {
    const anon = jwtKey('anon');
    const error = (() => {
      try {
        loadEnv({ ...supabase, SUPABASE_SERVICE_ROLE_KEY: anon });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(
      /SUPABASE_SERVICE_ROLE_KEY is a key for the 'anon' role, not the service role/,
    );
    expect(error?.message).not.toContain(anon);
    expect(() =>
      loadEnv({ ...supabase, SUPABASE_SERVICE_ROLE_KEY: 'sb_publishable_abcdefghijklmnop' }),
    ).toThrow(/SUPABASE_SERVICE_ROLE_KEY is a publishable key/);
    expect(() =>
      loadEnv({ ...supabase, SUPABASE_SERVICE_ROLE_KEY: 'not-a-key-at-all-but-long-enough' }),
    ).toThrow(/SUPABASE_SERVICE_ROLE_KEY must be the project’s service role key/);
  });

  it('needs the signing secret in production only for local disk', () => {
    expect(() => loadEnv({ ...base, NODE_ENV: 'production' })).toThrow(
      /STORAGE_SIGNING_SECRET is required in production/,
    );
    const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'j'.repeat(40), ...stripe };
    expect(loadEnv({ ...supabase, ...production }).STORAGE_MODE).toBe('supabase');
  });
});

describe('payments', () => {
  const base = { DATABASE_URL: 'postgres://x/y' };
  it('embedded by default, with the development webhook secret and DESIGN §5 money rules', () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({
      PAYMENTS_MODE: 'embedded',
      PLATFORM_FEE_BPS: 2000,
      EARNINGS_HOLD_SECONDS: 604800,
      REFUND_WINDOW_DAYS: 14,
    });
    expect(env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
  });
  it('Stripe mode needs the secret key and the webhook secret, named', () => {
    expect(() => loadEnv({ ...base, PAYMENTS_MODE: 'stripe' })).toThrow(
      /STRIPE_SECRET_KEY is required when PAYMENTS_MODE=stripe; STRIPE_WEBHOOK_SECRET is required/,
    );
    expect(() =>
      loadEnv({ ...base, ...stripe, STRIPE_WEBHOOK_SECRET: 'not-a-webhook-secret' }),
    ).toThrow(/STRIPE_WEBHOOK_SECRET must be a webhook secret/);
  });
  it('payout rules for the seller dashboard: the worker’s defaults, and its interval rule', () => {
    expect(loadEnv(base)).toMatchObject({ PAYOUT_MINIMUM: 1000, PAYOUT_INTERVAL_SECONDS: 86_400 });
    expect(
      loadEnv({ ...base, PAYOUT_MINIMUM: '2500', PAYOUT_INTERVAL_SECONDS: '3600' }),
    ).toMatchObject({ PAYOUT_MINIMUM: 2500, PAYOUT_INTERVAL_SECONDS: 3600 });
    expect(() => loadEnv({ ...base, PAYOUT_INTERVAL_SECONDS: '90' })).toThrow(
      /PAYOUT_INTERVAL_SECONDS must be whole minutes/,
    );
    expect(() => loadEnv({ ...base, PAYOUT_MINIMUM: '0' })).toThrow(/PAYOUT_MINIMUM/);
  });
  it('production must choose: no silent embedded checkout', () => {
    expect(() =>
      loadEnv({
        ...base,
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'j'.repeat(40),
        STORAGE_SIGNING_SECRET: 'x'.repeat(40),
      }),
    ).toThrow(/PAYMENTS_MODE must be set in production/);
  });
});
