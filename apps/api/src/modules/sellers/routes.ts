import { onboardingSchema, problemSchema } from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SellerService } from './service.js';

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 502: problemSchema };

export function sellerRoutes(sellers: SellerService): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/sellers/onboarding',
      {
        preHandler: app.requireActiveUser,
        schema: {
          tags: ['sellers'],
          summary:
            'Become a seller: seller profile, payments account, and the next onboarding step',
          security: [{ bearerAuth: [] }],
          response: { 200: onboardingSchema, ...errors },
        },
      },
      async (request) => sellers.startOnboarding(request.account!),
    );

    app.get(
      '/api/sellers/onboarding',
      {
        preHandler: app.requireUser,
        schema: {
          tags: ['sellers'],
          summary: "The seller's onboarding state, read back from the payment provider",
          security: [{ bearerAuth: [] }],
          response: { 200: onboardingSchema, ...errors },
        },
      },
      async (request) => sellers.onboardingStatus(request.account!),
    );
  };
}
