import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database, Transaction } from './client.js';

/** Claims as Supabase puts them in an access token; `role` picks the database role. */
export interface JwtClaims {
  sub?: string;
  role: 'anon' | 'authenticated';
  email?: string;
  aud?: string | string[];
  [claim: string]: unknown;
}

const REQUEST_ROLES = new Set(['anon', 'authenticated']);

/**
 * The statement that makes a transaction the request's: its claims (for
 * `auth.uid()`) and its role (for RLS), both transaction-local, so the pooled
 * connection is clean after. Refuses roles other than anon and authenticated.
 */
function requestSettings(claims: JwtClaims, caller: string): SQL {
  if (!REQUEST_ROLES.has(claims.role)) {
    throw new Error(`${caller} runs requests as anon or authenticated, not '${claims.role}'`);
  }
  return sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${claims.role}, true)`;
}

/**
 * Runs fn in a transaction as the request's role (`anon` or `authenticated`)
 * with `request.jwt.claims` set, so `auth.uid()` works and RLS applies.
 * Both settings are transaction-local: the pooled connection is clean after.
 */
export async function withUser<T>(
  db: Database,
  claims: JwtClaims,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const settings = requestSettings(claims, 'withUser');
  return db.transaction(async (tx) => {
    await tx.execute(settings);
    return fn(tx);
  });
}

const dialect = new PgDialect({ casing: 'snake_case' });

/**
 * One read as the request's role, like `withUser(db, claims, tx => tx.execute(query))`,
 * in one round trip instead of four: begin, the claims and role, the query and
 * commit go out together on one reserved connection, and Postgres runs them in
 * that order. An error anywhere aborts the transaction, so nothing after it
 * runs, as anyone; commit then rolls back, and the connection goes back to
 * the pool clean either way. For the hottest reads (a search's cards).
 */
export async function queryAsUser<T extends Record<string, unknown>>(
  db: Database,
  claims: JwtClaims,
  query: SQL,
): Promise<T[]> {
  const settings = dialect.sqlToQuery(requestSettings(claims, 'queryAsUser'));
  const { sql: text, params } = dialect.sqlToQuery(query);
  const connection = await (db as unknown as { $client: postgres.Sql }).$client.reserve();
  try {
    const steps = [
      connection.unsafe('begin'),
      connection.unsafe(settings.sql, settings.params as postgres.ParameterOrJSON<never>[]),
      connection.unsafe(text, params as postgres.ParameterOrJSON<never>[]),
      connection.unsafe('commit'),
    ];
    // Started in order, synchronously: postgres.js sends them in this order,
    // in one write.
    for (const step of steps) step.execute();
    const results = await Promise.allSettled(steps);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return [...((results[2] as PromiseFulfilledResult<unknown>).value as T[])];
  } finally {
    connection.release();
  }
}

/** Claims for a request with no signed-in user. */
export const anonClaims: JwtClaims = { role: 'anon' };
