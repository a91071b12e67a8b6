import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestDatabase } from '@promptnx/db/testing';
import { afterAll } from 'vitest';
import { type App, buildApp } from '../app.js';
import { loadEnv } from '../env.js';

// One temporary storage folder per test file, removed after it (also when an
// app is built inside a test, where an afterAll of its own would never run).
const storageRoot = mkdtempSync(path.join(tmpdir(), 'promptnx-test-storage-'));
afterAll(() => rm(storageRoot, { recursive: true, force: true }));

/**
 * The real app on this file's test database, with quiet logs; closed after the
 * file. Files go to a temporary folder (never the repo's .data/storage) unless
 * PROMPTNX_STORAGE_DIR is given. `configure` runs before the app is ready
 * (e.g. to add a scratch route).
 */
export async function buildTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  configure?: (app: App) => void | Promise<void>,
) {
  const storageDir = env.PROMPTNX_STORAGE_DIR ?? (await mkdtemp(path.join(storageRoot, 'app-')));
  const app = await buildApp({
    env: loadEnv({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      ...env,
      PROMPTNX_STORAGE_DIR: storageDir,
    }),
    database,
    logger: false,
  });
  afterAll(() => app.close());
  await configure?.(app);
  await app.ready();
  return app;
}
