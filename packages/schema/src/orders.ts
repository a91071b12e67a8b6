import { z } from 'zod';
import { promptVariableSchema, sellerCardSchema, targetModelSchema } from './catalog.js';
import { moneySchema } from './money.js';

// Orders, the buyer's library and refunds. Template text appears only in
// GET /api/prompts/:id/content, for entitled buyers, the seller and admins.

export const ORDER_STATUSES = [
  'pending',
  'paid',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
] as const;

/** Header that makes POST /api/orders safe to repeat (a double click, a retry). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const idempotencyKeySchema = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : -');

/** POST /api/orders. */
export const createOrderSchema = z.strictObject({
  promptIds: z.array(z.uuid()).min(1).max(20),
});

export const orderItemSchema = z.object({
  id: z.uuid(),
  prompt: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
  seller: sellerCardSchema.pick({ id: true, displayName: true, username: true }),
  version: z.number().int().positive(),
  status: z.enum(['pending', 'paid', 'refunded', 'failed']),
  price: moneySchema,
  refundedAt: z.string().nullable(),
});

export const orderSchema = z.object({
  id: z.uuid(),
  status: z.enum(ORDER_STATUSES),
  subtotal: moneySchema,
  total: moneySchema,
  refunded: moneySchema,
  items: z.array(orderItemSchema),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
  /** Where to pay while the order is pending; null once paid, or for free orders. */
  checkoutUrl: z.string().nullable(),
  /** A receipt number people can quote (the order id's first block, upper case). */
  receiptNumber: z.string(),
});
export const orderListSchema = z.object({
  items: z.array(orderSchema),
  nextCursor: z.string().nullable(),
});

/** What the buyer owns: one row per prompt, with the versions they may use. */
export const libraryItemSchema = z.object({
  prompt: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    targetModel: targetModelSchema,
    coverUrl: z.string().nullable(),
    status: z.string(),
  }),
  seller: sellerCardSchema,
  source: z.enum(['purchase', 'free', 'grant']),
  grantedAt: z.string(),
  latestVersion: z.number().int().nullable(),
  orderId: z.uuid().nullable(),
});
export const libraryListSchema = z.object({
  items: z.array(libraryItemSchema),
  nextCursor: z.string().nullable(),
});

/** GET /api/prompts/:id/purchase-state. */
export const purchaseStateSchema = z.object({
  promptId: z.uuid(),
  /** owned: entitled; seller: it is theirs; pending: an unpaid order exists; none. */
  state: z.enum(['owned', 'seller', 'pending', 'none']),
  pendingOrderId: z.uuid().nullable(),
  price: moneySchema,
  purchasable: z.boolean(),
  /** Why it cannot be bought, when it cannot. */
  reason: z.string().nullable(),
});

/** GET /api/prompts/:id/content: the product, for those entitled to it. */
export const promptContentVersionSchema = z.object({
  id: z.uuid(),
  version: z.number().int().positive(),
  template: z.string(),
  instructions: z.string(),
  variables: z.array(promptVariableSchema),
  modelParams: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  testedModels: z.array(z.string()),
  changelog: z.string(),
  publishedAt: z.string().nullable(),
});
export const promptContentSchema = z.object({
  promptId: z.uuid(),
  title: z.string(),
  access: z.enum(['buyer', 'seller', 'admin']),
  /** Newest first. */
  versions: z.array(promptContentVersionSchema),
});

export const REFUND_STATUSES = [
  'requested',
  'denied',
  'processing',
  'succeeded',
  'failed',
] as const;

/** POST /api/orders/:id/refund-requests (buyer) and POST /api/admin/orders/:id/refunds (admin). */
export const refundRequestSchema = z.strictObject({
  /** The order items to refund; all paid items when omitted. */
  itemIds: z.array(z.uuid()).min(1).max(20).optional(),
  reason: z.string().trim().min(3).max(1000),
});

export const refundSchema = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  status: z.enum(REFUND_STATUSES),
  amount: moneySchema,
  itemIds: z.array(z.uuid()),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  failureReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const refundListSchema = z.object({ items: z.array(refundSchema) });

/** POST /api/admin/refunds/:id/deny. */
export const denyRefundSchema = z.strictObject({ reason: z.string().trim().min(3).max(1000) });

export type CreateOrder = z.infer<typeof createOrderSchema>;
export type Order = z.infer<typeof orderSchema>;
export type OrderList = z.infer<typeof orderListSchema>;
export type LibraryItem = z.infer<typeof libraryItemSchema>;
export type LibraryList = z.infer<typeof libraryListSchema>;
export type PurchaseState = z.infer<typeof purchaseStateSchema>;
export type PromptContent = z.infer<typeof promptContentSchema>;
export type Refund = z.infer<typeof refundSchema>;
export type RefundRequest = z.infer<typeof refundRequestSchema>;
