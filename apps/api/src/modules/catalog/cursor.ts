import { z } from 'zod';
import { AppError } from '../../lib/errors.js';

/** The deepest offset a search cursor reaches. */
export const MAX_OFFSET = 10_000;

/** Where the next page starts: the last row's sort keys (keyset), or an offset for a search. */
const cursorSchema = z.union([
  z.object({ s: z.literal('offset'), o: z.number().int().min(0).max(MAX_OFFSET) }),
  z.object({
    s: z.string().max(20),
    k: z.array(z.union([z.string(), z.number()])).max(3),
    id: z.uuid(),
  }),
]);
export type Cursor = z.infer<typeof cursorSchema>;

export const encodeCursor = (cursor: Cursor) =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
      { field: 'query.cursor', message: 'is not a cursor this API gave out' },
    ]);
  }
}
