import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { DbClient } from '@promptnx/db';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Env } from './env.js';
import { catalogRoutes } from './modules/catalog/routes.js';
import { healthRoutes } from './modules/health/routes.js';
import { databasePlugin } from './plugins/database.js';
import { errorHandlerPlugin } from './plugins/errors.js';
import { openapiPlugin } from './plugins/openapi.js';
import { requestContextPlugin } from './plugins/request-context.js';

export interface BuildAppOptions {
  env: Env;
  /** Share an existing database client (tests); otherwise one is opened from env. */
  database?: DbClient;
  logger?: FastifyServerOptions['logger'];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Builds the API: external plugins, then app plugins, then the domain modules. */
export async function buildApp({ env, database, logger }: BuildAppOptions) {
  const app = Fastify({
    logger: logger ?? {
      level: env.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    },
    // Keep a caller's request id when it looks like one, so logs line up across services.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: env.NODE_ENV === 'production',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorHandlerPlugin);
  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: env.CORS_ORIGINS,
    credentials: true,
    exposedHeaders: ['x-request-id'],
  });
  await app.register(rateLimit, {
    max: env.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `rate limit of ${context.max} requests per ${context.after} exceeded; retry later`,
    }),
  });
  await app.register(openapiPlugin, { publicUrl: env.API_PUBLIC_URL });
  await app.register(databasePlugin, {
    url: env.DATABASE_URL,
    poolMax: env.DATABASE_POOL_MAX,
    client: database,
  });
  await app.register(requestContextPlugin);

  await app.register(healthRoutes);
  await app.register(catalogRoutes);

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
