import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, repoRoot, runMigrations } from '@promptnx/db';
import { findFreePort, startEmbeddedPostgres } from '@promptnx/db/embedded';
import { seedDemoData } from '@promptnx/db/seed';
import postgres from 'postgres';

export interface Stack {
  webUrl: string;
  apiUrl: string;
  databaseUrl: string;
  /** Local storage of this run (seeded example images), inside its temporary folder. */
  storageRoot: string;
  stop(): Promise<void>;
}

interface Started {
  name: string;
  child: ChildProcess;
  log: string[];
}

function startProcess(
  name: string,
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Started {
  const child = spawn(process.execPath, args, {
    cwd: path.join(repoRoot, cwd),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, log };
}

async function waitUntilUp(url: string, started: Started, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${started.name} did not come up at ${url}:\n${started.log.join('')}`);
}

function stopProcess({ child }: Started): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The API and the web server run their production builds with NODE_ENV=test, because both
 * refuse to serve the dev mailbox in production and the account journeys read their
 * confirmation links there. Other differences from production: the session cookie is not
 * marked Secure, the API does not trust proxy headers, and neither insists on secrets (they
 * get their own below all the same).
 */
const APP_MODE = 'test';

/**
 * The whole stack from the built apps: embedded Postgres with migrations and
 * demo data, the API, the worker and the web server, each on a free port.
 */
export async function startStack(): Promise<Stack> {
  // One temporary folder per run holds the database and the storage files.
  const runDir = await mkdtemp(path.join(tmpdir(), 'promptnx-e2e-'));
  // Started as root, Postgres runs as its own OS user, which must be able to enter it.
  await chmod(runDir, 0o755);
  const dataDir = path.join(runDir, 'postgres');
  const storageRoot = path.join(runDir, 'storage');
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    pg = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  } catch (error) {
    await rm(runDir, { recursive: true, force: true });
    throw error;
  }
  const started: Started[] = [];
  const stop = async () => {
    await Promise.all(started.map(stopProcess));
    await pg.stop();
    await rm(runDir, { recursive: true, force: true });
  };
  try {
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe('create database promptnx');
    await admin.end();
    const databaseUrl = pg.urlFor('promptnx');
    await runMigrations(databaseUrl);
    const client = createDb(databaseUrl, { max: 1 });
    await seedDemoData(client.db, { storageRoot });
    await client.close();

    const apiPort = await findFreePort();
    const webPort = await findFreePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    // Money rules shortened so a journey sees a sale's earnings held, then paid out by the
    // worker's scheduled run (decision 0016): both read them, as in production.
    const moneyRules = { EARNINGS_HOLD_SECONDS: '60', PAYOUT_INTERVAL_SECONDS: '60' };
    const api = startProcess('api', 'apps/api', ['dist/server.js'], {
      NODE_ENV: APP_MODE,
      DATABASE_URL: databaseUrl,
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      API_PUBLIC_URL: apiUrl,
      CORS_ORIGINS: webUrl,
      LOG_LEVEL: 'warn',
      // Production settings need real secrets; these exist only for this run.
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
      AUTH_SITE_URL: webUrl,
      PROMPTNX_STORAGE_DIR: storageRoot,
      // Every browser of the run reaches the API through the storefront's one address, so
      // anonymous pages would share one allowance; rate limits have their own API tests.
      RATE_LIMIT_MAX: '100000',
      ...moneyRules,
    });
    started.push(api);
    const worker = startProcess('worker', 'apps/worker', ['dist/main.js'], {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      ...moneyRules,
    });
    started.push(worker);
    const web = startProcess(
      'web',
      'apps/web',
      ['node_modules/@remix-run/serve/dist/cli.js', 'build/server/index.js'],
      {
        NODE_ENV: APP_MODE,
        HOST: '127.0.0.1',
        PORT: String(webPort),
        API_URL: apiUrl,
        SESSION_SECRET: randomBytes(32).toString('hex'),
      },
    );
    started.push(web);
    await waitUntilUp(`${apiUrl}/ready`, api);
    await waitUntilUp(`${webUrl}/`, web);
    if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.log.join('')}`);
    return { webUrl, apiUrl, databaseUrl, storageRoot, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
