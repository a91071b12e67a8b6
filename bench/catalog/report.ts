/** The results of one run: the console table, the Markdown report and the JSON's shape. */
import type { LoadResult } from './load.js';
import type { PgbenchResult } from './pgbench.js';

export interface ScenarioResult {
  name: string;
  description: string;
  /** The (first) request, path and query string. */
  path: string;
  /** How many distinct requests the clients pick from (1 for a listing). */
  requests: number;
  /** Sent with Cache-Control: no-cache: the API's search result cache skipped. */
  fresh: boolean;
  /** The first 50 of them, when there are several. */
  paths?: string[];
  /** Prompts per page, on average over the requests. */
  items: number;
  /** pgbench's SQL returned the same prompts, in the same order, as the API did. */
  sameRows: boolean;
  /** How many requests were checked for sameRows. */
  verified: number;
  /** The pgbench script (of the first request, for a mix): the API's statements, parameters inlined. */
  script: string;
  /** EXPLAIN (costs off) of the main statements, as the role that runs each. */
  plan: string[];
  /** EXPLAIN (ANALYZE, BUFFERS), with --explain. */
  explainAnalyze?: string[];
  api: LoadResult;
  pgbench: Omit<PgbenchResult, 'statements'> & {
    /** Mean milliseconds per statement, by kind (unweighted over a mix's requests). */
    statementsByKind: { kind: string; ms: number }[];
  };
}

export interface Report {
  benchmark: 'catalog';
  startedAt: string;
  finishedAt: string;
  target: { p99Ms: number };
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    os: string;
    loadAverageBefore: number[];
    loadAverageAfter: number[];
    node: string;
    postgres: string;
    pgbench: string;
    sharedBuffers: string;
    workMem: string;
  };
  catalog: {
    prompts: number;
    published: number;
    databaseSize: string;
    generated: boolean;
    seedSeconds?: number;
  };
  settings: {
    concurrency: number;
    durationSeconds: number;
    warmupSeconds: number;
    pgbenchThreads: number;
    api: { NODE_ENV: string; LOG_LEVEL: string; server: string };
  };
  git: { commit: string; dirty: boolean };
  scenarios: ScenarioResult[];
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '–');
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const count = (n: number) => n.toLocaleString('en-US');

const COLUMNS = [
  'scenario',
  'items',
  'distinct',
  'API req/s',
  'API p50',
  'API p90',
  'API p99',
  'API max',
  'errors',
  'pgbench tps',
  'pgbench p50',
  'pgbench p99',
  'search cache',
  `p99 < target`,
] as const;

/** The search result cache's share of answers, as the API's Server-Timing header told. */
function cacheCell(s: ScenarioResult): string {
  if (s.fresh) return 'skipped';
  const cache = s.api.searchCache;
  if (!cache || cache.hits + cache.misses === 0) return '–';
  return `${(cache.hitRate * 100).toFixed(0)}% hits`;
}

function rows(report: Report): string[][] {
  return report.scenarios.map((s) => [
    s.name,
    s.requests > 1 ? s.items.toFixed(1) : String(s.items),
    String(s.requests),
    rate(s.api.throughput),
    ms(s.api.latency.p50),
    ms(s.api.latency.p90),
    ms(s.api.latency.p99),
    ms(s.api.latency.max),
    String(s.api.errors + s.pgbench.failed),
    rate(s.pgbench.tps),
    ms(s.pgbench.latency.p50),
    ms(s.pgbench.latency.p99),
    cacheCell(s),
    s.api.errors === 0 && s.api.latency.p99 < report.target.p99Ms ? 'yes' : 'NO',
  ]);
}

function summaryLine(report: Report) {
  const m = report.machine;
  const c = report.catalog;
  const s = report.settings;
  return (
    `${count(c.prompts)} prompts (${count(c.published)} published, ${c.databaseSize}), ` +
    `${s.concurrency} concurrent clients, ${s.durationSeconds} s per side after ${s.warmupSeconds} s warm-up; ` +
    `${m.cpus} CPUs, Node ${m.node}, ${m.postgres.split(' on ')[0]}, shared_buffers ${m.sharedBuffers}`
  );
}

/** The table on stdout, padded into columns. */
export function printTable(report: Report) {
  const table = [[...COLUMNS], ...rows(report)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  console.log(summaryLine(report));
  console.log('latencies in ms; API = GET /api/prompts over HTTP; pgbench = the same SQL\n');
  console.log(line(table[0]!));
  for (const row of table.slice(1)) console.log(line(row));
  const over = report.scenarios.filter((s) => !(s.api.latency.p99 < report.target.p99Ms));
  console.log(
    over.length === 0
      ? `\nevery scenario's API p99 is under ${report.target.p99Ms} ms`
      : `\nAPI p99 at or over ${report.target.p99Ms} ms: ${over.map((s) => s.name).join(', ')}`,
  );
}

/** The Markdown report kept in bench/results/. */
export function markdownReport(report: Report): string {
  const m = report.machine;
  const table = [
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows(report).map((row) => `| ${row.join(' | ')} |`),
  ];
  const scenarios = report.scenarios.map((s) =>
    [
      `### ${s.name}`,
      '',
      s.requests > 1
        ? `${s.description}: ${count(s.requests)} distinct requests, each client picking one at random each time; ` +
          `${s.items.toFixed(1)} items per page on average; the first: \`GET ${s.path}\`` +
          `${s.sameRows ? ` (${s.verified} checked against the SQL)` : '; **the SQL returned other rows than the API**'}`
        : `${s.description}: \`GET ${s.path}\` (${s.items} items${s.sameRows ? '' : '; **the SQL returned other rows than the API**'})`,
      '',
      `API: ${count(s.api.requests)} requests in ${s.api.seconds.toFixed(1)} s, ${s.api.errors} errors, ` +
        `mean ${ms(s.api.latency.mean)} ms. pgbench: ${count(s.pgbench.transactions)} transactions, ` +
        `${s.pgbench.failed} failed, mean ${ms(s.pgbench.latency.mean)} ms; per statement (ms): ` +
        s.pgbench.statementsByKind.map((st) => `${st.kind} ${st.ms.toFixed(3)}`).join(', '),
      '',
      '<details><summary>pgbench script and plan</summary>',
      '',
      '```sql',
      s.script.trimEnd(),
      '```',
      '',
      '```',
      ...(s.explainAnalyze ?? s.plan),
      '```',
      '',
      '</details>',
      '',
    ].join('\n'),
  );
  return [
    `# Catalog benchmark, ${report.startedAt}`,
    '',
    summaryLine(report),
    '',
    `Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.memoryGb} GB, ${m.os}; load average ` +
      `${m.loadAverageBefore.join(' / ')} before, ${m.loadAverageAfter.join(' / ')} after. ` +
      `${m.pgbench}. API: ${report.settings.api.server} with NODE_ENV=${report.settings.api.NODE_ENV}, LOG_LEVEL=${report.settings.api.LOG_LEVEL}; ` +
      `pgbench with ${report.settings.pgbenchThreads} threads. ` +
      `Commit ${report.git.commit.slice(0, 12)}${report.git.dirty ? ' with uncommitted changes' : ''}.` +
      (report.catalog.seedSeconds ? ` Catalog generated in ${report.catalog.seedSeconds} s.` : ''),
    '',
    `Latencies in milliseconds. "API" is GET /api/prompts over HTTP from ${report.settings.concurrency} ` +
      'closed-loop clients; "pgbench" runs the SQL the API sends for the same requests with as many ' +
      'clients: a listing is one transaction as anon (begin, the role and claims settings, the query, ' +
      "commit); a search is phase 1 on the API's own connection (one call of search_prompt_ids, " +
      'outside any transaction) then phase 2 as anon (the cards of those ids, inlined). Both sides ' +
      'use prepared statements (pgbench -M prepared, the API with DATABASE_PREPARE). ' +
      'A search scenario has many distinct requests; every client, HTTP or pgbench, picks one at ' +
      `random each time. "items" is prompts per page, "distinct" the number of distinct requests. Target: API p99 under ${report.target.p99Ms} ms.`,
    '',
    ...table,
    '',
    ...scenarios,
  ].join('\n');
}
