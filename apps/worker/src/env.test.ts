import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

const url = 'postgres://postgres:postgres@127.0.0.1:54322/promptnx';

function messageOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error('parseEnv accepted a bad environment');
}

describe('parseEnv', () => {
  it('applies the defaults', () => {
    expect(parseEnv({ DATABASE_URL: url })).toEqual({
      DATABASE_URL: url,
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      HEARTBEAT_CRON: '* * * * *',
      SEARCH_ENGINE: 'postgres',
      MEILISEARCH_INDEX: 'prompts',
      SEARCH_SYNC_INTERVAL_MS: 1000,
      SEARCH_SYNC_BATCH_SIZE: 500,
      EMAIL_MODE: 'capture',
      PAYMENTS_MODE: 'embedded',
      API_PUBLIC_URL: 'http://localhost:4000',
      AUTH_SITE_URL: 'http://localhost:3000',
      PLATFORM_FEE_BPS: 2000,
      EARNINGS_HOLD_SECONDS: 604800,
      REFUND_WINDOW_DAYS: 14,
      MESSAGE_EMAIL_DELAY_SECONDS: 600,
      RECONCILE_MIN_AGE_SECONDS: 300,
      PAYOUT_MINIMUM: 1000,
      PAYOUT_INTERVAL_SECONDS: 86400,
    });
  });

  it('takes a payout schedule in whole minutes and names a bad one', () => {
    expect(
      parseEnv({ DATABASE_URL: url, PAYOUT_INTERVAL_SECONDS: '5400', PAYOUT_MINIMUM: '2500' }),
    ).toMatchObject({ PAYOUT_INTERVAL_SECONDS: 5400, PAYOUT_MINIMUM: 2500 });
    expect(messageOf({ DATABASE_URL: url, PAYOUT_INTERVAL_SECONDS: '90' })).toBe(
      'PAYOUT_INTERVAL_SECONDS must be whole minutes (a multiple of 60)',
    );
    expect(messageOf({ DATABASE_URL: url, PAYOUT_INTERVAL_SECONDS: '10' })).toBe(
      'PAYOUT_INTERVAL_SECONDS must be a whole number of seconds, at least 60',
    );
    expect(messageOf({ DATABASE_URL: url, PAYOUT_MINIMUM: '0' })).toBe(
      'PAYOUT_MINIMUM must be at least 1',
    );
  });

  it('needs the Stripe key to reconcile with Stripe', () => {
    expect(() => parseEnv({ DATABASE_URL: url, PAYMENTS_MODE: 'stripe' })).toThrow(
      /STRIPE_SECRET_KEY is required when PAYMENTS_MODE=stripe/,
    );
  });

  it('accepts postgresql:// URLs and explicit settings', () => {
    const env = parseEnv({
      DATABASE_URL: 'postgresql://u:p@db.example.com:5432/app?sslmode=require',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      HEARTBEAT_CRON: '*/5 * * * *',
    });
    expect(env).toMatchObject({
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
      HEARTBEAT_CRON: '*/5 * * * *',
    });
  });

  it('names a missing DATABASE_URL, also when it is blank', () => {
    expect(messageOf({})).toBe('DATABASE_URL is required');
    expect(messageOf({ DATABASE_URL: '' })).toBe('DATABASE_URL is required');
  });

  it('names a DATABASE_URL that is not a postgres:// URL', () => {
    expect(messageOf({ DATABASE_URL: 'mysql://localhost/db' })).toBe(
      'DATABASE_URL must be a postgres:// URL',
    );
    expect(messageOf({ DATABASE_URL: 'postgres://' })).toBe(
      'DATABASE_URL must be a postgres:// URL',
    );
  });

  it('names every malformed variable on one line', () => {
    const message = messageOf({ DATABASE_URL: url, LOG_LEVEL: 'loud', HEARTBEAT_CRON: 'hourly' });
    expect(message).toMatch(
      /^LOG_LEVEL must be one of .*; HEARTBEAT_CRON must be a cron expression/,
    );
    expect(message).not.toContain('\n');
    expect(messageOf({ DATABASE_URL: url, NODE_ENV: 'staging' })).toMatch(/^NODE_ENV /);
  });

  it('accepts a complete Meilisearch configuration', () => {
    expect(
      parseEnv({
        DATABASE_URL: url,
        NODE_ENV: 'production',
        SEARCH_ENGINE: 'meilisearch',
        MEILISEARCH_HOST: 'https://search.example.com',
        MEILISEARCH_API_KEY: 'key',
        MEILISEARCH_INDEX: 'prompts_v2',
        SEARCH_SYNC_INTERVAL_MS: '250',
        SEARCH_SYNC_BATCH_SIZE: '100',
      }),
    ).toMatchObject({
      SEARCH_ENGINE: 'meilisearch',
      MEILISEARCH_HOST: 'https://search.example.com',
      MEILISEARCH_INDEX: 'prompts_v2',
      SEARCH_SYNC_INTERVAL_MS: 250,
      SEARCH_SYNC_BATCH_SIZE: 100,
    });
    // Development needs no key (a local Meilisearch without a master key).
    expect(
      parseEnv({
        DATABASE_URL: url,
        SEARCH_ENGINE: 'meilisearch',
        MEILISEARCH_HOST: 'http://127.0.0.1:7700',
      }),
    ).not.toHaveProperty('MEILISEARCH_API_KEY');
  });

  it('refuses a half-configured search engine, naming the variable', () => {
    expect(messageOf({ DATABASE_URL: url, SEARCH_ENGINE: 'meilisearch' })).toBe(
      'MEILISEARCH_HOST is required when SEARCH_ENGINE=meilisearch',
    );
    expect(
      messageOf({
        DATABASE_URL: url,
        NODE_ENV: 'production',
        SEARCH_ENGINE: 'meilisearch',
        MEILISEARCH_HOST: 'https://search.example.com',
      }),
    ).toBe('MEILISEARCH_API_KEY is required in production when SEARCH_ENGINE=meilisearch');
    expect(messageOf({ DATABASE_URL: url, SEARCH_ENGINE: 'elastic' })).toBe(
      'SEARCH_ENGINE must be one of postgres, meilisearch',
    );
    expect(
      messageOf({ DATABASE_URL: url, SEARCH_ENGINE: 'meilisearch', MEILISEARCH_HOST: 'localhost' }),
    ).toBe('MEILISEARCH_HOST must be an http(s):// URL');
    expect(messageOf({ DATABASE_URL: url, SEARCH_SYNC_INTERVAL_MS: '10' })).toBe(
      'SEARCH_SYNC_INTERVAL_MS must be at least 100',
    );
  });

  it('accepts a complete Resend configuration', () => {
    expect(
      parseEnv({
        DATABASE_URL: url,
        NODE_ENV: 'production',
        EMAIL_MODE: 'resend',
        RESEND_API_KEY: 're_live_key',
        EMAIL_FROM: 'PromptNX <hello@promptnx.example>',
      }),
    ).toMatchObject({
      EMAIL_MODE: 'resend',
      RESEND_API_KEY: 're_live_key',
      EMAIL_FROM: 'PromptNX <hello@promptnx.example>',
    });
    expect(
      parseEnv({
        DATABASE_URL: url,
        EMAIL_MODE: 'resend',
        RESEND_API_KEY: 're_test',
        EMAIL_FROM: 'hello@promptnx.example',
        RESEND_BASE_URL: 'http://127.0.0.1:3999',
      }),
    ).toMatchObject({
      EMAIL_FROM: 'hello@promptnx.example',
      RESEND_BASE_URL: 'http://127.0.0.1:3999',
    });
    // Capture needs nothing else, in any environment.
    expect(parseEnv({ DATABASE_URL: url, NODE_ENV: 'production' })).toMatchObject({
      EMAIL_MODE: 'capture',
    });
  });

  it('refuses half-configured e-mail, naming the variable', () => {
    expect(messageOf({ DATABASE_URL: url, EMAIL_MODE: 'resend' })).toBe(
      'RESEND_API_KEY is required when EMAIL_MODE=resend; EMAIL_FROM is required when EMAIL_MODE=resend',
    );
    expect(
      messageOf({
        DATABASE_URL: url,
        EMAIL_MODE: 'resend',
        RESEND_API_KEY: '',
        EMAIL_FROM: 'a@b.example',
      }),
    ).toBe('RESEND_API_KEY is required when EMAIL_MODE=resend');
    expect(messageOf({ DATABASE_URL: url, EMAIL_MODE: 'smtp' })).toBe(
      'EMAIL_MODE must be one of capture, resend',
    );
    expect(messageOf({ DATABASE_URL: url, EMAIL_FROM: 'PromptNX' })).toBe(
      'EMAIL_FROM must be an address, e.g. "PromptNX <hello@example.com>"',
    );
    expect(messageOf({ DATABASE_URL: url, RESEND_BASE_URL: 'api.resend.com' })).toBe(
      'RESEND_BASE_URL must be an http(s):// URL',
    );
  });
});
