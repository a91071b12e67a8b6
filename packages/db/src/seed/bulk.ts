import { type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Transaction } from '../client.js';

type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** An insert row of a Drizzle table, keyed by the SQL column names. */
export type RowOf<T extends PgTable> = {
  [K in keyof T['$inferInsert'] as SnakeCase<K & string>]: T['$inferInsert'][K];
};

export interface InsertTarget {
  /** Schema-qualified, quoted table name. */
  table: string;
  rows: readonly object[];
}

export function into<T extends PgTable>(table: T, rows: RowOf<T>[]): InsertTarget {
  const config = getTableConfig(table);
  return { table: `"${config.schema ?? 'public'}"."${config.name}"`, rows };
}

/** Rows per statement: large enough to be fast, small enough for modest memory. */
export const BATCH_ROWS = 5000;

function columnsOf(rows: readonly object[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  return [...columns];
}

// One JSON parameter per table instead of one parameter per value: no limit
// of 65,535 parameters, and Postgres parses it about as fast as COPY.
function insertSql(target: InsertTarget, param: SQL): SQL {
  const columns = columnsOf(target.rows)
    .map((c) => `"${c}"`)
    .join(', ');
  return sql.join([
    sql.raw(
      `insert into ${target.table} (${columns}) select ${columns} from json_populate_recordset(null::${target.table}, `,
    ),
    param,
    sql.raw('::text::json)'),
  ]);
}

function statementFor(targets: InsertTarget[]): SQL | null {
  const present = targets.filter((t) => t.rows.length > 0);
  if (present.length === 0) return null;
  const statements = present.map((t) => insertSql(t, sql`${JSON.stringify(t.rows)}`));
  const last = statements.pop()!;
  if (statements.length === 0) return last;
  const ctes = statements.map((s, i) => sql.join([sql.raw(`t${i} as (`), s, sql.raw(')')]));
  return sql.join([sql.raw('with '), sql.join(ctes, sql.raw(', ')), sql.raw(' '), last]);
}

/**
 * Writes rows in multi-row statements on one transaction, keeping a couple
 * of statements in flight: while Postgres inserts one batch, Node builds and
 * sends the next (postgres.js pipelines them on the connection, in order).
 */
export class BulkWriter {
  private readonly inFlight: Promise<unknown>[] = [];

  constructor(
    private readonly tx: Transaction,
    private readonly depth = 2,
  ) {}

  /**
   * Inserts several tables' rows in one statement (data-modifying CTEs), so
   * rows that point at each other both ways (a prompt and its current
   * version) pass their foreign keys, which are checked at the end of the
   * statement.
   */
  async together(targets: InsertTarget[]): Promise<void> {
    const statement = statementFor(targets);
    if (!statement) return;
    // Drizzle's query objects run again on every then(): start this one once.
    const running = (async () => {
      await this.tx.execute(statement);
    })();
    // Awaited in order later; the no-op keeps an early failure from being "unhandled".
    running.catch(() => {});
    this.inFlight.push(running);
    while (this.inFlight.length > this.depth) await this.inFlight.shift();
  }

  /** Inserts rows in batches of `batchRows`. */
  async rows(target: InsertTarget, batchRows = BATCH_ROWS): Promise<void> {
    for (let start = 0; start < target.rows.length; start += batchRows) {
      await this.together([
        { table: target.table, rows: target.rows.slice(start, start + batchRows) },
      ]);
    }
  }

  /**
   * Inserts rows sorted by a group key without splitting a group across
   * statements. Row triggers that recount per prompt (sales, ratings) then
   * see each prompt's final count at once, which matches the counters the
   * prompt rows already carry, so they update nothing.
   */
  async grouped(
    target: InsertTarget,
    groupOf: (row: Record<string, unknown>) => unknown,
    batchRows = BATCH_ROWS,
  ): Promise<void> {
    const rows = target.rows as Record<string, unknown>[];
    let start = 0;
    while (start < rows.length) {
      let end = Math.min(start + batchRows, rows.length);
      while (end < rows.length && groupOf(rows[end]!) === groupOf(rows[end - 1]!)) end++;
      await this.together([{ table: target.table, rows: rows.slice(start, end) }]);
      start = end;
    }
  }

  /** Waits for every statement sent so far; throws the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }
}
