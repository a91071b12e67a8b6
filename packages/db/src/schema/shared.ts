import { sql } from 'drizzle-orm';
import { customType, text, timestamp } from 'drizzle-orm/pg-core';

export { anonRole, authenticatedRole, authUsers } from 'drizzle-orm/supabase';

/** The signed-in user, evaluated once per statement (an initPlan, not per row). */
export const currentUser = sql`(select auth.uid())`;
/** True for an active admin; SECURITY DEFINER, so policies do not recurse through profiles. */
export const isAdmin = sql`(select public.is_admin())`;

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/** ISO 4217 currency in lower case, as Stripe writes it. */
export const currency = () => text().notNull().default('usd');
export const currencyCheck = (column: unknown) => sql`${column} ~ '^[a-z]{3}$'`;

/** A check that a text column holds one of a fixed list of values. */
export function oneOf(column: unknown, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`;
}

export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
/**
 * The id of the transaction that wrote the row (a trigger stamps it): the
 * position of a realtime event, for the resume cursor (decision 0020).
 */
export const xactId = () => xid8().notNull().default(sql`pg_current_xact_id()`);
