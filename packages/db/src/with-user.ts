import { sql } from 'drizzle-orm';
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
 * Runs fn in a transaction as the request's role (`anon` or `authenticated`)
 * with `request.jwt.claims` set, so `auth.uid()` works and RLS applies.
 * Both settings are transaction-local: the pooled connection is clean after.
 */
export async function withUser<T>(
  db: Database,
  claims: JwtClaims,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  if (!REQUEST_ROLES.has(claims.role)) {
    throw new Error(`withUser runs requests as anon or authenticated, not '${claims.role}'`);
  }
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true), set_config('role', ${claims.role}, true)`,
    );
    return fn(tx);
  });
}

/** Claims for a request with no signed-in user. */
export const anonClaims: JwtClaims = { role: 'anon' };
