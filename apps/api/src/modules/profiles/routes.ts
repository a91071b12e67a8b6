import { meSchema, problemSchema, updateMeSchema } from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AVATAR_MAX_BYTES } from './avatar.js';
import type { ProfileService } from './service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function profileRoutes(profiles: ProfileService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/profiles/sync',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['profiles'],
          summary: 'Make sure the signed-in user has a profile; answers with it',
          security: [{ bearerAuth: [] }],
          response: { 200: meSchema, ...errors },
        },
      },
      async (request) => profiles.getMe(request.account!),
    );

    app.get(
      '/api/me',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['profiles'],
          summary: 'The signed-in user, with role, status and seller state',
          security: [{ bearerAuth: [] }],
          response: { 200: meSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return profiles.getMe(request.account!);
      },
    );

    app.patch(
      '/api/me',
      {
        preHandler: app.requireActiveUser,
        schema: {
          tags: ['profiles'],
          summary: 'Edit display name, username, bio and links (nothing else)',
          security: [{ bearerAuth: [] }],
          body: updateMeSchema,
          response: { 200: meSchema, 409: problemSchema, ...errors },
        },
      },
      async (request) => profiles.updateMe(request.account!, request.body),
    );

    // The image arrives as the raw request body; its bytes decide what it is.
    app.register(async (upload) => {
      upload.addContentTypeParser(
        ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'],
        { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES },
        (_request, body, done) => done(null, body),
      );
      upload.put(
        '/api/me/avatar',
        {
          preHandler: app.requireActiveUser,
          bodyLimit: AVATAR_MAX_BYTES,
          schema: {
            tags: ['profiles'],
            summary: 'Upload an avatar (PNG, JPEG or WebP, up to 5 MB); stored as 256×256 WebP',
            security: [{ bearerAuth: [] }],
            response: { 200: meSchema, 413: problemSchema, 415: problemSchema, ...errors },
          },
        },
        async (request) => profiles.setAvatar(request.account!, request.body as Buffer),
      );
    });
  };
}
