import { type Database, favorites, sqlStateOfError, withUser } from '@promptnx/db';
import { problemSchema, promptListSchema } from '@promptnx/schema';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import type { CatalogService } from '../catalog/service.js';

export function favoriteRoutes(db: Database, catalog: CatalogService): FastifyPluginAsyncZod {
  return async (app) => {
    const params = z.object({ promptId: z.uuid() });
    const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };

    app.get(
      '/api/me/favorites',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['favorites'],
          summary: "The signed-in user's favorite prompts, newest first",
          security: [{ bearerAuth: [] }],
          querystring: z.object({
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(60).default(24),
          }),
          response: { 200: promptListSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return catalog.listFavorites(
          request.claims,
          request.account!.id,
          request.query.cursor,
          request.query.limit,
        );
      },
    );

    app.put(
      '/api/me/favorites/:promptId',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['favorites'],
          summary: 'Add a prompt to favorites (again is fine)',
          security: [{ bearerAuth: [] }],
          params,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = request.account!.id;
        try {
          // As the user: RLS lets them favorite only prompts they can see.
          await withUser(db, request.claims, (tx) =>
            tx
              .insert(favorites)
              .values({ userId, promptId: request.params.promptId })
              .onConflictDoNothing(),
          );
        } catch (error) {
          if (['42501', '23503'].includes(sqlStateOfError(error) ?? '')) {
            throw new AppError('NOT_FOUND', `prompt '${request.params.promptId}' was not found`);
          }
          throw error;
        }
        return reply.status(204).send(null);
      },
    );

    app.delete(
      '/api/me/favorites/:promptId',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['favorites'],
          summary: 'Remove a prompt from favorites (absent is fine)',
          security: [{ bearerAuth: [] }],
          params,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const userId = request.account!.id;
        await withUser(db, request.claims, (tx) =>
          tx
            .delete(favorites)
            .where(
              and(eq(favorites.userId, userId), eq(favorites.promptId, request.params.promptId)),
            ),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
