import { anonClaims, type JwtClaims } from '@promptnx/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, as database claims; anonymous until the auth issue verifies tokens. */
    claims: JwtClaims;
  }
}

export const requestContextPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('claims', null as unknown as JwtClaims);
  app.addHook('onRequest', async (request, reply) => {
    request.claims = anonClaims;
    reply.header('x-request-id', request.id);
  });
});
