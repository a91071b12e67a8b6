import { z } from 'zod';
import { sellerCardSchema } from './catalog.js';

// Buyer–seller chat (decision 0020). A message's `body` is the raw Markdown the
// sender wrote: show it as text only. `bodyHtml` is the sanitised rendering
// (no raw HTML, scripts, event handlers, images or javascript: links), the only
// form that may go into a page as HTML.

export const CHAT_MESSAGE_MAX_LENGTH = 4000;
export const CHAT_SUBJECT_MAX_LENGTH = 200;

/** Markdown text of a message: 1–4000 characters after trimming. */
export const chatMessageBodySchema = z
  .string()
  .trim()
  .min(1, 'write a message')
  .max(CHAT_MESSAGE_MAX_LENGTH, `at most ${CHAT_MESSAGE_MAX_LENGTH} characters`);

/** POST /api/chat/threads: start a thread, or reuse the one about the same topic. */
export const startThreadSchema = z
  .strictObject({
    /** The seller to write to; may be left out when the prompt or the order names one. */
    sellerId: z.uuid().optional(),
    /** About one of the seller's prompts (published, or one the buyer holds). */
    promptId: z.uuid().optional(),
    /** About one of the buyer's own orders that has an item of this seller's. */
    orderId: z.uuid().optional(),
    subject: z.string().trim().max(CHAT_SUBJECT_MAX_LENGTH).optional(),
    /** The first message (a custom work request, a question); optional. */
    message: chatMessageBodySchema.optional(),
  })
  .refine((v) => v.sellerId || v.promptId || v.orderId, {
    message: 'name a seller, a prompt or an order',
    path: ['sellerId'],
  });

/** POST /api/chat/threads/:id/messages. */
export const sendMessageSchema = z.strictObject({ body: chatMessageBodySchema });

/** POST /api/chat/threads/:id/read: up to a message (default: the newest one). */
export const markReadSchema = z.strictObject({ messageId: z.uuid().optional() });

export const chatMessageSchema = z.object({
  id: z.uuid(),
  threadId: z.uuid(),
  senderId: z.uuid(),
  /** Raw Markdown as written: render as text, never as HTML. */
  body: z.string(),
  /** Sanitised HTML of the body. */
  bodyHtml: z.string(),
  createdAt: z.string(),
});

export const chatParticipantSchema = sellerCardSchema;

/** A short plain-text preview of the newest message (text, never HTML). */
export const chatMessagePreviewSchema = z.object({
  id: z.uuid(),
  senderId: z.uuid(),
  preview: z.string(),
  createdAt: z.string(),
});

export const chatThreadSchema = z.object({
  id: z.uuid(),
  subject: z.string(),
  buyer: chatParticipantSchema,
  seller: chatParticipantSchema,
  /** Which side the asker is on; `admin` when an admin reads someone else's thread. */
  role: z.enum(['buyer', 'seller', 'admin']),
  prompt: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }).nullable(),
  order: z.object({ id: z.uuid(), receiptNumber: z.string() }).nullable(),
  lastMessage: chatMessagePreviewSchema.nullable(),
  lastMessageAt: z.string().nullable(),
  /** Messages from the other participant after the asker's read marker. */
  unreadCount: z.number().int().nonnegative(),
  /** The time of the newest message each participant has read. */
  buyerReadAt: z.string().nullable(),
  sellerReadAt: z.string().nullable(),
  /** The asker blocked the other participant. */
  blockedByMe: z.boolean(),
  /** The asker may write here (a participant, and neither has blocked the other). */
  canSend: z.boolean(),
  createdAt: z.string(),
});

export const chatThreadListSchema = z.object({
  items: z.array(chatThreadSchema),
  nextCursor: z.string().nullable(),
});

/** Newest first; `nextCursor` reaches older messages. */
export const chatMessageListSchema = z.object({
  items: z.array(chatMessageSchema),
  nextCursor: z.string().nullable(),
});

export const chatReadSchema = z.object({
  threadId: z.uuid(),
  readAt: z.string().nullable(),
  unreadCount: z.number().int().nonnegative(),
});

export const chatUnreadSchema = z.object({
  /** Unread messages over all the asker's threads. */
  total: z.number().int().nonnegative(),
  /** Threads with at least one unread message. */
  threads: z.number().int().nonnegative(),
});

export const chatBlockSchema = z.object({
  user: chatParticipantSchema,
  blockedAt: z.string(),
});
export const chatBlockListSchema = z.object({ items: z.array(chatBlockSchema) });

export const chatMessagesQuerySchema = z.object({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export type StartThread = z.infer<typeof startThreadSchema>;
export type SendMessage = z.infer<typeof sendMessageSchema>;
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ChatThread = z.infer<typeof chatThreadSchema>;
export type ChatThreadList = z.infer<typeof chatThreadListSchema>;
export type ChatMessageList = z.infer<typeof chatMessageListSchema>;
export type ChatRead = z.infer<typeof chatReadSchema>;
export type ChatUnread = z.infer<typeof chatUnreadSchema>;
export type ChatBlock = z.infer<typeof chatBlockSchema>;
