import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from './env.js';

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
    });
    expect(env.AUTH_JWT_SECRET).toBeUndefined();
  });
});
