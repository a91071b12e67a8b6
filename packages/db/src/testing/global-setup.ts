import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { findFreePort, startEmbeddedPostgres } from '../embedded.js';
import { runMigrations } from '../migrate.js';
import { TEMPLATE_DATABASE, type TestPostgres } from './context.js';

/**
 * Vitest global setup: one embedded Postgres per test run on a free port,
 * migrated once into a template database that each test file copies.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'promptnx-test-pg-'));
  const port = await findFreePort();
  const pg = await startEmbeddedPostgres({ dataDir, port });
  try {
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${TEMPLATE_DATABASE}"`);
    await admin.end({ timeout: 5 });
    await runMigrations(pg.urlFor(TEMPLATE_DATABASE));
  } catch (error) {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const context: TestPostgres = { port, adminUrl: pg.adminUrl, template: TEMPLATE_DATABASE };
  project.provide('promptnxPostgres', context);
  return async () => {
    await pg.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
