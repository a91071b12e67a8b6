import type { FastifyInstance, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';

/** Every route under this prefix is for admins only. */
export const ADMIN_PREFIX = '/api/admin/';

/**
 * Puts requireAdmin in front of every /api/admin/* route, whoever registers
 * it and whatever its own preHandler says, and before body and params are
 * validated: a non-admin learns nothing about an admin route's input (403,
 * or 401 without a token, never a 400), and a new admin route is guarded
 * without anyone remembering to. Registered before the modules.
 */
export const adminGuardPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(ADMIN_PREFIX)) return;
    const own = route.preValidation;
    const guard = app.requireAdmin as unknown as preValidationHookHandler;
    route.preValidation = own ? [guard, ...(Array.isArray(own) ? own : [own])] : [guard];
  });
});
