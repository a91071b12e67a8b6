/**
 * `pnpm bench:realtime`: chat fan-out over WebSockets. See bench/README.md.
 *
 * 1. A fresh embedded Postgres in a temp folder, migrated; N users (half
 *    buyers, half sellers), one open auth session each, N/2 threads of two.
 * 2. The built API (apps/api/dist/server.js), as several instances on one
 *    database (default 2): each thread's buyer connects to one instance and its
 *    seller to another, so every message crosses instances through LISTEN/NOTIFY.
 * 3. Every user opens GET /api/realtime; then messages are posted through the
 *    REST API at a fixed rate (open loop), each by one participant to the
 *    instance it is connected to, for a warm-up and then the measured window.
 * 4. Counted: deliveries to the other participant (and the sender's own echo)
 *    per second, end-to-end latency from just before the POST to the
 *    recipient's socket event (p50/p90/p99/max), missing and duplicate
 *    deliveries, and the POST's own latency.
 * 5. A table on stdout; Markdown and JSON in bench/results/.
 * Everything it starts listens on 127.0.0.1 and is stopped at the end.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, repoRoot, runMigrations } from '@promptnx/db';
import { findFreePort, startEmbeddedPostgres } from '@promptnx/db/embedded';
import WebSocket from 'ws';
import { type LatencySummary, Samples, summarize } from '../catalog/stats.js';
import { type BenchCli, benchCli } from '../shared/cli.js';

// ---------------------------------------------------------------- options

const USAGE = `usage: pnpm bench:realtime [options]

  --sockets N      connected sockets, two per thread (default 1000)
  --rate R         messages posted per second, in total (default 100)
  --duration S     measured seconds (default 30)
  --warmup S       seconds of the same load before measuring (default 5)
  --instances I    API instances on the one database (default 2)
  --skip-build     use apps/api/dist as it is instead of building it first
  --api FILE       run this API build instead of apps/api/dist/server.js (no build)
  -h, --help       this text`;

const cli: BenchCli = benchCli('realtime', USAGE);
const { intOption, say, cleanups, cleanup } = cli;
// Declared with its type, so TypeScript knows a call to it does not return.
const fail: (message: string) => never = cli.fail;

const { values: args } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: {
        sockets: { type: 'string' },
        rate: { type: 'string' },
        duration: { type: 'string' },
        warmup: { type: 'string' },
        instances: { type: 'string' },
        'skip-build': { type: 'boolean' },
        api: { type: 'string' },
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
  sockets: intOption('sockets', args.sockets, 1000, 2, 10_000),
  rate: intOption('rate', args.rate, 100, 1, 5000),
  duration: intOption('duration', args.duration, 30, 1, 600),
  warmup: intOption('warmup', args.warmup, 5, 0, 120),
  instances: intOption('instances', args.instances, 2, 1, 8),
  build: !args['skip-build'] && !args.api,
  api: args.api ? path.resolve(args.api) : undefined,
};
if (options.sockets % 2 !== 0) fail('--sockets must be even: threads of two');
const threadCount = options.sockets / 2;
// The API allows 30 messages a minute per user (decision 0020).
const perUserPerMinute = (options.rate * 60) / options.sockets;
if (perUserPerMinute > 30) {
  fail(
    `--rate ${options.rate} over ${options.sockets} users is ${perUserPerMinute.toFixed(1)} messages a minute each; the API allows 30: lower the rate or add sockets`,
  );
}

// ---------------------------------------------------------------- cleanup

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

// ---------------------------------------------------------------- database

interface BenchUser {
  id: string;
  sessionId: string;
  token: string;
  /** Which API instance this user's socket (and posts) use. */
  instance: number;
}

function base64url(value: string | Buffer) {
  return Buffer.from(value).toString('base64url');
}

/** An access token as the embedded auth server signs it (HS256, Supabase's claims). */
function accessToken(secret: string, issuer: string, userId: string, sessionId: string) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(
    JSON.stringify({
      aud: 'authenticated',
      iss: issuer,
      sub: userId,
      role: 'authenticated',
      session_id: sessionId,
      aal: 'aal1',
      amr: [{ method: 'password', timestamp: now }],
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      is_anonymous: false,
      iat: now,
      exp: now + 4 * 3600,
    }),
  );
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

async function startDatabase(tmp: string) {
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
  say(`embedded Postgres on 127.0.0.1:${port}, migrated`);
  return url;
}

/** Buyers and sellers, a session each, and one thread per pair, written as system code. */
async function createPeople(url: string) {
  const db = createDb(url, { max: 1, applicationName: 'promptnx-bench' });
  try {
    const people = await db.sql.begin(async (tx) => {
      await tx`
        insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
        select gen_random_uuid(), 'authenticated', 'authenticated',
               format('bench-%s-%s@bench.test', kind, lpad(n::text, 5, '0')),
               '{"provider":"email"}'::jsonb,
               jsonb_build_object('display_name', format('Bench %s %s', kind, n)), now(), now()
        from generate_series(1, ${threadCount}) n, unnest(array['buyer', 'seller']) kind`;
      await tx`update public.profiles set role = 'seller'
               where id in (select id from auth.users where email like 'bench-seller-%')`;
      await tx`insert into auth.sessions (id, user_id, created_at, updated_at, aal)
               select gen_random_uuid(), id, now(), now(), 'aal1' from auth.users
               where email like 'bench-%'`;
      await tx`
        insert into public.chat_threads (buyer_id, seller_id, subject)
        select b.id, s.id, 'Bench thread ' || right(split_part(b.email, '@', 1), 5)
        from auth.users b
        join auth.users s on s.email = replace(b.email, 'bench-buyer-', 'bench-seller-')
        where b.email like 'bench-buyer-%'`;
      return tx<
        {
          thread_id: string;
          buyer_id: string;
          seller_id: string;
          buyer_session: string;
          seller_session: string;
        }[]
      >`
        select t.id as thread_id, t.buyer_id, t.seller_id,
               (select id from auth.sessions where user_id = t.buyer_id) as buyer_session,
               (select id from auth.sessions where user_id = t.seller_id) as seller_session
        from public.chat_threads t order by t.subject`;
    });
    await db.sql.unsafe('vacuum analyze');
    return people;
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------- API

interface RunningApi {
  base: string;
  child: ChildProcess;
  output: string[];
}

async function waitForHealth(api: RunningApi) {
  const agent = new http.Agent({ keepAlive: false });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (api.child.exitCode !== null) {
      throw new Error(
        `an API instance exited with ${api.child.exitCode}:\n${api.output.join('\n')}`,
      );
    }
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const request = http.get(new URL('/health', api.base), { agent, timeout: 2000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        request.on('error', reject);
        request.on('timeout', () => request.destroy(new Error('timeout')));
      });
      if (status === 200) return;
    } catch {}
    if (Date.now() > deadline) throw new Error(`no /health in 30 s:\n${api.output.join('\n')}`);
    await sleep(200);
  }
}

async function startApis(url: string, storageDir: string, secret: string) {
  const server = options.api ?? path.join(repoRoot, 'apps/api/dist/server.js');
  if (options.build) {
    say('building the API (pnpm --filter @promptnx/api build)…');
    execFileSync('pnpm', ['--filter', '@promptnx/api', 'build'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }
  if (!existsSync(server)) throw new Error(`${server} is missing; build it or drop --skip-build`);
  const ports = await Promise.all(Array.from({ length: options.instances }, () => findFreePort()));
  // One public address for all: tokens name it as their issuer.
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  const apis: RunningApi[] = [];
  for (const port of ports) {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      API_PUBLIC_URL: publicUrl,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000000',
      AUTH_JWT_SECRET: secret,
      STORAGE_SIGNING_SECRET: randomBytes(32).toString('hex'),
      PROMPTNX_STORAGE_DIR: storageDir,
      PAYMENTS_MODE: 'embedded',
    };
    const child = spawn(process.execPath, [server], {
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
    cleanups.push(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    });
    apis.push({ base: `http://127.0.0.1:${port}`, child, output });
  }
  await Promise.all(apis.map(waitForHealth));
  return { apis, issuer: `${publicUrl}/auth/v1`, server: path.relative(repoRoot, server) };
}

// ---------------------------------------------------------------- load

interface Delivery {
  seq: number;
  at: number;
  recipient: boolean;
}

function post(agent: http.Agent, url: URL, token: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ body });
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        timeout: 30_000,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('timeout', () => request.destroy(new Error('no answer in 30 s')));
    request.on('error', reject);
    request.end(payload);
  });
}

async function connectAll(
  users: BenchUser[],
  apis: RunningApi[],
  onDelivery: (userIndex: number, d: Delivery) => void,
) {
  const sockets: WebSocket[] = new Array(users.length);
  const begun = performance.now();
  const connectOne = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const user = users[index]!;
      const url = `${apis[user.instance]!.base.replace('http', 'ws')}/api/realtime`;
      const ws = new WebSocket(url, ['promptnx-realtime.v1', `bearer.${user.token}`]);
      sockets[index] = ws;
      ws.on('message', (data) => {
        const event = JSON.parse(data.toString()) as {
          type: string;
          message?: { body: string; senderId: string };
        };
        if (event.type === 'ready') {
          resolve();
          return;
        }
        if (event.type !== 'message' || !event.message) return;
        const seq = Number(event.message.body.split(' ', 2)[1]);
        onDelivery(index, {
          seq,
          at: performance.now(),
          recipient: event.message.senderId !== user.id,
        });
      });
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`socket refused: ${res.statusCode}`)),
      );
    });
  // At most 100 handshakes at a time.
  let next = 0;
  await Promise.all(
    Array.from({ length: 100 }, async () => {
      while (next < users.length) await connectOne(next++);
    }),
  );
  return { sockets, seconds: (performance.now() - begun) / 1000 };
}

// ---------------------------------------------------------------- main

interface Result {
  benchmark: 'realtime';
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    os: string;
    node: string;
    postgres: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
  };
  settings: typeof options & { threads: number; server: string };
  git: { commit: string; dirty: boolean };
  connect: { sockets: number; seconds: number };
  sent: number;
  accepted: number;
  refused: number;
  notSent: number;
  firstError?: string;
  deliveredToRecipients: number;
  deliveredTotal: number;
  missing: number;
  duplicates: number;
  recipientDeliveriesPerSecond: number;
  allDeliveriesPerSecond: number;
  perSecond: { min: number; max: number; values: number[] };
  latency: LatencySummary;
  postLatency: LatencySummary;
  fanOutLatency: LatencySummary;
}

function git() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot }).toString().trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot }).toString().trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

function markdown(r: Result) {
  const m = r.machine;
  const s = r.settings;
  const lines = [
    `# Realtime benchmark, ${r.startedAt}`,
    '',
    `${r.connect.sockets.toLocaleString('en-US')} sockets in ${s.threads} threads of two on ${s.instances} API instance(s) sharing one database; ${s.rate} messages/s posted for ${s.duration} s after a ${s.warmup} s warm-up. Each thread's buyer is connected to one instance and its seller to ${s.instances > 1 ? 'another' : 'the same one'}; messages are posted to the sender's instance, so every delivery to the other participant ${s.instances > 1 ? 'crosses instances through LISTEN/NOTIFY' : 'goes through LISTEN/NOTIFY'}.`,
    '',
    `Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.memoryGb} GB, ${m.os}; Node ${m.node}, ${m.postgres}; load average ${m.loadAverageBefore.map((v) => v.toFixed(2)).join(' / ')} before, ${m.loadAverageAfter.map((v) => v.toFixed(2)).join(' / ')} after. API: ${s.server} with NODE_ENV=production, LOG_LEVEL=warn. The load generator (every socket and every POST) runs on the same machine. Commit ${r.git.commit.slice(0, 12)}${r.git.dirty ? ' with uncommitted changes' : ''}.`,
    '',
    'Latency is end to end, in milliseconds: from just before the POST to the event on the other participant\'s socket. "Delivered/s" counts deliveries to the other participant over the measured window; "all/s" adds the sender\'s own echo (every socket of both participants gets each message).',
    '',
    '| sockets | instances | rate msg/s | sent | accepted | delivered | missing | duplicates | delivered/s | all/s | p50 | p90 | p99 | max | POST p50 | POST p99 |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${r.connect.sockets} | ${s.instances} | ${s.rate} | ${r.sent} | ${r.accepted} | ${r.deliveredToRecipients} | ${r.missing} | ${r.duplicates} | ${r.recipientDeliveriesPerSecond.toFixed(1)} | ${r.allDeliveriesPerSecond.toFixed(1)} | ${ms(r.latency.p50)} | ${ms(r.latency.p90)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${ms(r.postLatency.p50)} | ${ms(r.postLatency.p99)} |`,
    '',
    `After the POST's answer (the realtime path alone: NOTIFY, the batch read, the socket send): p50 ${ms(r.fanOutLatency.p50)}, p90 ${ms(r.fanOutLatency.p90)}, p99 ${ms(r.fanOutLatency.p99)}, max ${ms(r.fanOutLatency.max)} ms (negative when the event arrived before the answer).`,
    '',
    `Connecting ${r.connect.sockets} sockets (handshake, authentication, catch-up, \`ready\`) took ${r.connect.seconds.toFixed(1)} s. Deliveries to recipients per second over the window: min ${r.perSecond.min}, max ${r.perSecond.max}. Refused posts: ${r.refused}; not sent (generator behind): ${r.notSent}.${r.firstError ? ` First error: ${r.firstError}` : ''}`,
    '',
  ];
  return lines.join('\n');
}

async function main() {
  const startedAt = new Date();
  const loadAverageBefore = os.loadavg();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'promptnx-bench-realtime-'));
  await chmod(tmp, 0o755);
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));

  const url = await startDatabase(tmp);
  say(`creating ${options.sockets} users and ${threadCount} threads…`);
  const threads = await createPeople(url);
  const secret = randomBytes(32).toString('hex');
  const storageDir = path.join(tmp, 'storage');
  await mkdir(storageDir, { recursive: true });
  const { apis, issuer, server } = await startApis(url, storageDir, secret);
  say(`${apis.length} API instance(s): ${apis.map((a) => a.base).join(', ')}`);

  const users: BenchUser[] = [];
  const threadOf: { id: string; buyer: number; seller: number }[] = [];
  threads.forEach((t, i) => {
    const buyer =
      users.push({
        id: t.buyer_id,
        sessionId: t.buyer_session,
        token: accessToken(secret, issuer, t.buyer_id, t.buyer_session),
        instance: i % apis.length,
      }) - 1;
    const seller =
      users.push({
        id: t.seller_id,
        sessionId: t.seller_session,
        token: accessToken(secret, issuer, t.seller_id, t.seller_session),
        instance: (i + 1) % apis.length,
      }) - 1;
    threadOf.push({ id: t.thread_id, buyer, seller });
  });

  // Per message: when its POST began, and whether the run measures it.
  const sentAt: number[] = [];
  const answeredAt: number[] = [];
  const deliveredAt: number[] = [];
  const measured: boolean[] = [];
  const postSamples = new Samples();
  const latencySamples = new Samples();
  const received = new Map<number, number>();
  let deliveredTotal = 0;
  let duplicates = 0;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  const buckets = new Array<number>(options.duration).fill(0);

  say(`connecting ${options.sockets} sockets…`);
  const { sockets, seconds } = await connectAll(users, apis, (_index, d) => {
    if (!measured[d.seq]) return;
    deliveredTotal += 1;
    if (!d.recipient) return;
    const before = received.get(d.seq) ?? 0;
    received.set(d.seq, before + 1);
    if (before > 0) {
      duplicates += 1;
      return;
    }
    latencySamples.push(d.at - sentAt[d.seq]!);
    deliveredAt[d.seq] = d.at;
    if (d.at >= windowStart && d.at < windowEnd) {
      const second = Math.floor((d.at - windowStart) / 1000);
      if (second < buckets.length) buckets[second]! += 1;
    }
  });
  say(`${options.sockets} sockets ready in ${seconds.toFixed(1)} s`);

  const agents = apis.map(() => new http.Agent({ keepAlive: true, maxSockets: 64 }));
  let seq = 0;
  let inFlight = 0;
  let accepted = 0;
  let refused = 0;
  let notSent = 0;
  let sent = 0;
  let firstError: string | undefined;
  const sendOne = (record: boolean) => {
    const n = seq++;
    const thread = threadOf[n % threadOf.length]!;
    // Buyers and sellers take turns, thread by thread.
    const senderIndex = Math.floor(n / threadOf.length) % 2 === 0 ? thread.buyer : thread.seller;
    const sender = users[senderIndex]!;
    if (inFlight >= 2000) {
      notSent += 1;
      return;
    }
    measured[n] = record;
    if (record) sent += 1;
    inFlight += 1;
    const begun = performance.now();
    sentAt[n] = begun;
    const body = `bench ${n} ${'x'.repeat(80)}`;
    post(
      agents[sender.instance]!,
      new URL(`/api/chat/threads/${thread.id}/messages`, apis[sender.instance]!.base),
      sender.token,
      body,
    )
      .then(
        (status) => {
          if (!record) return;
          if (status === 201) {
            accepted += 1;
            answeredAt[n] = performance.now();
            postSamples.push(answeredAt[n] - begun);
          } else {
            refused += 1;
            measured[n] = false;
            firstError ??= `HTTP ${status}`;
          }
        },
        (error: Error) => {
          if (!record) return;
          refused += 1;
          measured[n] = false;
          firstError ??= error.message;
        },
      )
      .finally(() => {
        inFlight -= 1;
      });
  };

  /** Posts at a fixed rate (open loop) for `secondsToRun`. */
  async function drive(secondsToRun: number, record: boolean) {
    const begun = performance.now();
    let due = 0;
    while (performance.now() - begun < secondsToRun * 1000) {
      const target = Math.floor(((performance.now() - begun) / 1000) * options.rate);
      while (due < target) {
        sendOne(record);
        due += 1;
      }
      await sleep(5);
    }
  }

  if (options.warmup > 0) {
    say(`warming up: ${options.rate} messages/s for ${options.warmup} s…`);
    await drive(options.warmup, false);
    await sleep(1000);
  }
  say(`measuring: ${options.rate} messages/s for ${options.duration} s…`);
  windowStart = performance.now();
  windowEnd = windowStart + options.duration * 1000;
  await drive(options.duration, true);
  // Let the last messages arrive.
  const drainUntil = performance.now() + 15_000;
  while (performance.now() < drainUntil) {
    const waiting = sentAt.reduce(
      (count, _t, n) => count + (measured[n] && !received.has(n) ? 1 : 0),
      0,
    );
    if (waiting === 0 && inFlight === 0) break;
    await sleep(100);
  }

  const deliveredToRecipients = [...received.keys()].filter((n) => measured[n]).length;
  // The realtime path alone: from the POST's answer to the other socket's event
  // (negative when the event came first).
  const fanOutSamples = new Samples();
  deliveredAt.forEach((at, n) => {
    if (measured[n] && answeredAt[n] !== undefined) fanOutSamples.push(at - answeredAt[n]!);
  });
  const missing = accepted - deliveredToRecipients;
  for (const socket of sockets) socket?.terminate();
  for (const agent of agents) agent.destroy();

  const pgVersion = await (async () => {
    const db = createDb(url, { max: 1 });
    try {
      const [row] = await db.sql<{ v: string }[]>`select version() as v`;
      return (row?.v ?? '').split(' on ')[0] ?? '';
    } finally {
      await db.close();
    }
  })();

  const result: Result = {
    benchmark: 'realtime',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: pgVersion,
      loadAverageBefore,
      loadAverageAfter: os.loadavg(),
    },
    settings: { ...options, threads: threadCount, server },
    git: git(),
    connect: { sockets: options.sockets, seconds },
    sent,
    accepted,
    refused,
    notSent,
    ...(firstError ? { firstError } : {}),
    deliveredToRecipients,
    deliveredTotal,
    missing,
    duplicates,
    recipientDeliveriesPerSecond: buckets.reduce((a, b) => a + b, 0) / options.duration,
    allDeliveriesPerSecond: deliveredTotal / options.duration,
    perSecond: { min: Math.min(...buckets), max: Math.max(...buckets), values: buckets },
    latency: summarize(latencySamples.values()),
    postLatency: summarize(postSamples.values()),
    fanOutLatency: summarize(fanOutSamples.values()),
  };

  const stamp = result.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
  const dir = path.join(repoRoot, 'bench/results');
  await mkdir(dir, { recursive: true });
  const md = markdown(result);
  await writeFile(path.join(dir, `realtime-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
  await writeFile(path.join(dir, `realtime-${stamp}.md`), md);
  await writeFile(path.join(dir, 'realtime-latest.md'), md);
  console.log(`\n${md}`);
  say(`written bench/results/realtime-${stamp}.md and .json, and realtime-latest.md`);
}

main()
  .catch((error) => {
    console.error(
      `bench:realtime: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
    process.exitCode = 1;
  })
  .finally(() => cleanup());
