import { z } from 'zod';

/**
 * Every error code the API returns, with its HTTP status. The API's one error
 * handler maps codes to statuses; the SDK and the web branch on the code.
 */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  ACCOUNT_SUSPENDED: 403,
  SELLER_REQUIRED: 403,
  ADMIN_REQUIRED: 403,
  CONFLICT: 409,
  USERNAME_TAKEN: 409,
  ALREADY_OWNED: 409,
  NOT_ENTITLED: 403,
  OWN_PROMPT: 403,
  ALREADY_REPLIED: 409,
  CHAT_BLOCKED: 403,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PAYMENTS_UNAVAILABLE: 502,
  DATABASE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorCodes;
export const errorCodeSchema = z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]);

/** One invalid field: where it is (a JSON pointer-ish path) and what is wrong. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  message: z.string(),
});

/** RFC 9457 problem details, as every API error is sent (application/problem+json). */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: errorCodeSchema,
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The `type` URI of a problem with this code. */
export function problemType(code: ErrorCode): string {
  return `https://promptnx.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;
}
