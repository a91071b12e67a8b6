import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { profiles } from './profiles.js';
import { prompts, promptVersions } from './prompts.js';
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

// Money tables are written only by system code (webhooks, worker); request
// roles may read what concerns them and nothing else.

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
] as const;

export const orders = pgTable(
  'orders',
  {
    id: uuid().primaryKey().defaultRandom(),
    buyerId: uuid()
      .notNull()
      .references(() => profiles.id),
    status: text({ enum: ORDER_STATUSES }).notNull().default('pending'),
    currency: currency(),
    subtotalAmount: integer().notNull(),
    platformFeeAmount: integer().notNull(),
    totalAmount: integer().notNull(),
    refundedAmount: integer().notNull().default(0),
    /** Idempotency-Key of the request that created the order. */
    idempotencyKey: text(),
    stripeCheckoutSessionId: text().unique(),
    stripePaymentIntentId: text().unique(),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('orders_buyer_idempotency_key').on(t.buyerId, t.idempotencyKey),
    check('orders_status_valid', oneOf(t.status, ORDER_STATUSES)),
    check('orders_currency_format', currencyCheck(t.currency)),
    check(
      'orders_amounts_non_negative',
      sql`${t.subtotalAmount} >= 0 and ${t.platformFeeAmount} >= 0 and ${t.totalAmount} >= 0 and ${t.refundedAmount} >= 0`,
    ),
    check('orders_fee_within_subtotal', sql`${t.platformFeeAmount} <= ${t.subtotalAmount}`),
    check('orders_refund_within_total', sql`${t.refundedAmount} <= ${t.totalAmount}`),
    index('orders_buyer_id_idx').on(t.buyerId, t.createdAt),
    index('orders_status_idx').on(t.status, t.createdAt),
    pgPolicy('buyers and admins read orders', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.buyerId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export const ORDER_ITEM_STATUSES = ['pending', 'paid', 'refunded', 'failed'] as const;

/** A prompt in an order, with the price and fee split snapshotted at checkout. */
export const orderItems = pgTable(
  'order_items',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id),
    versionId: uuid()
      .notNull()
      .references(() => promptVersions.id),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id),
    status: text({ enum: ORDER_ITEM_STATUSES }).notNull().default('pending'),
    currency: currency(),
    priceAmount: integer().notNull(),
    platformFeeAmount: integer().notNull(),
    sellerEarningsAmount: integer().notNull(),
    refundedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('order_items_order_prompt_key').on(t.orderId, t.promptId),
    check('order_items_status_valid', oneOf(t.status, ORDER_ITEM_STATUSES)),
    check('order_items_currency_format', currencyCheck(t.currency)),
    check(
      'order_items_amounts_non_negative',
      sql`${t.priceAmount} >= 0 and ${t.platformFeeAmount} >= 0 and ${t.sellerEarningsAmount} >= 0`,
    ),
    check(
      'order_items_split_adds_up',
      sql`${t.platformFeeAmount} + ${t.sellerEarningsAmount} = ${t.priceAmount}`,
    ),
    index('order_items_prompt_id_idx').on(t.promptId),
    index('order_items_seller_id_idx').on(t.sellerId, t.createdAt),
    index('order_items_version_id_idx').on(t.versionId),
    pgPolicy('buyers, sellers and admins read order items', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.sellerId} = ${currentUser} or ${isAdmin} or exists (select 1 from public.orders o where o.id = ${t.orderId} and o.buyer_id = ${currentUser})`,
    }),
  ],
).enableRLS();

export const ENTITLEMENT_SOURCES = ['purchase', 'free', 'grant'] as const;
export const ENTITLEMENT_STATUSES = ['active', 'revoked'] as const;

/** The right to read a prompt's templates; one per buyer per prompt. */
export const entitlements = pgTable(
  'entitlements',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    promptId: uuid()
      .notNull()
      .references(() => prompts.id, { onDelete: 'cascade' }),
    orderItemId: uuid().references(() => orderItems.id),
    source: text({ enum: ENTITLEMENT_SOURCES }).notNull(),
    status: text({ enum: ENTITLEMENT_STATUSES }).notNull().default('active'),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('entitlements_user_prompt_key').on(t.userId, t.promptId),
    check('entitlements_source_valid', oneOf(t.source, ENTITLEMENT_SOURCES)),
    check('entitlements_status_valid', oneOf(t.status, ENTITLEMENT_STATUSES)),
    check(
      'entitlements_purchase_has_item',
      sql`${t.source} <> 'purchase' or ${t.orderItemId} is not null`,
    ),
    index('entitlements_prompt_id_idx').on(t.promptId),
    index('entitlements_order_item_id_idx').on(t.orderItemId),
    pgPolicy('owners, sellers and admins read entitlements', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin} or (select public.is_prompt_seller(${t.promptId}))`,
    }),
  ],
).enableRLS();

/** Every Stripe event received; the event id as primary key makes handling idempotent. */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    livemode: boolean().notNull().default(false),
    payload: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    error: text(),
  },
  (t) => [
    check('stripe_events_id_format', sql`${t.id} ~ '^evt_[A-Za-z0-9_]+$'`),
    index('stripe_events_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
    pgPolicy('admins read stripe events', {
      for: 'select',
      to: authenticatedRole,
      using: isAdmin,
    }),
  ],
).enableRLS();

export const REFUND_STATUSES = [
  'requested',
  'denied',
  'processing',
  'succeeded',
  'failed',
] as const;
export const REFUND_KINDS = ['buyer_request', 'admin'] as const;

/**
 * A refund of some or all of an order's paid items: asked for by the buyer
 * (an admin decides) or made by an admin. `processing` means the provider's
 * refund is being made with the row id as its idempotency key; the items,
 * entitlements and ledger change only once it succeeded. System writes only.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    kind: text({ enum: REFUND_KINDS }).notNull(),
    requestedBy: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    status: text({ enum: REFUND_STATUSES }).notNull(),
    itemIds: uuid().array().notNull(),
    amount: integer().notNull(),
    currency: currency(),
    reason: text().notNull(),
    decidedBy: uuid().references(() => profiles.id, { onDelete: 'set null' }),
    decisionReason: text(),
    decidedAt: timestamp({ withTimezone: true }),
    stripeRefundId: text().unique(),
    failureReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('refunds_status_valid', oneOf(t.status, REFUND_STATUSES)),
    check('refunds_kind_valid', oneOf(t.kind, REFUND_KINDS)),
    check('refunds_amount_non_negative', sql`${t.amount} >= 0`),
    check('refunds_items_present', sql`cardinality(${t.itemIds}) between 1 and 20`),
    check('refunds_reason_length', sql`char_length(${t.reason}) between 1 and 1000`),
    check('refunds_currency_format', currencyCheck(t.currency)),
    index('refunds_order_id_idx').on(t.orderId, t.createdAt),
    index('refunds_open_idx')
      .on(t.createdAt)
      .where(sql`${t.status} in ('requested', 'processing')`),
    pgPolicy('buyers and admins read refunds', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${isAdmin} or exists (select 1 from public.orders o where o.id = ${t.orderId} and o.buyer_id = ${currentUser})`,
    }),
  ],
).enableRLS();

export const CHECKOUT_SESSION_STATUSES = ['open', 'complete', 'expired'] as const;

/**
 * Embedded mode's stand-in for Stripe Checkout sessions: what the local test
 * checkout page pays, so reconciliation can ask "was this paid?" the way it
 * asks Stripe. Never used in production. System only.
 */
export const embeddedCheckoutSessions = pgTable(
  'embedded_checkout_sessions',
  {
    id: text().primaryKey(),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id, { onDelete: 'cascade' }),
    amount: integer().notNull(),
    currency: currency(),
    status: text({ enum: CHECKOUT_SESSION_STATUSES }).notNull().default('open'),
    paymentIntentId: text().unique(),
    successUrl: text().notNull(),
    cancelUrl: text().notNull(),
    customerEmail: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check('embedded_checkout_sessions_id_format', sql`${t.id} ~ '^cs_test_[A-Za-z0-9]+$'`),
    check('embedded_checkout_sessions_status_valid', oneOf(t.status, CHECKOUT_SESSION_STATUSES)),
  ],
).enableRLS();

export type Order = typeof orders.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
export type EmbeddedCheckoutSession = typeof embeddedCheckoutSessions.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type Entitlement = typeof entitlements.$inferSelect;
