import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
/** A transaction handle; queries accept either this or a Database. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Transaction;

export interface DbClient {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Pool size; defaults to 10. */
  max?: number;
  /** Name reported to Postgres in pg_stat_activity. */
  applicationName?: string;
  /**
   * Sends Drizzle's queries that have parameters as named prepared
   * statements, so Postgres can reuse their plans (decision 0022). Off by
   * default; off too behind a pooler in transaction mode that does not keep
   * prepared statements.
   */
  prepare?: boolean;
}

type Unsafe = postgres.Sql['unsafe'];

/**
 * The postgres.js client as Drizzle sees it, with `prepare: true` on every
 * query that has parameters (Drizzle asks for unnamed statements), inside
 * transactions, savepoints and reserved connections too. A query without parameters keeps the
 * simple protocol (it may hold several statements). postgres.js keeps one
 * statement per query text on each connection and re-prepares one that a
 * migration made stale.
 */
function preparing<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        return ((query: string, params?: unknown[], options?: object) =>
          (value as Unsafe).call(
            target,
            query,
            params as never,
            params && params.length > 0 ? { ...options, prepare: true } : options,
          )) as Unsafe;
      }
      if (property === 'reserve') {
        return async (...args: unknown[]) =>
          preparing(
            (await (value as (...a: unknown[]) => Promise<object>).call(target, ...args)) as object,
          );
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: object) => unknown;
          return (value as (...a: unknown[]) => unknown).call(target, ...args, (tx: object) =>
            fn(preparing(tx)),
          );
        };
      }
      return value;
    },
  });
}

/** Creates a Drizzle client over a postgres.js pool. */
export function createDb(url: string, options: CreateDbOptions = {}): DbClient {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'promptnx' },
  });
  const db = drizzle(options.prepare ? preparing(sql) : sql, { schema, casing: 'snake_case' });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
