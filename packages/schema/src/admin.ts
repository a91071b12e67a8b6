import { z } from 'zod';
import { editorPromptSchema, moderationFlagSchema, PROMPT_STATUSES } from './editor.js';
import { errorCodeSchema } from './errors.js';
import { moneySchema } from './money.js';
import { PROFILE_ROLES } from './profiles.js';

// The admin API: user search and suspension, the moderation queues of reviews
// and prompts with their context, decisions, bulk actions and the audit log
// (docs/decisions/0019-moderation.md). Admins only; template text appears in
// the prompt item view, never in a queue.

const profileStatus = z.enum(['active', 'suspended']);
const reviewStatus = z.enum(['pending', 'published', 'rejected', 'hidden']);
const reviewReportReason = z.enum(['spam', 'offensive', 'off_topic', 'fake', 'other']);
const promptReportReason = z.enum([
  'spam',
  'offensive',
  'misleading',
  'copyright',
  'illegal',
  'other',
]);
const reportStatus = z.enum(['open', 'resolved', 'dismissed']);

/** A day (`2026-11-22`, the whole day) or an instant with its offset. */
const dateParam = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const page = {
  /** From the previous page's nextCursor. */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

/** Why an admin decided as they did; the affected user reads it. */
export const moderationReasonSchema = z
  .string()
  .trim()
  .min(3, 'say why in at least 3 characters')
  .max(1000);

/** Body of a decision that needs a reason (reject, hide, suspend, reinstate). */
export const adminReasonSchema = z.strictObject({ reason: moderationReasonSchema });
/** Body of a decision where a reason is optional (approve, restore, report decisions). */
export const adminOptionalReasonSchema = z.strictObject({
  reason: moderationReasonSchema.optional(),
});

// ── Users ──────────────────────────────────────────────────────────────────

export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(PROFILE_ROLES),
  status: profileStatus,
  createdAt: z.string(),
});

export const adminUserListSchema = z.object({ items: z.array(adminUserSchema) });
export const adminUserQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: z.enum(PROFILE_ROLES).optional(),
  status: profileStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** Someone in a queue item: enough to recognise them and see whether they are suspended. */
export const adminPersonSchema = z.object({
  id: z.uuid(),
  displayName: z.string(),
  username: z.string().nullable(),
  status: profileStatus,
});

/** A user's record, as a moderator weighs a decision about their review, prompt or account. */
export const adminUserHistorySchema = z.object({
  userId: z.uuid(),
  role: z.enum(PROFILE_ROLES),
  status: profileStatus,
  suspendedReason: z.string().nullable(),
  accountCreatedAt: z.string(),
  accountAgeDays: z.number().int().nonnegative(),
  /** Reviews they wrote, by status. */
  reviews: z.object({
    written: z.number().int(),
    published: z.number().int(),
    pending: z.number().int(),
    rejected: z.number().int(),
    hidden: z.number().int(),
  }),
  /** Reports by others against their reviews and their prompts. */
  reportsAgainst: z.object({ total: z.number().int(), open: z.number().int() }),
  /** Reports they filed. */
  reportsFiled: z.number().int(),
  /** Paid orders as a buyer. */
  orders: z.number().int(),
  /** Refunds of their orders (as buyer) and of their sales (as seller), any status. */
  refunds: z.object({ asBuyer: z.number().int(), asSeller: z.number().int() }),
  /** Paid order items of their prompts. */
  sales: z.number().int(),
  prompts: z.object({
    total: z.number().int(),
    published: z.number().int(),
    hidden: z.number().int(),
  }),
});

// ── Audit log ──────────────────────────────────────────────────────────────

export const auditEntrySchema = z.object({
  id: z.number().int(),
  actor: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      username: z.string().nullable(),
      email: z.string().nullable(),
    })
    .nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export const auditLogSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
const auditWord = /^[a-z_]+(\.[a-z_]+)*$/;
export const auditLogQuerySchema = z.object({
  actorId: z.uuid().optional(),
  entityType: z.string().regex(auditWord, 'lower-case words joined by dots').max(60).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** An action (`review.hidden`), or every action under a prefix (`review.*`). */
  action: z
    .string()
    .regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'an action like review.hidden, or review.*')
    .max(80)
    .optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  ...page,
});

export const adminUserDetailSchema = adminUserSchema.extend({
  suspendedReason: z.string().nullable(),
  suspendedAt: z.string().nullable(),
  /** The seller side's own status (payments), when they have one. */
  sellerStatus: z.string().nullable(),
  history: adminUserHistorySchema,
  /** Newest decisions about this account first. */
  audit: z.array(auditEntrySchema),
});

// ── Reports ────────────────────────────────────────────────────────────────

export const reportSummarySchema = z.object({
  open: z.number().int(),
  total: z.number().int(),
  /** The reasons of the open reports. */
  reasons: z.array(z.string()),
  lastReportedAt: z.string().nullable(),
});

export const adminReportSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['review', 'prompt']),
  /** The reported review or prompt. */
  targetId: z.uuid(),
  reason: z.string(),
  details: z.string(),
  status: reportStatus,
  reporter: adminPersonSchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});

// ── Reviews ────────────────────────────────────────────────────────────────

export const ADMIN_REVIEW_QUEUES = ['pending', 'reported', 'all'] as const;

export const adminReviewQueueQuerySchema = z.object({
  /** pending: waiting to be published; reported: with open reports; all: every review. */
  queue: z.enum(ADMIN_REVIEW_QUEUES).default('pending'),
  status: reviewStatus.optional(),
  reason: reviewReportReason.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  sellerId: z.uuid().optional(),
  buyerId: z.uuid().optional(),
  /** Words of the review, the prompt's title or either person's name. */
  q: z.string().trim().max(100).optional(),
  ...page,
});

export const adminReviewItemSchema = z.object({
  id: z.uuid(),
  status: reviewStatus,
  rating: z.number().int().min(1).max(5),
  /** Markdown as written. */
  body: z.string(),
  /** The same, through the sanitizer. */
  bodyHtml: z.string(),
  modelUsed: z.string().nullable(),
  moderationReason: z.string().nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  /** When it entered this queue (submitted or edited; first open report). */
  queuedAt: z.string(),
  prompt: z.object({ id: z.uuid(), slug: z.string(), title: z.string(), status: z.string() }),
  buyer: adminPersonSchema,
  seller: adminPersonSchema,
  reports: reportSummarySchema,
});
export const adminReviewListSchema = z.object({
  items: z.array(adminReviewItemSchema),
  nextCursor: z.string().nullable(),
});

export const adminReviewDetailSchema = adminReviewItemSchema.extend({
  sellerReply: z.string().nullable(),
  /** What the buyer bought: the order item, the entitlement and the version. */
  purchase: z.object({
    orderId: z.uuid().nullable(),
    orderItemId: z.uuid().nullable(),
    orderStatus: z.string().nullable(),
    itemStatus: z.string().nullable(),
    price: moneySchema.nullable(),
    paidAt: z.string().nullable(),
    entitlement: z
      .object({
        source: z.string(),
        status: z.string(),
        grantedAt: z.string(),
      })
      .nullable(),
    versionBought: z.number().int().nullable(),
    currentVersion: z.number().int().nullable(),
  }),
  buyerHistory: adminUserHistorySchema,
  sellerHistory: adminUserHistorySchema,
  reportList: z.array(adminReportSchema),
  /** Earlier texts of the review, newest first. */
  revisions: z.array(
    z.object({
      rating: z.number().int(),
      body: z.string(),
      status: z.string(),
      writtenAt: z.string(),
      replacedAt: z.string(),
    }),
  ),
  audit: z.array(auditEntrySchema),
});

export const REVIEW_BULK_ACTIONS = [
  'approve',
  'reject',
  'hide',
  'restore',
  'dismiss_reports',
] as const;
export const PROMPT_BULK_ACTIONS = [
  'approve',
  'reject',
  'hide',
  'restore',
  'dismiss_reports',
] as const;
/** Bulk actions that need a reason. */
const needsReason = new Set(['reject', 'hide']);

function bulkSchema<A extends readonly [string, ...string[]]>(actions: A) {
  return z
    .strictObject({
      action: z.enum(actions),
      ids: z.array(z.uuid()).min(1).max(100),
      reason: moderationReasonSchema.optional(),
    })
    .superRefine((value, context) => {
      if (needsReason.has(value.action) && !value.reason) {
        context.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `a reason is required to ${value.action}`,
        });
      }
    });
}

export const adminReviewBulkSchema = bulkSchema(REVIEW_BULK_ACTIONS);
export const adminPromptBulkSchema = bulkSchema(PROMPT_BULK_ACTIONS);

/** One item of a bulk action: each is decided in its own transaction. */
export const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      /** The item's status after the action, when it worked. */
      status: z.string().nullable(),
      error: z.object({ code: errorCodeSchema, detail: z.string() }).nullable(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});

// ── Prompts ────────────────────────────────────────────────────────────────

export const ADMIN_PROMPT_QUEUES = ['pending', 'reported', 'hidden', 'all'] as const;

export const adminPromptQueueQuerySchema = z.object({
  /** pending: versions waiting for review; reported: open reports; hidden: taken out of the catalog. */
  queue: z.enum(ADMIN_PROMPT_QUEUES).default('pending'),
  status: z.enum(PROMPT_STATUSES).optional(),
  reason: promptReportReason.optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  sellerId: z.uuid().optional(),
  /** Words of the title or the seller's name. */
  q: z.string().trim().max(100).optional(),
  ...page,
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /api/admin/prompts: one prompt of a queue (never its template). */
export const adminPromptQueueItemSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(PROMPT_STATUSES),
  /** Why it is hidden, while it is. */
  hiddenCause: z.enum(['moderation', 'seller_suspended']).nullable(),
  price: moneySchema,
  seller: adminPersonSchema,
  pendingVersions: z.array(z.number().int()),
  flags: z.array(moderationFlagSchema),
  reports: reportSummarySchema,
  /** When its newest version was submitted (pending queue); null when none waits. */
  submittedAt: z.string().nullable(),
  queuedAt: z.string(),
});
export const adminPromptQueueSchema = z.object({
  items: z.array(adminPromptQueueItemSchema),
  nextCursor: z.string().nullable(),
});

/** A near-duplicate flag with the prompt it resembles, and that prompt's template. */
export const adminPromptFlagSchema = z.object({
  id: z.uuid(),
  kind: z.literal('near_duplicate'),
  versionId: z.uuid(),
  version: z.number().int(),
  similarity: z.number(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  similarPrompt: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.string(),
    status: z.string(),
    seller: z.object({ id: z.uuid(), displayName: z.string() }),
    /** The template of its current version (admins are entitled to every prompt). */
    template: z.string().nullable(),
  }),
});

/** GET /api/admin/prompts/:id: the item view, templates included (admins only). */
export const adminPromptDetailSchema = z.object({
  prompt: editorPromptSchema,
  hiddenCause: z.enum(['moderation', 'seller_suspended']).nullable(),
  hiddenAt: z.string().nullable(),
  seller: adminPersonSchema,
  sellerHistory: adminUserHistorySchema,
  flags: z.array(adminPromptFlagSchema),
  reports: reportSummarySchema,
  reportList: z.array(adminReportSchema),
  audit: z.array(auditEntrySchema),
});

// ── Overview ───────────────────────────────────────────────────────────────

/** GET /api/admin/overview: how much waits in each queue. */
export const adminOverviewSchema = z.object({
  reviews: z.object({ pending: z.number().int(), reported: z.number().int() }),
  prompts: z.object({
    pending: z.number().int(),
    reported: z.number().int(),
    hidden: z.number().int(),
  }),
  refunds: z.object({ requested: z.number().int() }),
  users: z.object({ suspended: z.number().int() }),
});

/** A query as a caller writes it: `limit` is a number (the schema also coerces URL text). */
type QueryInput<S extends z.ZodType> = Omit<z.input<S>, 'limit'> & { limit?: number };

export type AdminUser = z.infer<typeof adminUserSchema>;
export type AdminUserQuery = QueryInput<typeof adminUserQuerySchema>;
export type AdminPerson = z.infer<typeof adminPersonSchema>;
export type AdminUserHistory = z.infer<typeof adminUserHistorySchema>;
export type AdminUserDetail = z.infer<typeof adminUserDetailSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditLog = z.infer<typeof auditLogSchema>;
export type AuditLogQuery = QueryInput<typeof auditLogQuerySchema>;
export type AdminReport = z.infer<typeof adminReportSchema>;
export type AdminReviewQueueQuery = QueryInput<typeof adminReviewQueueQuerySchema>;
export type AdminReviewItem = z.infer<typeof adminReviewItemSchema>;
export type AdminReviewList = z.infer<typeof adminReviewListSchema>;
export type AdminReviewDetail = z.infer<typeof adminReviewDetailSchema>;
export type AdminReviewBulk = z.input<typeof adminReviewBulkSchema>;
export type AdminPromptBulk = z.input<typeof adminPromptBulkSchema>;
export type BulkResult = z.infer<typeof bulkResultSchema>;
export type AdminPromptQueueQuery = QueryInput<typeof adminPromptQueueQuerySchema>;
export type AdminPromptQueueItem = z.infer<typeof adminPromptQueueItemSchema>;
export type AdminPromptQueue = z.infer<typeof adminPromptQueueSchema>;
export type AdminPromptFlag = z.infer<typeof adminPromptFlagSchema>;
export type AdminPromptDetail = z.infer<typeof adminPromptDetailSchema>;
export type AdminOverview = z.infer<typeof adminOverviewSchema>;
export type ReviewBulkAction = (typeof REVIEW_BULK_ACTIONS)[number];
export type PromptBulkAction = (typeof PROMPT_BULK_ACTIONS)[number];
