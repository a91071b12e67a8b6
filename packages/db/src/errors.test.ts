import { describe, expect, it } from 'vitest';
import { createDb } from './client.js';
import { describeConnectionError, redactUrl } from './errors.js';

describe('describeConnectionError', () => {
  it('explains a refused connection in one line, without the password', async () => {
    const url = 'postgres://app:s3cret@127.0.0.1:9/promptnx';
    const client = createDb(url, { max: 1 });
    const error = await client.sql`select 1`.catch((e: unknown) => e);
    await client.close();
    const line = describeConnectionError(error, url);
    expect(line).toMatch(/nothing accepts connections at postgres:\/\/app:\*\*\*@127\.0\.0\.1:9/);
    expect(line).not.toContain('s3cret');
    expect(line).not.toContain('\n');
  });

  it('looks through wrapped errors for the driver code', () => {
    const wrapped = new Error('Failed query: create schema', {
      cause: Object.assign(new Error('bad password'), { code: '28P01' }),
    });
    expect(describeConnectionError(wrapped, 'postgres://u:p@h/db')).toMatch(
      /refused the user name/,
    );
  });

  it('redacts passwords and survives garbage', () => {
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
