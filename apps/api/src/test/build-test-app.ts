import type { TestDatabase } from '@promptnx/db/testing';
import { afterAll } from 'vitest';
import { buildApp } from '../app.js';
import { loadEnv } from '../env.js';

/** The real app on this file's test database, with quiet logs; closed after the file. */
export async function buildTestApp(database: TestDatabase, env: Record<string, string> = {}) {
  const app = await buildApp({
    env: loadEnv({ NODE_ENV: 'test', DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env }),
    database,
    logger: false,
  });
  afterAll(() => app.close());
  await app.ready();
  return app;
}
