import { sql } from 'drizzle-orm';
import { check, index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';
import { profiles } from './profiles.js';
import { prompts } from './prompts.js';
import { authenticatedRole, createdAt, currentUser, isAdmin, updatedAt } from './shared.js';

/** A conversation between a buyer and a seller, optionally about a prompt or an order. */
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
      withCheck: sql`${t.buyerId} = ${currentUser} and ${t.blockedBy} is null and ${t.lastMessageAt} is null and exists (select 1 from public.profiles s where s.id = ${t.sellerId} and s.role in ('seller', 'admin') and s.status = 'active') and (${t.promptId} is null or exists (select 1 from public.prompts p where p.id = ${t.promptId} and p.seller_id = ${t.sellerId})) and (${t.orderId} is null or exists (select 1 from public.orders o join public.order_items i on i.order_id = o.id where o.id = ${t.orderId} and o.buyer_id = ${currentUser} and i.seller_id = ${t.sellerId}))`,
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
  },
  (t) => [
    check('chat_messages_body_length', sql`char_length(${t.body}) between 1 and 4000`),
    index('chat_messages_thread_idx').on(t.threadId, t.createdAt, t.id),
    index('chat_messages_sender_id_idx').on(t.senderId),
    pgPolicy('participants and admins read messages', {
      for: 'select',
      to: authenticatedRole,
      using: sql`exists (select 1 from public.chat_threads th where th.id = ${t.threadId})`,
    }),
    pgPolicy('participants write to unblocked threads', {
      for: 'insert',
      to: authenticatedRole,
      withCheck: sql`${t.senderId} = ${currentUser} and exists (select 1 from public.chat_threads th where th.id = ${t.threadId} and ${currentUser} in (th.buyer_id, th.seller_id) and th.blocked_by is null)`,
    }),
  ],
).enableRLS();

export type ChatThread = typeof chatThreads.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
