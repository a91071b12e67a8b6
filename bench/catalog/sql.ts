/**
 * The SQL behind GET /api/prompts, taken from the API's own code rather than
 * copied: the catalog service runs against a stand-in database that records
 * each statement Drizzle renders instead of sending it. The statements are
 * then written out with their parameters inlined, inside the same
 * transaction the API opens, so pgbench runs exactly what the API runs.
 */
import { anonClaims, createDb, type Database } from '@promptnx/db';
import { createCatalogService } from '../../apps/api/src/modules/catalog/service.js';
import type { Storage } from '../../apps/api/src/modules/storage/local-storage.js';

/** The query string of one GET /api/prompts request, as a client sends it. */
export type ListParams = Partial<
  Record<'q' | 'category' | 'model' | 'sort' | 'cursor' | 'limit', string>
>;

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

type SqlChunk = Parameters<Database['execute']>[0];

/**
 * The statements the catalog service sends for one listing request made
 * without a token (role anon), in order, inside one transaction.
 */
export async function captureListStatements(params: ListParams): Promise<CapturedStatement[]> {
  // Renders SQL only: postgres.js connects on the first query, which never comes.
  const renderer = createDb('postgres://capture@127.0.0.1:1/capture', { max: 1 });
  const statements: CapturedStatement[] = [];
  const tx = {
    execute(query: SqlChunk) {
      const { sql, params } = renderer.db.execute(query).getQuery();
      statements.push({ sql, params });
      return Promise.resolve([]);
    },
  };
  const database = {
    transaction: (fn: (t: typeof tx) => Promise<unknown>) => fn(tx),
  } as unknown as Database;
  const storage = {} as Storage; // cards are only built from rows, and there are none
  try {
    // What routes.ts hands the service after promptListQuerySchema parsed the query.
    await createCatalogService(database, storage).listPrompts(anonClaims, {
      q: params.q?.trim() || undefined,
      category: params.category,
      model: params.model,
      sort: params.sort as never,
      cursor: params.cursor,
      limit: Number(params.limit ?? 24),
      sellerId: undefined,
    });
  } finally {
    await renderer.close();
  }
  return statements;
}

/** A value as an SQL literal (standard_conforming_strings is on in every supported Postgres). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** One statement with its $n parameters written in as literals. */
export function inline(statement: CapturedStatement): string {
  const text = statement.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= statement.params.length) throw new Error(`no parameter $${n}`);
    return literal(statement.params[index]);
  });
  // One statement per line block; pgbench ends a command at its semicolon.
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .join('\n')};`;
}

/** The transaction as postgres.js sends it for withUser: begin, the statements, commit. */
export function transactionScript(statements: CapturedStatement[]): string {
  return ['begin;', ...statements.map(inline), 'commit;', ''].join('\n');
}
