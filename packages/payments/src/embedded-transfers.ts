import { randomBytes } from 'node:crypto';
import { type Database, embeddedTransfers } from '@promptnx/db';
import { eq } from 'drizzle-orm';
import type { TransferInput, TransferResult, TransfersProvider } from './transfers.js';

/**
 * Embedded mode: a transfer is a row in `embedded_transfers`, one per
 * idempotency key (like Stripe: the same key gives the first transfer back),
 * so payouts can be tried end to end with no Stripe account and a developer
 * can see what was "sent".
 */
export function createEmbeddedTransfers(db: Database): TransfersProvider {
  const find = async (key: string): Promise<TransferResult | null> => {
    const [row] = await db
      .select({ id: embeddedTransfers.id })
      .from(embeddedTransfers)
      .where(eq(embeddedTransfers.idempotencyKey, key));
    return row ?? null;
  };
  return {
    mode: 'embedded',
    async createTransfer(input: TransferInput) {
      const [created] = await db
        .insert(embeddedTransfers)
        .values({
          id: `tr_local_${randomBytes(12).toString('hex')}`,
          idempotencyKey: input.idempotencyKey,
          payoutId: input.payoutId,
          sellerId: input.sellerId,
          destination: input.destination,
          amount: input.amount,
          currency: input.currency,
        })
        .onConflictDoNothing({ target: embeddedTransfers.idempotencyKey })
        .returning({ id: embeddedTransfers.id });
      const transfer = created ?? (await find(input.idempotencyKey));
      if (!transfer) throw new Error(`no embedded transfer for ${input.idempotencyKey}`);
      return transfer;
    },
    findTransfer: (input: TransferInput) => find(input.idempotencyKey),
  };
}
