import {
  passwordGrantSchema,
  recoverBodySchema,
  refreshGrantSchema,
  signUpBodySchema,
  updateUserBodySchema,
  verifyBodySchema,
} from '@promptnx/schema';
import type { FastifyError, FastifyRequest } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  hasZodFastifySchemaValidationErrors,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authErrors, GoTrueError } from './errors.js';
import type { AuthService, ClientMeta } from './service.js';
import { type AccessClaims, InvalidTokenError } from './tokens.js';

export interface EmbeddedAuthOptions {
  service: AuthService;
  verify: (token: string) => Promise<AccessClaims>;
  rateLimitMax: number;
  confirmEmail: boolean;
}

const meta = (request: FastifyRequest): ClientMeta => ({
  userAgent: request.headers['user-agent'],
  ip: request.ip,
});

/**
 * The Supabase-Auth-compatible subset served under /auth/v1 in embedded mode,
 * answering and failing exactly as GoTrue does so supabase-js works unchanged.
 */
export const embeddedAuthRoutes: FastifyPluginAsyncZod<EmbeddedAuthOptions> = async (
  app,
  options,
) => {
  const { service } = options;
  const limited = { rateLimit: { max: options.rateLimitMax, timeWindow: '1 minute' } };

  // supabase-js posts /logout with `content-type: application/json` and no body,
  // which GoTrue accepts; Fastify's JSON parser alone would answer 400.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });

  // GoTrue's error shape for everything under /auth/v1 (this plugin's scope only).
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof GoTrueError) {
      return reply
        .status(error.status)
        .send({ code: error.status, error_code: error.errorCode, msg: error.message });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const msg = error.validation
        .map((v) => `${v.instancePath.replace(/^\//, '') || 'body'}: ${v.message}`)
        .join('; ');
      const weak = error.validation.some((v) => v.instancePath === '/password');
      return reply.status(weak ? 422 : 400).send({
        code: weak ? 422 : 400,
        error_code: weak ? 'weak_password' : 'validation_failed',
        msg,
      });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) {
      return reply
        .status(429)
        .send({ code: 429, error_code: 'over_request_rate_limit', msg: error.message });
    }
    if (status < 500) {
      return reply
        .status(status)
        .send({ code: status, error_code: 'bad_request', msg: error.message });
    }
    request.log.error({ err: error }, 'auth: unexpected failure');
    return reply
      .status(500)
      .send({ code: 500, error_code: 'unexpected_failure', msg: 'Unexpected failure' });
  });

  async function claimsOf(request: FastifyRequest): Promise<AccessClaims> {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match?.[1]) throw authErrors.noAuthorization();
    try {
      const claims = await options.verify(match[1]);
      if (claims.role !== 'authenticated') throw authErrors.badJwt('not a user token');
      return claims;
    } catch (error) {
      if (error instanceof GoTrueError) throw error;
      throw authErrors.badJwt(error instanceof InvalidTokenError ? error.message : 'unverifiable');
    }
  }

  const redirectQuery = z.object({ redirect_to: z.string().max(2000).optional() });

  app.post(
    '/signup',
    { config: limited, schema: { hide: true, querystring: redirectQuery, body: signUpBodySchema } },
    async (request) => service.signUp({ ...request.body, redirectTo: request.query.redirect_to }),
  );

  app.post(
    '/token',
    {
      config: limited,
      schema: {
        hide: true,
        querystring: z.object({ grant_type: z.enum(['password', 'refresh_token']) }),
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (request) => {
      if (request.query.grant_type === 'password') {
        const body = passwordGrantSchema.safeParse(request.body);
        if (!body.success)
          throw new GoTrueError(400, 'validation_failed', 'email and password are required');
        return service.signInWithPassword(body.data.email, body.data.password, meta(request));
      }
      const body = refreshGrantSchema.safeParse(request.body);
      if (!body.success) throw authErrors.refreshNotFound();
      return service.refresh(body.data.refresh_token, meta(request));
    },
  );

  app.get('/user', { schema: { hide: true } }, async (request) =>
    service.getUser(await claimsOf(request)),
  );

  app.put(
    '/user',
    {
      config: limited,
      schema: { hide: true, querystring: redirectQuery, body: updateUserBodySchema },
    },
    async (request) =>
      service.updateUser(await claimsOf(request), request.body, request.query.redirect_to),
  );

  app.post(
    '/logout',
    {
      schema: {
        hide: true,
        querystring: z.object({ scope: z.enum(['global', 'local', 'others']).default('global') }),
      },
    },
    async (request, reply) => {
      await service.logout(await claimsOf(request), request.query.scope);
      return reply.status(204).send();
    },
  );

  app.post(
    '/recover',
    {
      config: limited,
      schema: { hide: true, querystring: redirectQuery, body: recoverBodySchema },
    },
    async (request) => {
      await service.recover(request.body.email, request.query.redirect_to);
      return {};
    },
  );

  app.post(
    '/verify',
    { config: limited, schema: { hide: true, body: verifyBodySchema } },
    async (request) => service.verify(request.body.type, request.body.token_hash, meta(request)),
  );

  app.get('/settings', { schema: { hide: true } }, async () => ({
    external: { email: true, phone: false },
    disable_signup: false,
    mailer_autoconfirm: !options.confirmEmail,
    phone_autoconfirm: false,
  }));

  app.get('/health', { schema: { hide: true } }, async () => ({
    name: 'promptnx-embedded-auth',
    description: 'Supabase-Auth-compatible subset served by the PromptNX API',
  }));
};
