import {
  type ErrorCode,
  errorCodes,
  type FieldError,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  problemType,
} from '@promptnx/schema';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const codeForStatus: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Sends an RFC 9457 problem; every error answer of the API goes through here. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
  status: number = errorCodes[code],
) {
  const problem: Problem = {
    type: problemType(code),
    title: titles[status] ?? 'Error',
    status,
    code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
  return reply.status(status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

function fieldName(context: string | undefined, instancePath: string): string {
  const path = instancePath.replace(/^\//, '').replaceAll('/', '.');
  const prefix = context === 'querystring' ? 'query' : context;
  if (!prefix || prefix === 'body') return path || 'body';
  return path ? `${prefix}.${path}` : prefix;
}

/** One error handler for the whole API: codes from @promptnx/schema, no 5xx details. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(request, reply, error.code, error.message, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.flatMap((v) => {
        // Keys a strict schema does not allow (e.g. `role` on PATCH /api/me) are named one by one.
        const keys = (v.params as { keys?: unknown }).keys;
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
          return keys.map((key) => ({
            field: fieldName(
              error.validationContext,
              `${v.instancePath.replace(/\/$/, '')}/${String(key)}`,
            ),
            message: 'cannot be set here',
          }));
        }
        return [
          {
            field: fieldName(error.validationContext, v.instancePath),
            message: v.message ?? 'is invalid',
          },
        ];
      });
      const fields = [...new Set(errors.map((e) => e.field))].join(', ');
      return sendProblem(request, reply, 'VALIDATION_FAILED', `invalid ${fields}`, errors);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = codeForStatus[status] ?? 'BAD_REQUEST';
      return sendProblem(request, reply, code, error.message, undefined, status);
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(
      request,
      reply,
      'INTERNAL',
      'something went wrong on our side; the request id helps us find it',
    );
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      request,
      reply,
      'ROUTE_NOT_FOUND',
      `no route ${request.method} ${request.url.split('?')[0]}`,
    ),
  );
});
