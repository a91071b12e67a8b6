/**
 * The SQL behind GET /api/prompts, taken from the API's own code rather than
 * copied: the catalog service runs against the benchmark's database through
 * a wrapper that records every statement Drizzle renders, transaction by
 * transaction, while still running it (a search's second phase needs the
 * ids the first one found). The statements are then written out with their
 * parameters inlined, inside the same transactions the API opens, so pgbench
 * runs exactly what the API runs:
 *
 * - a listing: one transaction as `anon` (withUser);
 * - a search: phase 1 as the connection's owner (the search engine: one
 *   call of `search_prompt_ids`, outside any transaction), then phase 2 as
 *   `anon` (the cards of those ids, inlined), pipelined as the API sends it
 *   (queryAsUser: begin, role, cards and commit in one write).
 */
import { anonClaims, type Database } from '@promptnx/db';
import {
  type CategoryIds,
  createCategoryIds,
  createPostgresSearchEngine,
} from '../../apps/api/src/modules/catalog/postgres-search.js';
import { createCatalogService } from '../../apps/api/src/modules/catalog/service.js';
import {
  createTypoVocabulary,
  type TypoVocabulary,
} from '../../apps/api/src/modules/catalog/typo-vocabulary.js';
import type { Storage } from '../../apps/api/src/modules/storage/local-storage.js';

/** The query string of one GET /api/prompts request, as a client sends it. */
export type ListParams = Partial<
  Record<
    'q' | 'category' | 'model' | 'sort' | 'cursor' | 'limit' | 'free' | 'minPrice' | 'maxPrice',
    string
  >
>;

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

/**
 * Statements sent in one transaction, or (`outside`) one statement sent on its
 * own; `pipelined`: the transaction went out in one write (queryAsUser).
 */
export type CapturedTransaction = CapturedStatement[] & { outside?: true; pipelined?: true };

/** One request's transactions, in the order the service ran them, and the ids it returned. */
export interface CapturedRequest {
  /** A search (phase 1 as the owner, phase 2 as anon) rather than a listing. */
  search: boolean;
  transactions: CapturedTransaction[];
  /** The prompt ids of the page, in order, as the service built it from these statements. */
  ids: string[];
}

type SqlChunk = Parameters<Database['execute']>[0];
/** The part of postgres.js queryAsUser uses. */
interface PostgresClient {
  reserve(): Promise<{ unsafe(text: string, params?: unknown[]): unknown; release(): void }>;
}
type Recorded = { getQuery(): CapturedStatement };

/** A Database that runs everything on `real` and writes down what it sent. */
function recordingDatabase(real: Database, transactions: CapturedTransaction[]): Database {
  const recorder = (target: { execute(query: SqlChunk): unknown }, into: CapturedStatement[]) => ({
    execute(query: SqlChunk) {
      const pending = target.execute(query);
      const { sql, params } = (pending as Recorded).getQuery();
      into.push({ sql, params });
      return pending;
    },
  });
  return {
    transaction: (fn: (tx: unknown) => Promise<unknown>, config?: unknown) =>
      real.transaction((tx) => {
        const statements: CapturedStatement[] = [];
        transactions.push(statements);
        return fn(recorder(tx, statements));
      }, config as never),
    execute(query: SqlChunk) {
      const statements: CapturedTransaction = Object.assign([], { outside: true as const });
      transactions.push(statements);
      return recorder(real, statements).execute(query);
    },
    // queryAsUser: a reserved connection that gets begin, the settings, the query, commit.
    $client: {
      async reserve() {
        const connection = await (real as unknown as { $client: PostgresClient }).$client.reserve();
        const statements: CapturedTransaction = Object.assign([], { pipelined: true as const });
        transactions.push(statements);
        return {
          unsafe(text: string, params?: unknown[]) {
            if (text !== 'begin' && text !== 'commit') {
              statements.push({ sql: text, params: params ?? [] });
            }
            return connection.unsafe(text, params as never);
          },
          release: () => connection.release(),
        };
      },
    },
  } as unknown as Database;
}

const shared = new WeakMap<Database, { vocabulary: TypoVocabulary; categoryIds: CategoryIds }>();
function sharedOf(db: Database) {
  let found = shared.get(db);
  if (!found) {
    found = { vocabulary: createTypoVocabulary(db), categoryIds: createCategoryIds(db) };
    shared.set(db, found);
  }
  return found;
}

// Cards are built from the rows; their file URLs do not matter here.
const storage = { signedUrl: () => 'bench://file' } as unknown as Storage;

/**
 * The statements the catalog service sends for one request made without a
 * token (role anon), grouped by transaction. Runs them on `db` as it goes.
 */
export async function captureRequest(db: Database, params: ListParams): Promise<CapturedRequest> {
  const transactions: CapturedTransaction[] = [];
  // A service of its own, so every statement is really sent; only what the
  // API keeps in memory (the catalog's words for typos, the category ids) is
  // shared, loaded once as the API does.
  const recording = recordingDatabase(db, transactions);
  const memory = sharedOf(db);
  await memory.vocabulary.correct(''); // loaded, as in an API that has served a typo before
  const engine = createPostgresSearchEngine(recording, memory);
  const service = createCatalogService(recording, storage, { engine, searchCache: false });
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  // What routes.ts hands the service after promptListQuerySchema parsed the query.
  const page = await service.listPrompts(anonClaims, {
    q: params.q?.trim() || undefined,
    category: params.category,
    model: params.model as never,
    minPrice: number(params.minPrice),
    maxPrice: number(params.maxPrice),
    free: params.free === undefined ? undefined : params.free === 'true' || params.free === '1',
    sort: params.sort as never,
    cursor: params.cursor,
    limit: Number(params.limit ?? 24),
    sellerId: undefined,
  });
  return {
    search: Boolean(params.q?.trim()),
    transactions,
    ids: page.items.map((item) => item.id),
  };
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

/** What each line of a script is, for reading pgbench's per-statement report. */
export type CommandKind =
  | 'meta'
  | 'begin'
  | 'commit'
  | 'ids (phase 1)'
  | 'role (phase 2)'
  | 'cards (phase 2)'
  | 'role'
  | 'listing';

export interface Script {
  text: string;
  /** One entry per pgbench command, in script order. */
  kinds: CommandKind[];
  /** pgbench's weight for this script (-f file@weight). */
  weight: number;
}

const setsRole = (statement: string) => statement.includes("set_config('role'");

function kindOf(statement: string, phase: 1 | 2 | 'listing'): CommandKind {
  if (setsRole(statement)) return phase === 2 ? 'role (phase 2)' : 'role';
  if (phase === 'listing') return 'listing';
  if (phase === 2) return 'cards (phase 2)';
  return 'ids (phase 1)';
}

/** Which phase a captured transaction is: a search's phase 2 is the one that sets the role. */
export function phaseOf(request: CapturedRequest, statements: CapturedStatement[]) {
  if (!request.search) return 'listing' as const;
  return statements.some((s) => setsRole(s.sql)) ? (2 as const) : (1 as const);
}

/**
 * The transactions of one request as postgres.js sends them: begin, the
 * statements, commit; a statement sent outside any transaction alone.
 */
function requestLines(request: CapturedRequest): { lines: string[]; kinds: CommandKind[] } {
  const lines: string[] = [];
  const kinds: CommandKind[] = [];
  request.transactions.forEach((statements) => {
    const phase = phaseOf(request, statements);
    if (statements.pipelined) {
      lines.push('\\startpipeline');
      kinds.push('meta');
    }
    if (!statements.outside) {
      lines.push('begin;');
      kinds.push('begin');
    }
    for (const statement of statements) {
      const text = inline(statement);
      lines.push(text);
      kinds.push(kindOf(text, phase));
    }
    if (!statements.outside) {
      lines.push('commit;');
      kinds.push('commit');
    }
    if (statements.pipelined) {
      lines.push('\\endpipeline');
      kinds.push('meta');
    }
  });
  return { lines, kinds };
}

/** How many requests one pgbench script holds at most (pgbench takes up to 128 scripts). */
const PER_SCRIPT = 50;

/**
 * pgbench scripts for a set of requests. Each transaction runs one request
 * picked at random, uniformly, as the HTTP clients pick theirs: pgbench picks
 * a script by weight (its number of requests), the script one of its own
 * through an \if chain (kept short: pgbench walks past every skipped line).
 */
export function transactionScripts(requests: CapturedRequest[]): Script[] {
  if (requests.length === 1) {
    const { lines, kinds } = requestLines(requests[0]!);
    return [{ text: [...lines, ''].join('\n'), kinds, weight: 1 }];
  }
  const scripts: Script[] = [];
  const count = Math.ceil(requests.length / PER_SCRIPT);
  for (let s = 0; s < count; s++) {
    const chunk = requests.slice(
      Math.floor((s * requests.length) / count),
      Math.floor(((s + 1) * requests.length) / count),
    );
    const lines = [`\\set n random(0, ${chunk.length - 1})`];
    const kinds: CommandKind[] = ['meta'];
    chunk.forEach((request, i) => {
      lines.push(`${i === 0 ? '\\if' : '\\elif'} :n = ${i}`);
      kinds.push('meta');
      const block = requestLines(request);
      lines.push(...block.lines);
      kinds.push(...block.kinds);
    });
    lines.push('\\endif', '');
    kinds.push('meta');
    scripts.push({ text: lines.join('\n'), kinds, weight: chunk.length });
  }
  return scripts;
}

/** The script of one request alone, to show in the report. */
export const requestScript = (request: CapturedRequest) =>
  [...requestLines(request).lines, ''].join('\n');
