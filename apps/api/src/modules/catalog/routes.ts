import {
  categoryCountListSchema,
  categorySchema,
  problemSchema,
  slugSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getCategories, getCategory } from './service.js';

const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['catalog'],
        summary: 'All categories in display order, with their number of published prompts',
        response: { 200: categoryCountListSchema },
      },
    },
    async (request, reply) => {
      const items = await getCategories(app.database.db, request.claims);
      reply.header('cache-control', PUBLIC_CACHE);
      return { items };
    },
  );

  app.get(
    '/api/categories/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One category by its slug',
        params: z.object({ slug: slugSchema }),
        response: { 200: categorySchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const category = await getCategory(app.database.db, request.claims, request.params.slug);
      reply.header('cache-control', PUBLIC_CACHE);
      return category;
    },
  );
};
