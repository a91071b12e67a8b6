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
    });
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
});
