import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { orders } from './orders.js';
import { profiles } from './profiles.js';
import { prompts } from './prompts.js';
import { authenticatedRole, createdAt, currentUser, isAdmin, updatedAt, xactId } from './shared.js';

/**
 * A conversation between a buyer and a seller, optionally about a prompt or an
 * order: one per buyer, seller and topic. Read markers are the time of the last
 * message each participant has read. `blocked_by` predates user_blocks
 * (decision 0020) and is no longer set by the API.
 */
export const chatThreads = pgTable(
  'chat_threads',
  {
    id: uuid().primaryKey().defaultRandom(),
    buyerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    sellerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    promptId: uuid().references(() => prompts.id, { onDelete: 'set null' }),
    orderId: uuid().references(() => orders.id, { onDelete: 'set null' }),
    subject: text().notNull().default(''),
    lastMessageAt: timestamp({ withTimezone: true }),
    buyerLastReadAt: timestamp({ withTimezone: true }),
    sellerLastReadAt: timestamp({ withTimezone: true }),
    blockedBy: uuid().references(() => profiles.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('chat_threads_two_people', sql`${t.buyerId} <> ${t.sellerId}`),
    check('chat_threads_subject_length', sql`char_length(${t.subject}) <= 200`),
    check(
      'chat_threads_blocked_by_participant',
      sql`${t.blockedBy} is null or ${t.blockedBy} in (${t.buyerId}, ${t.sellerId})`,
    ),
    unique('chat_threads_topic_key')
      .on(t.buyerId, t.sellerId, t.promptId, t.orderId)
      .nullsNotDistinct(),
    index('chat_threads_buyer_idx').on(t.buyerId, t.lastMessageAt),
    index('chat_threads_seller_idx').on(t.sellerId, t.lastMessageAt),
    index('chat_threads_prompt_id_idx').on(t.promptId),
    index('chat_threads_order_id_idx').on(t.orderId),
    pgPolicy('participants and admins read threads', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.buyerId} = ${currentUser} or ${t.sellerId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('buyers start threads with sellers', {
      for: 'insert',
      to: authenticatedRole,
      // The other side is a seller; a thread may be about that seller's prompt
      // or about the buyer's own order from that seller, nothing else.
      withCheck: sql`${t.buyerId} = ${currentUser} and ${t.blockedBy} is null and ${t.lastMessageAt} is null and not public.chat_blocked_with(${t.sellerId}) and exists (select 1 from public.profiles s where s.id = ${t.sellerId} and s.role in ('seller', 'admin') and s.status = 'active') and (${t.promptId} is null or exists (select 1 from public.prompts p where p.id = ${t.promptId} and p.seller_id = ${t.sellerId})) and (${t.orderId} is null or exists (select 1 from public.orders o join public.order_items i on i.order_id = o.id where o.id = ${t.orderId} and o.buyer_id = ${currentUser} and i.seller_id = ${t.sellerId}))`,
    }),
    pgPolicy('participants update their thread', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.buyerId} = ${currentUser} or ${t.sellerId} = ${currentUser}`,
      withCheck: sql`${t.buyerId} = ${currentUser} or ${t.sellerId} = ${currentUser}`,
    }),
  ],
).enableRLS();

export const chatMessages = pgTable(
  'chat_messages',
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid()
      .notNull()
      .references(() => chatThreads.id, { onDelete: 'cascade' }),
    senderId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    body: text().notNull(),
    createdAt: createdAt(),
    /** The writing transaction: the message's place in the realtime stream. */
    xactId: xactId(),
  },
  (t) => [
    check('chat_messages_body_length', sql`char_length(${t.body}) between 1 and 4000`),
    index('chat_messages_thread_idx').on(t.threadId, t.createdAt, t.id),
    index('chat_messages_sender_id_idx').on(t.senderId),
    index('chat_messages_thread_xact_idx').on(t.threadId, t.xactId),
    pgPolicy('participants and admins read messages', {
      for: 'select',
      to: authenticatedRole,
      using: sql`exists (select 1 from public.chat_threads th where th.id = ${t.threadId})`,
    }),
    pgPolicy('participants write to unblocked threads', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.senderId} = ${currentUser} and exists (select 1 from public.chat_threads th where th.id = ${t.threadId} and ${currentUser} in (th.buyer_id, th.seller_id) and th.blocked_by is null and not public.chat_blocked_with(case when th.buyer_id = ${currentUser} then th.seller_id else th.buyer_id end))`,
    }),
  ],
).enableRLS();

/**
 * Who blocked whom. Blocks are per user, both ways: neither can start a
 * thread with the other or write in one they share until the blocker unblocks.
 * The blocked user cannot read the row (they learn of it when they try to write).
 */
export const userBlocks = pgTable(
  'user_blocks',
  {
    blockerId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    blockedId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    check('user_blocks_not_self', sql`${t.blockerId} <> ${t.blockedId}`),
    index('user_blocks_blocked_id_idx').on(t.blockedId),
    pgPolicy('blockers and admins read blocks', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.blockerId} = ${currentUser} or ${isAdmin}`,
    }),
    pgPolicy('users block others', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.blockerId} = ${currentUser}`,
    }),
    pgPolicy('blockers unblock', {
      for: 'delete',
      to: authenticatedRole,
      using: sql`${t.blockerId} = ${currentUser}`,
    }),
  ],
).enableRLS();

/**
 * Short-lived, single-use tickets that open a realtime WebSocket for a browser
 * whose access token stays on the web server (decision 0020). Only a SHA-256
 * hash is stored. System code only (no policies).
 */
export const realtimeTickets = pgTable(
  'realtime_tickets',
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    /** The auth session the ticket was made in: the socket closes when it ends. */
    sessionId: uuid(),
    /** When the access token it was made from expires: the socket closes then too. */
    tokenExpiresAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('realtime_tickets_hash_format', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    index('realtime_tickets_user_id_idx').on(t.userId),
    index('realtime_tickets_expires_at_idx').on(t.expiresAt),
  ],
).enableRLS();

export type ChatThread = typeof chatThreads.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type UserBlock = typeof userBlocks.$inferSelect;
export type RealtimeTicket = typeof realtimeTickets.$inferSelect;
