import { z } from 'zod';
import { chatMessageSchema } from './chat.js';

// GET /api/realtime: one WebSocket per tab for chat messages, read markers and
// in-app notifications (decision 0020).
//
// Connecting: offer two subprotocols, REALTIME_PROTOCOL first and then the
// credential, `bearer.<access token>` or `ticket.<ticket>` (a single-use
// ticket from POST /api/realtime/tickets, for browsers whose token stays on the
// web server). The server answers with REALTIME_PROTOCOL. `?since=<cursor>`
// resumes after the last event seen: everything for the user after it
// (messages and notifications) is sent again before `ready`.

export const REALTIME_PATH = '/api/realtime';
export const REALTIME_PROTOCOL = 'promptnx-realtime.v1';
export const REALTIME_BEARER_PREFIX = 'bearer.';
export const REALTIME_TICKET_PREFIX = 'ticket.';

/** Close codes the server uses, and what a client does about each. */
export const REALTIME_CLOSE = {
  /** The server is going down or lost its database listener: reconnect with the cursor. */
  RESTART: 1012,
  /** The credential expired or the session ended: get a new one, then reconnect. */
  UNAUTHENTICATED: 4401,
  /** The cursor belongs to someone else: reconnect without it. */
  FORBIDDEN: 4403,
  /** The cursor is not one this server gave out: reconnect without it. */
  BAD_CURSOR: 4400,
  /** The client read too slowly and fell behind: reconnect with the cursor. */
  TOO_SLOW: 4408,
  /** Too many sockets for this user on this server. */
  TOO_MANY: 4429,
} as const;

/** POST /api/realtime/tickets. */
export const realtimeTicketSchema = z.object({
  /** Single use, valid for `expiresAt`; send it as the `ticket.<ticket>` subprotocol. */
  ticket: z.string(),
  expiresAt: z.string(),
  /** The WebSocket URL as this API knows itself (API_PUBLIC_URL). */
  url: z.string(),
});

/** A notification as the realtime stream carries it (the bell's row). */
export const realtimeNotificationSchema = z.object({
  id: z.uuid(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

const cursor = z.string().max(4000);

export const realtimeServerEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    cursor,
    /** The cursor was too far behind to replay: reload from the REST API. */
    reset: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('message'),
    threadId: z.uuid(),
    message: chatMessageSchema,
    /** Where to resume after this event (absent on replayed events: `ready` carries it). */
    cursor: cursor.optional(),
  }),
  z.object({
    type: z.literal('read'),
    threadId: z.uuid(),
    userId: z.uuid(),
    readAt: z.string(),
  }),
  z.object({
    type: z.literal('notification'),
    notification: realtimeNotificationSchema,
    cursor: cursor.optional(),
  }),
  z.object({ type: z.literal('subscribed'), threadId: z.uuid() }),
  z.object({ type: z.literal('unsubscribed'), threadId: z.uuid() }),
  z.object({ type: z.literal('pong') }),
  z.object({
    type: z.literal('error'),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    threadId: z.uuid().optional(),
  }),
]);

export const realtimeClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping') }),
  /**
   * Participants get their threads' events anyway: subscribing checks access
   * (403 for anyone else). Admins may watch any thread, for moderation.
   */
  z.strictObject({ type: z.literal('subscribe'), threadId: z.uuid() }),
  z.strictObject({ type: z.literal('unsubscribe'), threadId: z.uuid() }),
]);

export type RealtimeTicket = z.infer<typeof realtimeTicketSchema>;
export type RealtimeNotification = z.infer<typeof realtimeNotificationSchema>;
export type RealtimeServerEvent = z.infer<typeof realtimeServerEventSchema>;
export type RealtimeClientMessage = z.infer<typeof realtimeClientMessageSchema>;
