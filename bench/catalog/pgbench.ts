/**
 * Runs Debian's pgbench with a custom script and reads its per-transaction
 * log, so its latencies get the same percentiles as the HTTP side.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type LatencySummary, Samples, summarize } from './stats.js';

export interface PgbenchTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  /** Client-side latency of whole transactions (begin … commit), from the -l log. */
  latency: LatencySummary;
  /** pgbench's own -r report: average milliseconds per statement, script after script. */
  statements: { ms: number; failures: number; command: string }[];
  command: string;
}

/** Parses a connection URL into what pgbench takes as options and PGPASSWORD. */
export function pgbenchTarget(url: string): PgbenchTarget {
  const u = new URL(url);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username || 'postgres'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
}

/** Runs a child to completion; rejects on a non-zero exit or after `timeoutMs`. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number; track?: Set<number> },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so stopping it reaches whatever it started.
      detached: true,
    });
    if (child.pid) options.track?.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`${command} took longer than ${options.timeoutMs / 1000} s; stopped it`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (child.pid) options.track?.delete(child.pid);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} exited with ${code}: ${stderr.trim() || stdout.trim()}`));
    });
  });
}

const number = (text: string, pattern: RegExp) => {
  const match = pattern.exec(text);
  return match ? Number(match[1]) : Number.NaN;
};

/**
 * `pgbench -n -c C -j J -T seconds -f script[@weight]… -r -l`, as the
 * connection's user. With `logPrefix`, reads every thread's log for the
 * latency percentiles.
 */
export async function runPgbench(options: {
  target: PgbenchTarget;
  scripts: { file: string; weight: number }[];
  clients: number;
  threads: number;
  seconds: number;
  logPrefix?: string;
  track?: Set<number>;
  /** pgbench's query protocol (-M); simple by default. */
  mode?: 'simple' | 'extended' | 'prepared';
}): Promise<PgbenchResult> {
  const { target, scripts, clients, threads, seconds, logPrefix } = options;
  const args = [
    '-n',
    '-M',
    options.mode ?? 'simple',
    '-h',
    target.host,
    '-p',
    String(target.port),
    '-U',
    target.user,
    '-c',
    String(clients),
    '-j',
    String(Math.min(threads, clients)),
    '-T',
    String(seconds),
    ...scripts.flatMap((script) =>
      scripts.length === 1 ? ['-f', script.file] : ['-f', `${script.file}@${script.weight}`],
    ),
    '-r',
    ...(logPrefix ? ['-l', `--log-prefix=${logPrefix}`] : []),
    target.database,
  ];
  const { stdout } = await run('pgbench', args, {
    env: { ...process.env, PGPASSWORD: target.password, PGAPPNAME: 'promptnx-bench-pgbench' },
    cwd: logPrefix ? path.dirname(logPrefix) : undefined,
    timeoutMs: (seconds + 60) * 1000,
    ...(options.track ? { track: options.track } : {}),
  });

  // One "statement latencies" section per script, in the order the scripts were given.
  const statements: PgbenchResult['statements'] = [];
  for (const report of stdout.split(/statement latencies in milliseconds[^\n]*\n/).slice(1)) {
    for (const line of report.split('\n')) {
      const match = /^\s+([\d.]+)\s+(\d+)\s+(.*)$/.exec(line);
      if (match) {
        statements.push({ ms: Number(match[1]), failures: Number(match[2]), command: match[3]! });
      } else if (line.trim() !== '') break; // the section ends
    }
  }

  const samples = new Samples();
  let failed = 0;
  if (logPrefix) {
    const dir = path.dirname(logPrefix);
    const base = path.basename(logPrefix);
    for (const file of await readdir(dir)) {
      if (!file.startsWith(`${base}.`)) continue;
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const line of text.split('\n')) {
        // client_id transaction_no time script_no time_epoch time_us …; time in µs
        const time = line.split(' ')[2];
        if (time === undefined) continue;
        if (/^\d+$/.test(time)) samples.push(Number(time) / 1000);
        else failed++;
      }
    }
  }

  return {
    tps: number(stdout, /^tps = ([\d.]+)/m),
    transactions: number(stdout, /number of transactions actually processed: (\d+)/),
    failed: Math.max(failed, number(stdout, /number of failed transactions: (\d+)/) || 0),
    latency: summarize(samples.values()),
    statements,
    command: `pgbench ${args.join(' ')}`,
  };
}

/** `pgbench --version`, e.g. "pgbench (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)". */
export async function pgbenchVersion(): Promise<string> {
  const { stdout } = await run('pgbench', ['--version'], { timeoutMs: 10_000 });
  return stdout.trim();
}
