import type { BulkResult } from '@promptnx/schema';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../lib/errors.js';

/**
 * Runs one decision per id, one after another, each in its own transaction
 * (the decision's): an item that fails (409, 404) leaves the others done,
 * and says why in its own result. An id given twice is decided once.
 */
export async function runBulk(
  log: FastifyBaseLogger,
  ids: string[],
  decide: (id: string) => Promise<string>,
): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const status = await decide(id);
      results.push({ id, ok: true, status, error: null });
    } catch (error) {
      if (error instanceof AppError) {
        results.push({
          id,
          ok: false,
          status: null,
          error: { code: error.code, detail: error.message },
        });
      } else {
        log.error({ err: error, id }, 'bulk moderation item failed');
        results.push({
          id,
          ok: false,
          status: null,
          error: { code: 'INTERNAL', detail: 'this item could not be decided; try it again' },
        });
      }
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}
