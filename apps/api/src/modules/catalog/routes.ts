import {
  categoryCountListSchema,
  categorySchema,
  problemSchema,
  promptDetailSchema,
  promptListQuerySchema,
  promptListSchema,
  sellerPublicSchema,
  slugSchema,
} from '@promptnx/schema';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CatalogService } from './service.js';

const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';

// Anonymous answers are the same for everyone and may be cached; a signed-in
// answer carries the viewer's state and must not be.
function cacheFor(request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', request.token ? 'private, no-store' : PUBLIC_CACHE);
  reply.header('vary', 'authorization');
}

const idOrSlug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9-]+$/, 'an id or a slug');

export function catalogRoutes(catalog: CatalogService): FastifyPluginAsyncZod {
  return async (app) => {
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
        const items = await catalog.getCategories(request.claims);
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
        const category = await catalog.getCategory(request.claims, request.params.slug);
        reply.header('cache-control', PUBLIC_CACHE);
        return category;
      },
    );

    app.get(
      '/api/prompts',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Published prompts: search (typo-tolerant), filters, sorts, cursor pagination',
          querystring: promptListQuerySchema,
          response: { 200: promptListSchema, 400: problemSchema },
        },
      },
      async (request, reply) => {
        const { seller, ...query } = request.query;
        // A client asking for a fresh answer (Cache-Control: no-cache) skips the search cache.
        const fresh = /\bno-cache\b/i.test(request.headers['cache-control'] ?? '');
        const { search, ...page } = await catalog.listPrompts(
          request.claims,
          { ...query, sellerId: seller },
          { fresh },
        );
        if (search) {
          reply.header(
            'server-timing',
            `search;dur=${search.ms.toFixed(1)};desc="${search.engine}, cache ${search.cache}"`,
          );
        }
        cacheFor(request, reply);
        return page;
      },
    );

    app.get(
      '/api/prompts/:idOrSlug',
      {
        schema: {
          tags: ['catalog'],
          summary:
            'A prompt by id or slug: listing, examples, versions, review summary; never the template',
          params: z.object({ idOrSlug }),
          response: { 200: promptDetailSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const prompt = await catalog.getPrompt(request.claims, request.params.idOrSlug);
        cacheFor(request, reply);
        return prompt;
      },
    );

    app.get(
      '/api/sellers/:idOrUsername',
      {
        schema: {
          tags: ['catalog'],
          summary:
            "A seller's public profile with rating and counts (their prompts: GET /api/prompts?seller=)",
          params: z.object({
            idOrUsername: z
              .string()
              .min(1)
              .max(60)
              .regex(/^[A-Za-z0-9_-]+$/),
          }),
          response: { 200: sellerPublicSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        const seller = await catalog.getSeller(request.claims, request.params.idOrUsername);
        cacheFor(request, reply);
        return seller;
      },
    );
  };
}
