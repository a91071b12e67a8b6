import {
  notificationListQuerySchema,
  notificationListSchema,
  notificationPreferencesSchema,
  notificationSchema,
  problemSchema,
  readAllResultSchema,
  unreadCountSchema,
  unsubscribeBodySchema,
  unsubscribeQuerySchema,
  unsubscribeStateSchema,
  updateNotificationPreferencesSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import type { NotificationService } from './service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const signedIn = { security: [{ bearerAuth: [] }] };
const idParams = z.object({ id: z.uuid() });

// RFC 8058 one-click bodies are tiny (`List-Unsubscribe=One-Click`).
const UNSUBSCRIBE_BODY_LIMIT = 4096;

function tokenFrom(query: string | undefined, body: { token?: string | undefined } | undefined) {
  const token = query ?? body?.token;
  if (!token) {
    throw new AppError('VALIDATION_FAILED', 'invalid query.token', [
      { field: 'query.token', message: 'is required: the token from the unsubscribe link' },
    ]);
  }
  return token;
}

/**
 * In-app notifications and e-mail preferences of the signed-in user, and the
 * one-click unsubscribe that e-mails link to (no session: the token decides).
 */
export function notificationRoutes(notifications: NotificationService): FastifyPluginAsyncZod {
  return async (app) => {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });

    app.get(
      '/api/notifications',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary: "The signed-in user's notifications, newest first (`unread=true`: unread only)",
          querystring: notificationListQuerySchema,
          response: { 200: notificationListSchema, ...errors },
        },
      },
      async (request) => notifications.list(request.account!, request.query),
    );

    app.get(
      '/api/notifications/unread-count',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary: 'How many notifications the signed-in user has not read (the bell)',
          response: { 200: unreadCountSchema, ...errors },
        },
      },
      async (request) => ({ count: await notifications.unreadCount(request.account!) }),
    );

    app.post(
      '/api/notifications/read-all',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary: 'Mark every notification of the signed-in user read',
          response: { 200: readAllResultSchema, ...errors },
        },
      },
      async (request) => ({ updated: await notifications.markAllRead(request.account!) }),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary: 'Mark one notification read (404 when it is not yours)',
          params: idParams,
          response: { 200: notificationSchema, ...errors },
        },
      },
      async (request) => notifications.markRead(request.account!, request.params.id),
    );

    app.get(
      '/api/me/notification-preferences',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary: 'Per notification type: in the app (always) and by e-mail (on or off)',
          response: { 200: notificationPreferencesSchema, ...errors },
        },
      },
      async (request) => notifications.preferences(request.account!),
    );

    app.put(
      '/api/me/notification-preferences',
      {
        preHandler: app.requireUser,
        schema: {
          ...signedIn,
          tags: ['notifications'],
          summary:
            'Turn e-mail on or off per type ({ email: { sale: false } }); types left out keep their setting',
          body: updateNotificationPreferencesSchema,
          response: { 200: notificationPreferencesSchema, ...errors },
        },
      },
      async (request) => notifications.updatePreferences(request.account!, request.body),
    );

    app.get(
      '/api/unsubscribe',
      {
        schema: {
          tags: ['notifications'],
          summary: 'What an unsubscribe link is for, and whether that e-mail is on (no session)',
          querystring: z.object({ token: unsubscribeQuerySchema.shape.token.unwrap() }),
          response: { 200: unsubscribeStateSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request) => notifications.unsubscribeState(request.query.token),
    );

    // Mail clients post the one-click form (RFC 8058) as form data, not JSON.
    await app.register(async (oneClick) => {
      oneClick.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: UNSUBSCRIBE_BODY_LIMIT },
        (_request, body, done) =>
          done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      // Nothing in a multipart one-click body matters: the token is in the URL.
      oneClick.addContentTypeParser(
        'multipart/form-data',
        { parseAs: 'string', bodyLimit: UNSUBSCRIBE_BODY_LIMIT },
        (_request, _body, done) => done(null, {}),
      );
      oneClick.withTypeProvider<ZodTypeProvider>().post(
        '/api/unsubscribe',
        {
          bodyLimit: UNSUBSCRIBE_BODY_LIMIT,
          schema: {
            tags: ['notifications'],
            summary:
              'One-click unsubscribe (RFC 8058): turns the e-mail of the link’s type off, no session needed',
            querystring: unsubscribeQuerySchema,
            body: unsubscribeBodySchema,
            response: { 200: unsubscribeStateSchema, 400: problemSchema, 404: problemSchema },
          },
        },
        async (request) =>
          notifications.unsubscribe(tokenFrom(request.query.token, request.body ?? undefined)),
      );
    });
  };
}
