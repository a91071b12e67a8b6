import {
  chatBlockListSchema,
  chatBlockSchema,
  chatMessageListSchema,
  chatMessageSchema,
  chatMessagesQuerySchema,
  chatReadSchema,
  chatThreadListSchema,
  chatThreadSchema,
  chatUnreadSchema,
  markReadSchema,
  problemSchema,
  sendMessageSchema,
  startThreadSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChatService } from './service.js';

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
};
const threadParams = z.object({ id: z.uuid() });
const userParams = z.object({ userId: z.uuid() });
const signedIn = { security: [{ bearerAuth: [] }], tags: ['chat'] };

/**
 * Buyer–seller chat over REST; new messages also arrive on GET /api/realtime.
 * Only the two participants read or write a thread (403 for anyone else;
 * admins may read, for moderation).
 */
export function chatRoutes(chat: ChatService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });

    app.post(
      '/api/chat/threads',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          summary:
            'Start a conversation with a seller (optionally about a prompt or an order), or reuse the one about the same topic; 201 when new',
          body: startThreadSchema,
          response: { 200: chatThreadSchema, 201: chatThreadSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { created, thread } = await chat.start(request.account!, request.body);
        return reply.status(created ? 201 : 200).send(thread);
      },
    );

    app.get(
      '/api/chat/threads',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'My conversations, latest activity first, with unread counts',
          querystring: z.object({ cursor: z.string().max(500).optional() }),
          response: { 200: chatThreadListSchema, ...errors },
        },
      },
      async (request) => chat.list(request.account!, request.query.cursor),
    );

    app.get(
      '/api/chat/threads/:id',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'One conversation (participants; admins for moderation)',
          params: threadParams,
          response: { 200: chatThreadSchema, ...errors },
        },
      },
      async (request) => chat.get(request.account!, request.params.id),
    );

    app.get(
      '/api/chat/threads/:id/messages',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'Messages, newest first; nextCursor pages back in time',
          params: threadParams,
          querystring: chatMessagesQuerySchema,
          response: { 200: chatMessageListSchema, ...errors },
        },
      },
      async (request) =>
        chat.messages(
          request.account!,
          request.params.id,
          request.query.cursor,
          request.query.limit,
        ),
    );

    app.post(
      '/api/chat/threads/:id/messages',
      {
        preHandler: app.requireActiveUser,
        schema: {
          ...signedIn,
          summary:
            'Send a message (Markdown, 1–4000 characters); 403 CHAT_BLOCKED when either blocked the other',
          params: threadParams,
          body: sendMessageSchema,
          response: { 201: chatMessageSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await chat.send(request.account!, request.params.id, request.body.body)),
    );

    app.post(
      '/api/chat/threads/:id/read',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'Move my read marker up to a message (default: the newest); never back',
          params: threadParams,
          body: markReadSchema.optional(),
          response: { 200: chatReadSchema, ...errors },
        },
      },
      async (request) =>
        chat.markRead(request.account!, request.params.id, request.body?.messageId),
    );

    app.get(
      '/api/chat/unread',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'Unread messages over all my conversations',
          response: { 200: chatUnreadSchema, ...errors },
        },
      },
      async (request) => chat.unread(request.account!),
    );

    app.get(
      '/api/chat/blocks',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'The people I blocked',
          response: { 200: chatBlockListSchema, ...errors },
        },
      },
      async (request) => chat.blocks(request.account!),
    );

    app.put(
      '/api/chat/blocks/:userId',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary:
            'Block someone: neither of you can start a conversation with or write to the other',
          params: userParams,
          response: { 200: chatBlockSchema, ...errors },
        },
      },
      async (request) => chat.block(request.account!, request.params.userId),
    );

    app.delete(
      '/api/chat/blocks/:userId',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          summary: 'Unblock someone',
          params: userParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await chat.unblock(request.account!, request.params.userId);
        return reply.status(204).send(null);
      },
    );
  };
}
