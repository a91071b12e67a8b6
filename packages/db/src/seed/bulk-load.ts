import { sql } from 'drizzle-orm';
import type { Transaction } from '../client.js';

// For big catalogs the seed loads the way pg_restore does: rows first, then
// the full-text/trigram indexes and the foreign keys. Checking a foreign key
// once over a whole table is much cheaper than once per inserted row, and a
// GIN index is built far faster than it is grown. Everything happens inside
// the seed's transaction, so a failure rolls the drops back too, and the
// definitions come from the catalog itself (pg_get_constraintdef /
// pg_get_indexdef), so what is restored is exactly what was there.

const LOADED_TABLES = [
  'prompts',
  'prompt_versions',
  'prompt_templates',
  'prompt_assets',
  'favorites',
  'orders',
  'order_items',
  'entitlements',
  'ledger_entries',
  'payouts',
  'reviews',
  'review_reports',
  'chat_threads',
  'chat_messages',
  'notifications',
  'audit_logs',
] as const;

const tableList = sql.raw(LOADED_TABLES.map((t) => `'${t}'`).join(', '));

interface Definition {
  [key: string]: unknown;
  target: string;
  name: string;
  def: string;
}

/**
 * Drops the foreign keys and GIN indexes of the tables the seed fills;
 * returns the function that puts them back (validating every key).
 */
export async function deferKeysAndSearchIndexes(tx: Transaction): Promise<() => Promise<void>> {
  const keys = await tx.execute<Definition>(sql`
    select format('%I.%I', n.nspname, c.relname) as target, quote_ident(k.conname) as name,
           pg_get_constraintdef(k.oid) as def
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.relname in (${tableList})
    order by 1, 2`);
  const indexes = await tx.execute<Definition>(sql`
    select format('%I.%I', n.nspname, c.relname) as target, format('%I.%I', n.nspname, ic.relname) as name,
           pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_am am on am.oid = ic.relam
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    where am.amname = 'gin' and n.nspname = 'public' and c.relname in (${tableList})
    order by 1, 2`);

  for (const key of keys) {
    await tx.execute(sql.raw(`alter table ${key.target} drop constraint ${key.name}`));
  }
  for (const index of indexes) await tx.execute(sql.raw(`drop index ${index.name}`));

  return async () => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    for (const index of indexes) await tx.execute(sql.raw(index.def));
    for (const key of keys) {
      await tx.execute(sql.raw(`alter table ${key.target} add constraint ${key.name} ${key.def}`));
    }
  };
}
