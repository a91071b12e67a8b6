import { healthSchema, readinessSchema } from '@promptnx/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkDatabase } from './service.js';

const startedAt = Date.now();

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process is up',
        response: { 200: healthSchema },
      },
    },
    async () => ({
      status: 'ok' as const,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      version: '0.1.0',
    }),
  );

  app.get(
    '/ready',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: readinessSchema, 503: readinessSchema },
      },
    },
    async (request, reply) => {
      const database = await checkDatabase(app.database.sql);
      if (!database.ok)
        request.log.warn({ err: database.error }, 'readiness: database check failed');
      const body = {
        status: database.ok ? ('ready' as const) : ('unavailable' as const),
        checks: { database: { ok: database.ok, latencyMs: database.latencyMs } },
      };
      return reply.status(database.ok ? 200 : 503).send(body);
    },
  );
};
