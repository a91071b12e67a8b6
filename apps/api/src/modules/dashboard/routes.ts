import {
  dashboardQuerySchema,
  problemSchema,
  promptViewResultSchema,
  sellerDashboardSchema,
} from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DashboardService } from './service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

const idOrSlug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9-]+$/, 'an id or a slug');

/** The seller dashboard, and the view counter behind its views and conversion. */
export function dashboardRoutes(dashboard: DashboardService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/sellers/:id/dashboard',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['dashboard'],
          summary:
            'A seller’s sales, revenue, views, conversion, rating, balances, next payout, lifecycle, recent payouts, notifications and feedback, with a time series (the seller and admins)',
          security: [{ bearerAuth: [] }],
          params: z.object({ id: z.uuid() }),
          querystring: dashboardQuerySchema,
          response: { 200: sellerDashboardSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return dashboard.dashboard(request.account!, request.params.id, request.query);
      },
    );

    app.post(
      '/api/prompts/:id/views',
      {
        schema: {
          tags: ['dashboard'],
          summary:
            'Count one view of a published prompt page, by id or slug (the storefront calls it on every render; the prompt’s seller and admins are not counted)',
          params: z.object({ id: idOrSlug }),
          response: { 200: promptViewResultSchema, 400: problemSchema, 404: problemSchema },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return dashboard.recordView(request.token?.sub ?? null, request.params.id);
      },
    );
  };
}
