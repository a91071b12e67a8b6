import {
  type ChatBlock,
  type ChatMessage,
  type ChatMessageList,
  type ChatRead,
  type ChatThread,
  type ChatThreadList,
  type ChatUnread,
  chatBlockListSchema,
  chatBlockSchema,
  chatMessageListSchema,
  chatMessageSchema,
  chatReadSchema,
  chatThreadListSchema,
  chatThreadSchema,
  chatUnreadSchema,
  type RealtimeTicket,
  realtimeTicketSchema,
  type StartThread,
} from '@promptnx/schema';
import { z } from 'zod';

/** The client's request function, as createClient passes it in. */
export type RequestFn = <S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
) => Promise<z.infer<S>>;

const enc = encodeURIComponent;
const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** Buyer–seller chat (decision 0020). */
export function createChatApi(request: RequestFn) {
  return {
    /**
     * Starts a conversation with a seller (about a prompt or an order, or
     * neither), or returns the one about the same topic; an optional first message is sent.
     */
    start: (input: StartThread): Promise<ChatThread> =>
      request('POST', '/api/chat/threads', chatThreadSchema, input),
    /** My conversations, latest activity first, with unread counts. */
    threads: (cursor?: string): Promise<ChatThreadList> =>
      request('GET', `/api/chat/threads${query({ cursor })}`, chatThreadListSchema),
    thread: (threadId: string): Promise<ChatThread> =>
      request('GET', `/api/chat/threads/${enc(threadId)}`, chatThreadSchema),
    /** Newest first; pass nextCursor for older ones. */
    messages: (
      threadId: string,
      options: { cursor?: string; limit?: number } = {},
    ): Promise<ChatMessageList> =>
      request(
        'GET',
        `/api/chat/threads/${enc(threadId)}/messages${query(options)}`,
        chatMessageListSchema,
      ),
    /** Markdown, 1–4000 characters. CHAT_BLOCKED (403) when either blocked the other. */
    send: (threadId: string, body: string): Promise<ChatMessage> =>
      request('POST', `/api/chat/threads/${enc(threadId)}/messages`, chatMessageSchema, {
        body,
      }),
    /** Moves my read marker up to a message (default: the newest). */
    markRead: (threadId: string, messageId?: string): Promise<ChatRead> =>
      request(
        'POST',
        `/api/chat/threads/${enc(threadId)}/read`,
        chatReadSchema,
        messageId ? { messageId } : {},
      ),
    unread: (): Promise<ChatUnread> => request('GET', '/api/chat/unread', chatUnreadSchema),
    blocks: async (): Promise<ChatBlock[]> =>
      (await request('GET', '/api/chat/blocks', chatBlockListSchema)).items,
    block: (userId: string): Promise<ChatBlock> =>
      request('PUT', `/api/chat/blocks/${enc(userId)}`, chatBlockSchema),
    async unblock(userId: string) {
      await request('DELETE', `/api/chat/blocks/${enc(userId)}`, z.unknown());
    },
  };
}

/** Realtime helpers over REST; the socket itself is createRealtimeClient. */
export function createRealtimeApi(request: RequestFn) {
  return {
    /**
     * A single-use ticket (valid 60 s) that opens the realtime socket as the
     * signed-in user: what a web server hands its page instead of the token.
     */
    ticket: (): Promise<RealtimeTicket> =>
      request('POST', '/api/realtime/tickets', realtimeTicketSchema),
  };
}
