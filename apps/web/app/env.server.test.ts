import { describe, expect, it } from 'vitest';
import { DEV_SESSION_SECRET, getPublicEnv, isDevMailboxEnabled, parseEnv } from './env.server';

const SECRET = 'a-production-secret-of-at-least-32-chars';

describe('parseEnv', () => {
  it('applies defaults for a fresh machine', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'development',
      API_URL: 'http://localhost:4000',
      AUTH_URL: 'http://localhost:4000',
      SESSION_SECRET: [DEV_SESSION_SECRET],
    });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ API_URL: '', PUBLIC_API_URL: '' }).API_URL).toBe('http://localhost:4000');
  });

  it('keeps valid values', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      API_URL: 'http://api.internal:4000',
      PUBLIC_API_URL: 'https://api.promptnx.dev',
      AUTH_URL: 'https://abc.supabase.co',
      SUPABASE_ANON_KEY: 'anon',
      SESSION_SECRET: SECRET,
    });
    expect(env).toEqual({
      NODE_ENV: 'production',
      API_URL: 'http://api.internal:4000',
      PUBLIC_API_URL: 'https://api.promptnx.dev',
      AUTH_URL: 'https://abc.supabase.co',
      SUPABASE_ANON_KEY: 'anon',
      SESSION_SECRET: [SECRET],
    });
  });

  it('points the auth API at API_URL unless AUTH_URL says otherwise', () => {
    expect(parseEnv({ API_URL: 'http://127.0.0.1:4100' }).AUTH_URL).toBe('http://127.0.0.1:4100');
    expect(() => parseEnv({ AUTH_URL: 'supabase' })).toThrow(/AUTH_URL: must be an http/);
  });

  it('requires a SESSION_SECRET of at least 32 characters in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: is required in production/,
    );
    expect(() => parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    expect(parseEnv({ NODE_ENV: 'test' }).SESSION_SECRET).toEqual([DEV_SESSION_SECRET]);
  });

  it('reads several comma-separated session secrets, for rotation', () => {
    const next = 'the-next-secret-which-is-also-32-chars-long';
    expect(parseEnv({ SESSION_SECRET: `${next}, ${SECRET}` }).SESSION_SECRET).toEqual([
      next,
      SECRET,
    ]);
  });

  it('rejects a malformed API_URL with a message naming it', () => {
    expect(() => parseEnv({ API_URL: 'localhost:4000' })).toThrow(/API_URL/);
    expect(() => parseEnv({ API_URL: 'ftp://example.com' })).toThrow(/API_URL: must be an http/);
  });

  it('names every bad variable, not only the first', () => {
    expect(() => parseEnv({ NODE_ENV: 'staging', PUBLIC_API_URL: 'nope' })).toThrow(
      /NODE_ENV[\s\S]*PUBLIC_API_URL/,
    );
  });
});

describe('isDevMailboxEnabled', () => {
  it('is on everywhere but production', () => {
    expect(isDevMailboxEnabled(parseEnv({}))).toBe(true);
    expect(isDevMailboxEnabled(parseEnv({ NODE_ENV: 'test' }))).toBe(true);
    expect(isDevMailboxEnabled(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: SECRET }))).toBe(
      false,
    );
  });
});

describe('getPublicEnv', () => {
  it('exposes only public values and falls back to API_URL for the browser', () => {
    const publicEnv = getPublicEnv(
      parseEnv({
        API_URL: 'http://127.0.0.1:4000',
        SESSION_SECRET: SECRET,
        SUPABASE_ANON_KEY: 'k',
      }),
    );
    expect(publicEnv).toEqual({ MODE: 'development', PUBLIC_API_URL: 'http://127.0.0.1:4000' });
  });

  it('prefers PUBLIC_API_URL when it is set', () => {
    const env = parseEnv({ API_URL: 'http://api.internal:4000', PUBLIC_API_URL: 'https://api.x' });
    expect(getPublicEnv(env).PUBLIC_API_URL).toBe('https://api.x');
  });
});
