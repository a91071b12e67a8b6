import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { migrationsFolder } from './paths.js';

/** Applies every pending migration in supabase/migrations; safe to run again. */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder, migrationsSchema: 'drizzle' });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
