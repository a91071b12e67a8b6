import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createDb } from '../client.js';
import { runMigrations } from '../migrate.js';
import { defaultStorageRoot } from '../paths.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type SeedProgress, seedDemoData } from '../seed/index.js';
import { readCliEnv } from './env.js';
import { runWithDatabase } from './run.js';

const USAGE = `usage: pnpm db:seed [--prompts N] [--sellers M] [--buyers B] [--storage DIR] [--seed S]

  (no options)   the demo marketplace (1,000 prompts) into an empty database; does nothing
                 when the database already has data
  --prompts N    a catalog of N prompts (benchmarks); refuses a database that has prompts
  --sellers M    sellers (default max(50, N / 200))
  --buyers B     buyers (default max(200, N / 20))
  --storage DIR  where example images go (default PROMPTNX_STORAGE_DIR or .data/storage)
  --seed S       PRNG seed; the same seed gives the same catalog`;

function fail(message: string): never {
  console.error(`db:seed: ${message}\n\n${USAGE}`);
  process.exit(1);
}

function parseOptions() {
  // `pnpm db:seed -- --prompts 10` hands the `--` through; it means nothing here.
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  try {
    return parseArgs({
      args,
      options: {
        prompts: { type: 'string' },
        sellers: { type: 'string' },
        buyers: { type: 'string' },
        storage: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

function positiveInteger(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    fail(`--${flag} must be a positive integer (got '${value}')`);
  }
  if (n > max) fail(`--${flag} can be at most ${max.toLocaleString('en-US')} (got ${value})`);
  return n;
}

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const env = readCliEnv();
const prompts = positiveInteger('prompts', values.prompts, 5_000_000);
const sellers = positiveInteger('sellers', values.sellers, 1_000_000);
const buyers = positiveInteger('buyers', values.buyers, 1_000_000);
const seed = positiveInteger('seed', values.seed, 2 ** 32 - 1);
if (values.storage !== undefined && values.storage.trim() === '') fail('--storage needs a folder');
const storageRoot = values.storage
  ? path.resolve(env.invokedFrom, values.storage)
  : (env.storageDir ?? defaultStorageRoot);
const generator = prompts !== undefined;

const count = (n: number) => n.toLocaleString('en-US');

await runWithDatabase('db:seed', async (url) => {
  await runMigrations(url);
  const client = createDb(url, { max: 2, applicationName: 'promptnx-seed' });
  const bar = new cliProgress.SingleBar(
    {
      format: 'db:seed |{bar}| {value}/{total} prompts | {phase} | {duration_formatted}',
      stream: process.stderr,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (p: SeedProgress) => {
    if (!started) {
      bar.start(p.promptsTotal, 0, { phase: p.phase });
      started = true;
    }
    bar.update(p.promptsWritten, { phase: p.phase });
  };
  const stopBar = () => {
    if (started) bar.stop();
    started = false;
  };
  const begun = performance.now();
  try {
    const result = await seedDemoData(client.db, {
      storageRoot,
      onProgress,
      ...(prompts !== undefined ? { prompts } : {}),
      ...(sellers !== undefined ? { sellers } : {}),
      ...(buyers !== undefined ? { buyers } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    stopBar();
    if (!result.seeded) {
      if (generator) {
        console.error(
          `db:seed: ${result.reason}; --prompts builds a catalog in a database without prompts only.\n` +
            'Use a fresh database, e.g. PROMPTNX_DATA_DIR=.data/bench PROMPTNX_PG_PORT=54323 pnpm db:seed --prompts N',
        );
        process.exitCode = 1;
      } else {
        console.log(`db:seed: ${result.reason}; nothing to do`);
      }
      return;
    }
    const seconds = ((performance.now() - begun) / 1000).toFixed(1);
    console.log(
      [
        `db:seed: loaded ${count(result.prompts)} prompts (${count(result.versions)} versions, ${count(result.assets)} images), ` +
          `${count(result.sellers)} sellers, ${count(result.buyers)} buyers, ${count(result.orders)} orders ` +
          `(${count(result.orderItems)} items), ${count(result.reviews)} reviews, ${count(result.chatThreads)} chats, ` +
          `${count(result.notifications)} notifications in ${seconds} s`,
        `db:seed: images in ${result.storageRoot}`,
        `db:seed: sign in as ${DEMO_ACCOUNTS.admin.email}, ${DEMO_ACCOUNTS.seller.email} or ${DEMO_ACCOUNTS.buyer.email} with password ${DEMO_PASSWORD}`,
      ].join('\n'),
    );
  } finally {
    stopBar();
    await client.close();
  }
});
