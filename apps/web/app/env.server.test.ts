import { describe, expect, it } from 'vitest';
import { getPublicEnv, parseEnv } from './env.server';

describe('parseEnv', () => {
  it('applies defaults for a fresh machine', () => {
    expect(parseEnv({})).toEqual({ NODE_ENV: 'development', API_URL: 'http://localhost:4000' });
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ API_URL: '', PUBLIC_API_URL: '' }).API_URL).toBe('http://localhost:4000');
  });

  it('keeps valid values', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      API_URL: 'http://api.internal:4000',
      PUBLIC_API_URL: 'https://api.promptnx.dev',
    });
    expect(env).toEqual({
      NODE_ENV: 'production',
      API_URL: 'http://api.internal:4000',
      PUBLIC_API_URL: 'https://api.promptnx.dev',
    });
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

describe('getPublicEnv', () => {
  it('exposes only public values and falls back to API_URL for the browser', () => {
    const publicEnv = getPublicEnv(parseEnv({ API_URL: 'http://127.0.0.1:4000' }));
    expect(publicEnv).toEqual({ MODE: 'development', PUBLIC_API_URL: 'http://127.0.0.1:4000' });
  });

  it('prefers PUBLIC_API_URL when it is set', () => {
    const env = parseEnv({ API_URL: 'http://api.internal:4000', PUBLIC_API_URL: 'https://api.x' });
    expect(getPublicEnv(env).PUBLIC_API_URL).toBe('https://api.x');
  });
});
