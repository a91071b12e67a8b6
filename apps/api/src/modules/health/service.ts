import type { DbClient } from '@promptnx/db';

type Sql = DbClient['sql'];

/** Runs `select 1` with a deadline, so /ready answers even when Postgres hangs. */
export async function checkDatabase(sql: Sql, timeoutMs = 2000) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      sql`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { ok: false, error };
  } finally {
    clearTimeout(timer);
  }
}
