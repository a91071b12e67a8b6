import { type Database, type DbOrTx, withUser } from '@promptnx/db';
import { receiptNumber } from '@promptnx/payments';
import type {
  ChatBlock,
  ChatMessage,
  ChatMessageList,
  ChatRead,
  ChatThread,
  ChatThreadList,
  ChatUnread,
  StartThread,
} from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { consumeUsage, type UsageLimit } from '../../lib/usage-limits.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { decodeCursor, encodeCursor } from '../catalog/cursor.js';
import type { Storage } from '../storage/local-storage.js';
import {
  blockedEitherWay,
  findThread,
  listMessages,
  type MessageRow,
  messageColumns,
  type ThreadRow,
  threadParticipants,
  threadsQuery,
} from './queries.js';

/** Per-user allowances (usage_counters): a chat is a conversation, not a megaphone. */
export interface ChatLimits {
  messages: UsageLimit;
  threads: UsageLimit;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = {
  messages: { bucket: 'chat.messages', max: 30, windowSeconds: 60 },
  threads: { bucket: 'chat.threads', max: 10, windowSeconds: 3600 },
};

const THREADS_PER_PAGE = 20;
const AVATAR_URL_TTL = 24 * 3600;
/** Postgres timestamptz text, as cursors carry it (microseconds kept). */
const PG_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);
const preview = (body: string) => {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
};

/** A message as the API and the realtime stream send it: raw body plus its safe HTML. */
export function toChatMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    threadId: row.thread_id,
    senderId: row.sender_id,
    body: row.body,
    bodyHtml: renderMarkdown(row.body),
    createdAt: iso(row.created_at)!,
  };
}

function cursorOf(s: 'chat-threads' | 'chat-messages', t: string, id: string) {
  return encodeCursor({ s, k: [t], id });
}

function readCursor(s: 'chat-threads' | 'chat-messages', text: string) {
  const cursor = decodeCursor(text);
  const t = cursor && 'k' in cursor && cursor.s === s ? cursor.k[0] : undefined;
  if (cursor && 'k' in cursor && typeof t === 'string' && PG_TIME.test(t)) {
    return { t, id: cursor.id };
  }
  throw new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
    { field: 'query.cursor', message: 'is not a cursor this API gave out' },
  ]);
}

const blocked = (detail: string) => new AppError('CHAT_BLOCKED', detail);

export interface ChatServiceDeps {
  db: Database;
  storage: Storage;
  limits?: ChatLimits;
}

/**
 * Buyer–seller chat. Every check is made here first (404 for a thread that does
 * not exist, 403 for one the asker is not in), then reads and writes run as the
 * user, so RLS checks them again. Blocks are per user (decision 0020).
 */
export function createChatService({ db, storage, limits = DEFAULT_CHAT_LIMITS }: ChatServiceDeps) {
  const avatar = (path: string | null) => (path ? storage.signedUrl(path, AVATAR_URL_TTL) : null);

  function toThread(row: ThreadRow, me: Account): ChatThread {
    const role = row.buyer_id === me.id ? 'buyer' : row.seller_id === me.id ? 'seller' : 'admin';
    return {
      id: row.id,
      subject: row.subject,
      buyer: {
        id: row.buyer_id,
        username: row.buyer_username,
        displayName: row.buyer_name,
        avatarUrl: avatar(row.buyer_avatar),
      },
      seller: {
        id: row.seller_id,
        username: row.seller_username,
        displayName: row.seller_name,
        avatarUrl: avatar(row.seller_avatar),
      },
      role,
      prompt:
        row.prompt_id && row.prompt_slug && row.prompt_title
          ? { id: row.prompt_id, slug: row.prompt_slug, title: row.prompt_title }
          : null,
      order: row.order_id ? { id: row.order_id, receiptNumber: receiptNumber(row.order_id) } : null,
      lastMessage:
        row.last_id && row.last_sender_id && row.last_created_at
          ? {
              id: row.last_id,
              senderId: row.last_sender_id,
              preview: preview(row.last_body ?? ''),
              createdAt: iso(row.last_created_at)!,
            }
          : null,
      lastMessageAt: iso(row.last_message_at),
      unreadCount: row.unread,
      buyerReadAt: iso(row.buyer_read_at),
      sellerReadAt: iso(row.seller_read_at),
      blockedByMe: row.blocked_by_me,
      canSend: role !== 'admin' && !row.blocked_either,
      createdAt: iso(row.created_at)!,
    };
  }

  /**
   * The API's own wall: 404 when the thread does not exist, 403 when the asker
   * is not in it (admins may read, for moderation, but never write).
   */
  async function access(account: Account, threadId: string, mode: 'read' | 'write') {
    const thread = await threadParticipants(db, threadId);
    if (!thread) throw notFound(`thread ${threadId}`);
    const participant = account.id === thread.buyer_id || account.id === thread.seller_id;
    if (!participant && !(mode === 'read' && account.role === 'admin')) {
      throw new AppError('FORBIDDEN', 'only the two people in this conversation can see it');
    }
    const other = account.id === thread.buyer_id ? thread.seller_id : thread.buyer_id;
    return { ...thread, participant, other };
  }

  async function readThread(account: Account, threadId: string) {
    const row = await withUser(db, accountClaims(account), (tx) =>
      findThread(tx, account.id, threadId),
    );
    if (!row)
      throw new AppError('FORBIDDEN', 'only the two people in this conversation can see it');
    return toThread(row, account);
  }

  async function assertNotBlocked(me: string, other: string) {
    const { byFirst, bySecond } = await blockedEitherWay(db, me, other);
    if (byFirst) {
      throw blocked('you blocked this person; unblock them to write to them again');
    }
    if (bySecond) throw blocked('this person does not accept messages from you');
  }

  /**
   * Writes a message as the sender (RLS checks it again), and in the same
   * transaction, as system code, the recipient's in-app notification: one unread
   * `message` notification per thread at a time, so a burst rings the bell once.
   * Concurrent sends to a thread queue on its row (the message trigger updates it),
   * so the second one sees the first one's notification.
   */
  async function insertMessage(
    account: Account,
    threadId: string,
    recipientId: string,
    body: string,
  ) {
    await consumeUsage(db, account.id, limits.messages);
    const row = await withUser(db, accountClaims(account), async (tx) => {
      const [message] = await tx.execute<MessageRow>(sql`
        insert into public.chat_messages as m (thread_id, sender_id, body)
        values (${threadId}, ${account.id}, ${body})
        returning ${messageColumns}`);
      await tx.execute(sql`reset role`);
      await tx.execute(sql`
        insert into public.notifications (user_id, type, title, body, data)
        select ${recipientId}, 'message', left('New message from ' || p.display_name, 200),
               ${preview(body)}, jsonb_build_object('threadId', ${threadId}::text)
        from public.profiles p
        where p.id = ${account.id}
          and not exists (
            select 1 from public.notifications n
            where n.user_id = ${recipientId} and n.type = 'message' and n.read_at is null
              and n.data ->> 'threadId' = ${threadId}::text)`);
      return message;
    });
    return toChatMessage(row!);
  }

  /** Who the thread is with, and about what, from what the buyer asked for. */
  async function resolveTopic(account: Account, input: StartThread) {
    let sellerId = input.sellerId;
    let subject = input.subject ?? '';
    const field = (name: string, message: string) =>
      new AppError('VALIDATION_FAILED', `invalid ${name}`, [{ field: name, message }]);
    if (input.promptId) {
      // Only a prompt the buyer may see: published, or one they hold.
      const [prompt] = await db.execute<{ seller_id: string; title: string; visible: boolean }>(sql`
        select p.seller_id, p.title,
               (p.status = 'published' or exists (
                 select 1 from public.entitlements e
                 where e.prompt_id = p.id and e.user_id = ${account.id} and e.status = 'active')
               ) as visible
        from public.prompts p where p.id = ${input.promptId}`);
      if (!prompt?.visible) throw field('promptId', 'is not a prompt you can see');
      if (sellerId && sellerId !== prompt.seller_id) {
        throw field('sellerId', 'is not the seller of this prompt');
      }
      sellerId = prompt.seller_id;
      subject ||= `About “${prompt.title}”`;
    }
    if (input.orderId) {
      const sellers = await db.execute<{ seller_id: string }>(sql`
        select distinct i.seller_id from public.orders o
        join public.order_items i on i.order_id = o.id
        where o.id = ${input.orderId} and o.buyer_id = ${account.id}`);
      if (sellers.length === 0) throw field('orderId', 'is not one of your orders');
      if (!sellerId) {
        if (sellers.length > 1) {
          throw field('sellerId', 'this order has prompts of several sellers: name one');
        }
        sellerId = sellers[0]!.seller_id;
      } else if (!sellers.some((s) => s.seller_id === sellerId)) {
        throw field(
          input.sellerId ? 'sellerId' : 'orderId',
          'this order has no prompt of this seller',
        );
      }
      subject ||= `Order ${receiptNumber(input.orderId)}`;
    }
    if (!sellerId) throw field('sellerId', 'name a seller, a prompt or an order');
    if (sellerId === account.id) throw field('sellerId', 'is you; write to someone else');
    const [seller] = await db.execute<{ ok: boolean; name: string }>(sql`
      select (role in ('seller', 'admin') and status = 'active') as ok, display_name as name
      from public.profiles where id = ${sellerId}`);
    if (!seller?.ok) throw field('sellerId', 'is not a seller you can write to');
    subject ||= `Conversation with ${seller.name}`;
    return { sellerId, subject: subject.slice(0, 200) };
  }

  return {
    /**
     * Starts a thread with a seller, optionally about a prompt or an order, or
     * reuses the one about the same topic; an optional first message is sent.
     */
    async start(account: Account, input: StartThread) {
      const { sellerId, subject } = await resolveTopic(account, input);
      await assertNotBlocked(account.id, sellerId);
      const promptId = input.promptId ?? null;
      const orderId = input.orderId ?? null;
      const existing = async () => {
        const [row] = await db.execute<{ id: string }>(sql`
          select id from public.chat_threads
          where buyer_id = ${account.id} and seller_id = ${sellerId}
            and prompt_id is not distinct from ${promptId}::uuid
            and order_id is not distinct from ${orderId}::uuid`);
        return row?.id;
      };
      let threadId = await existing();
      let created = false;
      if (!threadId) {
        await consumeUsage(db, account.id, limits.threads);
        // A concurrent start of the same topic waits on the key and then finds it.
        const [row] = await withUser(db, accountClaims(account), (tx) =>
          tx.execute<{ id: string }>(sql`
            insert into public.chat_threads (buyer_id, seller_id, prompt_id, order_id, subject)
            values (${account.id}, ${sellerId}, ${promptId}, ${orderId}, ${subject})
            on conflict on constraint chat_threads_topic_key do nothing
            returning id`),
        );
        created = row !== undefined;
        threadId = row?.id ?? (await existing());
        if (!threadId) throw new Error('thread neither inserted nor found');
      }
      if (input.message) await insertMessage(account, threadId, sellerId, input.message);
      return { created, thread: await readThread(account, threadId) };
    },

    /** The asker's threads, most recent activity first (empty threads others started are left out). */
    async list(account: Account, cursor: string | undefined): Promise<ChatThreadList> {
      const after = cursor ? readCursor('chat-threads', cursor) : undefined;
      const me = account.id;
      const rows = await withUser(db, accountClaims(account), (tx) =>
        tx.execute<ThreadRow>(
          threadsQuery(
            me,
            sql`(t.buyer_id = ${me} or (t.seller_id = ${me} and t.last_message_at is not null))
              ${
                after
                  ? sql`and (coalesce(t.last_message_at, t.created_at), t.id) < (${after.t}::timestamptz, ${after.id}::uuid)`
                  : sql``
              }`,
            sql`order by coalesce(t.last_message_at, t.created_at) desc, t.id desc
                limit ${THREADS_PER_PAGE + 1}`,
          ),
        ),
      );
      const page = rows.slice(0, THREADS_PER_PAGE);
      const last = page.at(-1);
      return {
        items: page.map((row) => toThread(row, account)),
        nextCursor:
          rows.length > THREADS_PER_PAGE && last
            ? cursorOf('chat-threads', last.activity_at, last.id)
            : null,
      };
    },

    /** Throws 404 or 403 unless the asker may read the thread (the realtime hub's subscribe check). */
    async assertCanRead(account: Account, threadId: string) {
      await access(account, threadId, 'read');
    },

    async get(account: Account, threadId: string): Promise<ChatThread> {
      await access(account, threadId, 'read');
      return readThread(account, threadId);
    },

    /** Newest first, `limit` per page; `cursor` continues with older messages. */
    async messages(
      account: Account,
      threadId: string,
      cursor: string | undefined,
      limit: number,
    ): Promise<ChatMessageList> {
      const before = cursor ? readCursor('chat-messages', cursor) : undefined;
      await access(account, threadId, 'read');
      const rows = await withUser(db, accountClaims(account), (tx) =>
        listMessages(tx, threadId, before, limit + 1),
      );
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map(toChatMessage),
        nextCursor:
          rows.length > limit && last ? cursorOf('chat-messages', last.created_at, last.id) : null,
      };
    },

    async send(account: Account, threadId: string, body: string): Promise<ChatMessage> {
      const thread = await access(account, threadId, 'write');
      await assertNotBlocked(account.id, thread.other);
      return insertMessage(account, threadId, thread.other, body);
    },

    /**
     * Moves the asker's read marker to a message (default: the newest) and never
     * back. The marker is that message's time, so later messages stay unread.
     */
    async markRead(account: Account, threadId: string, messageId?: string): Promise<ChatRead> {
      const thread = await access(account, threadId, 'write');
      const column = account.id === thread.buyer_id ? 'buyer_last_read_at' : 'seller_last_read_at';
      const [target] = await db.execute<{ created_at: string }>(
        messageId
          ? sql`select created_at from public.chat_messages where id = ${messageId} and thread_id = ${threadId}`
          : sql`select created_at from public.chat_messages where thread_id = ${threadId}
                order by created_at desc, id desc limit 1`,
      );
      if (messageId && !target) {
        throw new AppError('VALIDATION_FAILED', 'invalid messageId', [
          { field: 'messageId', message: 'is not a message of this thread' },
        ]);
      }
      const row = await withUser(db, accountClaims(account), async (tx) => {
        if (target) {
          await tx.execute(sql`
            update public.chat_threads set ${sql.identifier(column)} = ${target.created_at}::timestamptz
            where id = ${threadId}
              and (${sql.identifier(column)} is null
                   or ${sql.identifier(column)} < ${target.created_at}::timestamptz)`);
        }
        const thread = await findThread(tx, account.id, threadId);
        // Everything read: so is the bell's notification about this thread.
        if (thread?.unread === 0) {
          await tx.execute(sql`
            update public.notifications set read_at = now()
            where user_id = ${account.id} and type = 'message' and read_at is null
              and data ->> 'threadId' = ${threadId}::text`);
        }
        return thread;
      });
      return {
        threadId,
        readAt: iso(
          (account.id === thread.buyer_id ? row?.buyer_read_at : row?.seller_read_at) ?? null,
        ),
        unreadCount: row?.unread ?? 0,
      };
    },

    async unread(account: Account): Promise<ChatUnread> {
      const me = account.id;
      const [row] = await withUser(db, accountClaims(account), (tx) =>
        tx.execute<{ total: number; threads: number }>(sql`
          select coalesce(sum(n), 0)::int as total, count(*) filter (where n > 0)::int as threads
          from (
            select (select count(*) from public.chat_messages m
                    where m.thread_id = t.id and m.sender_id <> ${me}
                      and m.created_at > coalesce(
                        case when t.buyer_id = ${me} then t.buyer_last_read_at
                             else t.seller_last_read_at end,
                        '-infinity'::timestamptz)) as n
            from public.chat_threads t
            where t.buyer_id = ${me} or t.seller_id = ${me}
          ) counts`),
      );
      return { total: row?.total ?? 0, threads: row?.threads ?? 0 };
    },

    /** Blocks a user (idempotent): neither can start a thread with or write to the other. */
    async block(account: Account, userId: string): Promise<ChatBlock> {
      if (userId === account.id) {
        throw new AppError('VALIDATION_FAILED', 'invalid userId', [
          { field: 'userId', message: 'is you' },
        ]);
      }
      const [exists] = await db.execute(sql`select 1 from public.profiles where id = ${userId}`);
      if (!exists) throw notFound(`user ${userId}`);
      await withUser(db, accountClaims(account), (tx) =>
        tx.execute(sql`
          insert into public.user_blocks (blocker_id, blocked_id) values (${account.id}, ${userId})
          on conflict do nothing`),
      );
      const blocks = await this.blocks(account);
      return blocks.items.find((b) => b.user.id === userId)!;
    },

    async unblock(account: Account, userId: string) {
      await withUser(db, accountClaims(account), (tx) =>
        tx.execute(sql`
          delete from public.user_blocks where blocker_id = ${account.id} and blocked_id = ${userId}`),
      );
    },

    async blocks(account: Account): Promise<{ items: ChatBlock[] }> {
      const rows = await withUser(db, accountClaims(account), (tx) =>
        tx.execute<{
          id: string;
          username: string | null;
          display_name: string;
          avatar_path: string | null;
          created_at: string;
        }>(sql`
          select p.id, p.username, p.display_name, p.avatar_path, b.created_at
          from public.user_blocks b join public.profiles p on p.id = b.blocked_id
          where b.blocker_id = ${account.id}
          order by b.created_at desc`),
      );
      return {
        items: rows.map((r) => ({
          user: {
            id: r.id,
            username: r.username,
            displayName: r.display_name,
            avatarUrl: avatar(r.avatar_path),
          },
          blockedAt: iso(r.created_at)!,
        })),
      };
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;

/** Re-reads messages by id for the realtime hub (system code; the hub checks recipients). */
export async function messagesByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.execute<MessageRow & { buyer_id: string; seller_id: string }>(sql`
    select ${messageColumns}, t.buyer_id, t.seller_id
    from public.chat_messages m join public.chat_threads t on t.id = m.thread_id
    where m.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
}
