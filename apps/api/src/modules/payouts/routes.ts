import { payoutListQuerySchema, payoutListSchema, problemSchema } from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PayoutService } from './service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/** Payouts, read-only: the worker makes them. */
export function payoutRoutes(payouts: PayoutService): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/payouts',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['payouts'],
          summary:
            "The signed-in seller's payouts, newest first, with status, failure reason and the balance summary (admins: ?sellerId=)",
          security: [{ bearerAuth: [] }],
          querystring: payoutListQuerySchema,
          response: { 200: payoutListSchema, ...errors },
        },
      },
      async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        return payouts.list(request.account!, request.query);
      },
    );
  };
}
