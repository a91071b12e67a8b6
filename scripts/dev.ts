/**
 * `pnpm dev`: embedded Postgres (or DATABASE_URL), migrations, demo data once,
 * then the API, worker and web app, until Ctrl-C stops all of them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createDb, describeConnectionError, repoRoot, runMigrations } from '@promptnx/db';
import { databaseEnvSchema, portSchema } from '@promptnx/db/cli-env';
import { isPortFree } from '@promptnx/db/embedded';
import { openLocalDatabase } from '@promptnx/db/local';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from '@promptnx/db/seed';
import { z } from 'zod';

// Importing the db tools' env module loads .env, as for `pnpm db:migrate`.
const envSchema = databaseEnvSchema.extend({
  PROMPTNX_PG_PORT: portSchema.default(54322),
  /** Demo data into an empty database; by default only for the embedded one. */
  PROMPTNX_SEED: z.enum(['true', 'false']).optional(),
  API_PORT: portSchema.default(4000),
  WEB_PORT: portSchema.default(3000),
});

const color = (code: number, text: string) =>
  process.stdout.isTTY ? `\x1b[${code}m${text}\x1b[0m` : text;
const say = (line: string) => console.log(`${color(35, '[dev]')} ${line}`);
function fail(message: string): never {
  console.error(`${color(31, '[dev]')} ${message}`);
  process.exit(1);
}

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  fail(`${issue?.path.join('.')} ${issue?.message} (check .env)`);
}
const env = parsed.data;
// Demo accounts share a published password: never load them into a database
// someone pointed us at unless they asked for it.
const seed = env.PROMPTNX_SEED ? env.PROMPTNX_SEED === 'true' : !env.DATABASE_URL;

for (const [name, value] of [
  ['API_PORT', env.API_PORT],
  ['WEB_PORT', env.WEB_PORT],
] as const) {
  if (!(await isPortFree(value))) {
    fail(
      `port ${value} is already in use (is another 'pnpm dev' running?); stop it or set ${name} in .env`,
    );
  }
}

const children: { name: string; child: ChildProcess }[] = [];
let shuttingDown = false;
let database: Awaited<ReturnType<typeof openLocalDatabase>> | undefined;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  say('stopping…');
  await Promise.all(children.map(({ child }) => stopGroup(child)));
  await database?.stop();
  say('stopped');
  process.exit(code);
}

// Each app runs in its own process group, so one kill reaches its whole tree.
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) return resolve();
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), 8000);
    child.once('exit', () => {
      clearTimeout(timer);
      // Grandchildren that outlived their parent go too.
      kill('SIGKILL');
      resolve();
    });
    kill('SIGTERM');
  });
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

say(
  env.DATABASE_URL
    ? 'using DATABASE_URL'
    : `starting embedded Postgres on 127.0.0.1:${env.PROMPTNX_PG_PORT}`,
);
try {
  database = await openLocalDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.PROMPTNX_DATA_DIR && path.resolve(env.PROMPTNX_DATA_DIR),
    port: env.PROMPTNX_PG_PORT,
  });
} catch (error) {
  fail(
    error instanceof Error && error.name === 'EmbeddedPostgresError'
      ? error.message
      : describeConnectionError(error, env.DATABASE_URL ?? ''),
  );
}
const databaseUrl = database.url;

try {
  await runMigrations(databaseUrl);
  say('migrations applied');
  if (seed) {
    const client = createDb(databaseUrl, { max: 2 });
    try {
      const result = await seedDemoData(client.db, {
        onProgress: ({ phase }) => {
          if (phase === 'images') say('loading the demo marketplace (first start only)…');
        },
        ...(env.PROMPTNX_STORAGE_DIR
          ? { storageRoot: path.resolve(env.PROMPTNX_STORAGE_DIR) }
          : {}),
      });
      say(
        result.seeded
          ? `demo data loaded (${result.prompts} prompts, ${result.sellers} sellers, ${result.buyers} buyers)`
          : 'demo data already present',
      );
    } finally {
      await client.close();
    }
  }
} catch (error) {
  await database.stop();
  fail(describeConnectionError(error, databaseUrl));
}

const apiUrl = `http://localhost:${env.API_PORT}`;
const webUrl = `http://localhost:${env.WEB_PORT}`;
const shared = { ...process.env, DATABASE_URL: databaseUrl, FORCE_COLOR: '1' };
const apps = [
  { name: 'api', dir: 'apps/api', tint: 36, env: { API_PORT: String(env.API_PORT) } },
  { name: 'worker', dir: 'apps/worker', tint: 33, env: {} },
  {
    name: 'web',
    dir: 'apps/web',
    tint: 32,
    env: { API_URL: apiUrl, PORT: String(env.WEB_PORT) },
    args: ['--port', String(env.WEB_PORT)],
  },
];

for (const app of apps) {
  const child = spawn('pnpm', ['run', 'dev', ...(app.args ?? [])], {
    cwd: path.join(repoRoot, app.dir),
    env: { ...shared, ...app.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = color(app.tint, `[${app.name}]`.padEnd(8));
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (shuttingDown) return;
    console.error(
      `${color(31, '[dev]')} ${app.name} exited (${signal ?? `code ${code}`}); stopping the rest`,
    );
    void shutdown(1);
  });
  children.push({ name: app.name, child });
}

async function waitFor(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

const [apiUp, webUp] = await Promise.all([
  waitFor(`${apiUrl}/ready`, 60_000),
  waitFor(`${webUrl}/`, 120_000),
]);
if (!shuttingDown) {
  const line = '─'.repeat(52);
  console.log(
    [
      line,
      `  PromptNX is running${apiUp && webUp ? '' : ' (some parts are still starting)'}`,
      `  storefront  ${webUrl}`,
      `  API         ${apiUrl}   (OpenAPI: ${apiUrl}/openapi.json)`,
      `  database    ${env.DATABASE_URL ? 'DATABASE_URL' : `embedded, 127.0.0.1:${env.PROMPTNX_PG_PORT}, data in .data/`}`,
      ...(seed
        ? [
            `  demo logins ${Object.values(DEMO_ACCOUNTS)
              .map((a) => a.email)
              .join(', ')} (password ${DEMO_PASSWORD})`,
          ]
        : []),
      '  Ctrl-C stops everything',
      line,
    ].join('\n'),
  );
}
