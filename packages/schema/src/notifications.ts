import { z } from 'zod';

// In-app notifications, e-mail preferences and the one-click unsubscribe
// (docs/decisions/0021-notifications.md).

/** The same list as the notifications table's check (a test in the API compares them). */
export const NOTIFICATION_TYPES = [
  'message',
  'sale',
  'purchase',
  'review',
  'review_reply',
  'payout',
  'moderation',
  'system',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const notificationTypeSchema = z.enum(NOTIFICATION_TYPES);

/** Types whose e-mail a user may turn off (a purchase's e-mail is its receipt). */
export const CONFIGURABLE_EMAIL_TYPES = [
  'message',
  'sale',
  'review',
  'review_reply',
  'payout',
  'moderation',
  'system',
] as const satisfies readonly NotificationType[];
export type ConfigurableEmailType = (typeof CONFIGURABLE_EMAIL_TYPES)[number];

export const notificationSchema = z.object({
  id: z.uuid(),
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  /** Ids of what it is about (orderId, promptId, slug, threadId, payoutId, …). */
  data: z.record(z.string(), z.unknown()),
  /** Where on the storefront it leads (a path such as /account/orders/…), or null. */
  path: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationListSchema = z.object({
  items: z.array(notificationSchema),
  nextCursor: z.string().nullable(),
});

const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** GET /api/notifications query. */
export const notificationListQuerySchema = z.strictObject({
  /** Only the unread ones. */
  unread: booleanParam.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
  cursor: z.string().max(500).optional(),
});

/** GET /api/notifications/unread-count. */
export const unreadCountSchema = z.object({ count: z.number().int().min(0) });

/** POST /api/notifications/read-all. */
export const readAllResultSchema = z.object({ updated: z.number().int().min(0) });

export const notificationPreferenceSchema = z.object({
  type: notificationTypeSchema,
  /** Always true: every notification shows in the app. */
  inApp: z.literal(true),
  email: z.boolean(),
  /** False for a type whose e-mail always goes (a purchase's receipt). */
  emailConfigurable: z.boolean(),
  /** What `email` is when the user has not chosen. */
  emailDefault: z.boolean(),
});
export const notificationPreferencesSchema = z.object({
  items: z.array(notificationPreferenceSchema),
});

/**
 * PUT /api/me/notification-preferences: e-mail on or off per type; types
 * left out keep their setting. Any other key is refused, naming it.
 */
export const updateNotificationPreferencesSchema = z.strictObject({
  email: z.strictObject(
    Object.fromEntries(CONFIGURABLE_EMAIL_TYPES.map((type) => [type, z.boolean().optional()])) as {
      [K in ConfigurableEmailType]: z.ZodOptional<z.ZodBoolean>;
    },
  ),
});

/** The token of a one-click unsubscribe link: what the e-mail carries. */
export const unsubscribeTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,64}$/, 'is not an unsubscribe token');

/** GET|POST /api/unsubscribe?token=…; a POST may carry the token in a JSON body instead. */
export const unsubscribeQuerySchema = z.object({ token: unsubscribeTokenSchema.optional() });
export const unsubscribeBodySchema = z
  .object({
    token: unsubscribeTokenSchema.optional(),
    /** RFC 8058: mail clients post `List-Unsubscribe=One-Click`. */
    'List-Unsubscribe': z.string().max(100).optional(),
  })
  .nullish();

/** What an unsubscribe token is for, and whether that e-mail is on now. */
export const unsubscribeStateSchema = z.object({
  type: notificationTypeSchema,
  email: z.boolean(),
});

export type Notification = z.infer<typeof notificationSchema>;
export type NotificationList = z.infer<typeof notificationListSchema>;
/** What a client asks GET /api/notifications for. */
export interface NotificationListQuery {
  unread?: boolean;
  limit?: number;
  cursor?: string;
}
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;
export type UnsubscribeState = z.infer<typeof unsubscribeStateSchema>;
