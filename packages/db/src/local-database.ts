import path from 'node:path';
import { startEmbeddedPostgres } from './embedded.js';
import { repoRoot } from './paths.js';

export interface LocalDatabaseSettings {
  /** DATABASE_URL when set: any Postgres, Supabase included. */
  databaseUrl?: string | undefined;
  /** Where embedded Postgres keeps its data; defaults to .data/postgres. */
  dataDir?: string | undefined;
  /** Embedded Postgres port; defaults to 54322. */
  port?: number | undefined;
  onLog?: (line: string) => void;
}

export interface LocalDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export const DEFAULT_EMBEDDED_PORT = 54322;
export const DEFAULT_DATA_DIR = path.join(repoRoot, '.data/postgres');
const DEV_DATABASE = 'promptnx';

/**
 * The database a developer command should use: DATABASE_URL when given,
 * otherwise embedded Postgres under .data/ with a `promptnx` database.
 */
export async function openLocalDatabase(settings: LocalDatabaseSettings): Promise<LocalDatabase> {
  if (settings.databaseUrl) {
    return { url: settings.databaseUrl, embedded: false, stop: async () => {} };
  }
  const pg = await startEmbeddedPostgres({
    dataDir: settings.dataDir ?? DEFAULT_DATA_DIR,
    port: settings.port ?? DEFAULT_EMBEDDED_PORT,
    ...(settings.onLog ? { onLog: settings.onLog } : {}),
  });
  try {
    const { default: postgres } = await import('postgres');
    const admin = postgres(pg.adminUrl, { max: 1, onnotice: () => {} });
    try {
      const rows = await admin`select 1 from pg_database where datname = ${DEV_DATABASE}`;
      if (rows.length === 0) await admin.unsafe(`create database "${DEV_DATABASE}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  } catch (error) {
    await pg.stop();
    throw error;
  }
  return { url: pg.urlFor(DEV_DATABASE), embedded: true, stop: () => pg.stop() };
}
