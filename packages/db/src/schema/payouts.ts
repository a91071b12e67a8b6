import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { orderItems } from './orders.js';
import { profiles } from './profiles.js';
import {
  authenticatedRole,
  createdAt,
  currency,
  currencyCheck,
  currentUser,
  isAdmin,
  oneOf,
  updatedAt,
} from './shared.js';

export const PAYOUT_STATUSES = ['pending', 'processing', 'paid', 'failed', 'canceled'] as const;

export const payouts = pgTable(
  'payouts',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id),
    amount: integer().notNull(),
    currency: currency(),
    status: text({ enum: PAYOUT_STATUSES }).notNull().default('pending'),
    /** Sent to Stripe with the transfer, so a retry never pays twice. */
    idempotencyKey: text().notNull().unique(),
    stripeTransferId: text().unique(),
    /** Stripe's reason when the payout failed for good (the money went back to the balance). */
    failureReason: text(),
    /** Transfer attempts so far; a `processing` payout is retried with the same key. */
    attempts: integer().notNull().default(0),
    /**
     * While `processing`: not tried again before this (a lease while a run is
     * calling the provider, then the backoff after a retryable error).
     */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** The last retryable error, while the payout is still being retried. */
    lastError: text(),
    scheduledFor: timestamp({ withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('payouts_amount_positive', sql`${t.amount} > 0`),
    check('payouts_currency_format', currencyCheck(t.currency)),
    check('payouts_status_valid', oneOf(t.status, PAYOUT_STATUSES)),
    check('payouts_attempts_non_negative', sql`${t.attempts} >= 0`),
    index('payouts_seller_id_idx').on(t.sellerId, t.createdAt),
    index('payouts_status_idx').on(t.status, t.scheduledFor),
    pgPolicy('sellers and admins read payouts', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export const LEDGER_KINDS = ['sale', 'refund', 'payout', 'payout_reversal', 'adjustment'] as const;
export const LEDGER_DIRECTIONS = ['credit', 'debit'] as const;

/**
 * Seller earnings as an append-only ledger: sale credits (available after the
 * hold period), refund and payout debits. Every balance is a sum over it.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id),
    kind: text({ enum: LEDGER_KINDS }).notNull(),
    direction: text({ enum: LEDGER_DIRECTIONS }).notNull(),
    amount: integer().notNull(),
    currency: currency(),
    orderItemId: uuid().references(() => orderItems.id),
    payoutId: uuid().references(() => payouts.id),
    /** When a sale credit may be paid out (end of the hold period). */
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    memo: text().notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    // One sale credit and one refund debit per order item; one debit per payout.
    unique('ledger_entries_order_item_kind_key').on(t.orderItemId, t.kind),
    unique('ledger_entries_payout_kind_key').on(t.payoutId, t.kind),
    check('ledger_entries_amount_positive', sql`${t.amount} > 0`),
    check('ledger_entries_currency_format', currencyCheck(t.currency)),
    check('ledger_entries_kind_valid', oneOf(t.kind, LEDGER_KINDS)),
    check('ledger_entries_direction_valid', oneOf(t.direction, LEDGER_DIRECTIONS)),
    check(
      'ledger_entries_kind_direction',
      sql`(${t.kind} in ('sale', 'payout_reversal') and ${t.direction} = 'credit') or (${t.kind} in ('refund', 'payout') and ${t.direction} = 'debit') or ${t.kind} = 'adjustment'`,
    ),
    check(
      'ledger_entries_references',
      sql`(${t.kind} not in ('sale', 'refund') or ${t.orderItemId} is not null) and (${t.kind} not in ('payout', 'payout_reversal') or ${t.payoutId} is not null)`,
    ),
    index('ledger_entries_seller_id_idx').on(t.sellerId, t.availableAt),
    index('ledger_entries_payout_id_idx').on(t.payoutId),
    pgPolicy('sellers and admins read ledger entries', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

/**
 * Embedded mode's stand-in for Stripe transfers: what the local payments
 * adapter "sent", one row per idempotency key, so a developer can see the
 * payouts a run made. Never used in production. System writes only.
 */
export const embeddedTransfers = pgTable(
  'embedded_transfers',
  {
    id: text().primaryKey(),
    /** The payout's idempotency key: a retry finds the first transfer. */
    idempotencyKey: text().notNull().unique(),
    payoutId: uuid()
      .notNull()
      .references(() => payouts.id),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id),
    /** The connected account the money went to. */
    destination: text().notNull(),
    amount: integer().notNull(),
    currency: currency(),
    createdAt: createdAt(),
  },
  (t) => [
    check('embedded_transfers_id_format', sql`${t.id} ~ '^tr_local_[A-Za-z0-9]+$'`),
    check('embedded_transfers_amount_positive', sql`${t.amount} > 0`),
    check('embedded_transfers_currency_format', currencyCheck(t.currency)),
    index('embedded_transfers_payout_id_idx').on(t.payoutId),
    index('embedded_transfers_seller_id_idx').on(t.sellerId, t.createdAt),
    pgPolicy('sellers and admins read embedded transfers', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export type Payout = typeof payouts.$inferSelect;
export type EmbeddedTransfer = typeof embeddedTransfers.$inferSelect;
export type LedgerEntry = typeof ledgerEntries.$inferSelect;
