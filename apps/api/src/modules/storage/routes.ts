import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import type { LocalStorage } from './local-storage.js';

/** Serves files from local storage to whoever holds a valid signed URL. */
export function fileRoutes(storage: LocalStorage): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/files/*',
      {
        schema: {
          hide: true,
          querystring: z.object({ exp: z.coerce.number().int(), sig: z.string().min(1).max(100) }),
        },
      },
      async (request, reply) => {
        const key = (request.params as { '*': string })['*'];
        const file = await storage.open(key, request.query.exp, request.query.sig);
        if ('error' in file) {
          if (file.error === 'not found') throw new AppError('NOT_FOUND', 'no such file');
          throw new AppError('FORBIDDEN', `the file link is invalid (${file.error})`);
        }
        return (
          reply
            .header('content-type', file.contentType)
            .header('content-length', file.size)
            .header('cache-control', `private, max-age=${file.maxAge}, immutable`)
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'")
            // The storefront (another origin) shows these images; the signed URL is the access check.
            .header('cross-origin-resource-policy', 'cross-origin')
            .send(file.stream)
        );
      },
    );
  };
}
