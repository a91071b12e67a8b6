import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { createDb, type DbClient } from '../client.js';
import { sqlStateOfError } from '../errors.js';
import type { TestPostgres } from './context.js';

export type { TestPostgres } from './context.js';

export interface TestDatabase extends DbClient {
  /** Connection string of this file's own database. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

function databaseUrl(info: TestPostgres, name: string): string {
  const url = new URL(info.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates a fresh, migrated database for the calling test file by copying the
 * run's template database (a file copy: milliseconds, not a migration).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('promptnxPostgres');
  if (!info) {
    throw new Error(
      'no test Postgres: add packages/db/src/testing/global-setup.ts to this vitest config globalSetup',
    );
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}" template "${info.template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = databaseUrl(info, name);
  // Prepared statements, as the API uses them by default (DATABASE_PREPARE).
  const client = createDb(url, { max: 5, applicationName: 'promptnx-test', prepare: true });
  return {
    ...client,
    url,
    name,
    async drop() {
      await client.close();
      const dropper = postgres(info.adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** createTestDatabase, dropped again after the file's tests. */
export async function useTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  afterAll(() => database.drop());
  return database;
}

/**
 * The SQLSTATE a query failed with (Drizzle wraps the driver's error in
 * `cause`), or undefined when it succeeded.
 */
export async function sqlStateOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return sqlStateOfError(error) ?? 'no-sqlstate';
  }
}
export * from './factories.js';
