import PgBoss from 'pg-boss';
import type { Logger } from './logger.js';

export const BOSS_SCHEMA = 'pgboss';

export interface StartBossOptions {
  databaseUrl: string;
  logger: Logger;
  /** Size of pg-boss's own connection pool (separate from the app's). */
  max?: number;
}

/**
 * Starts pg-boss on the application database, in its own `pgboss` schema,
 * which it creates or migrates on start.
 */
export async function startBoss(options: StartBossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    schema: BOSS_SCHEMA,
    application_name: 'promptnx-worker-boss',
    max: options.max ?? 5,
  });
  // Without a listener an 'error' event would crash the process; pg-boss emits
  // them for failed polls and maintenance, which it retries by itself.
  boss.on('error', (error) => options.logger.error({ err: error }, 'pg-boss error'));
  try {
    await boss.start();
  } catch (error) {
    await closeBossPool(boss);
    throw error;
  }
  return boss;
}

// boss.stop() is a no-op until start() has finished, so a failed start would
// leave pg-boss's pool open and keep the process alive.
async function closeBossPool(boss: PgBoss): Promise<void> {
  const db = boss.getDb() as { opened?: boolean; close?: () => Promise<void> };
  if (db.opened && db.close) await db.close().catch(() => {});
}
