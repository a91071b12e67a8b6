import { z } from 'zod';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z
    .string({ error: 'is required (pnpm dev sets it for the embedded database)' })
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Where the API is reachable from outside; used in links it builds. */
  API_PUBLIC_URL: z.url().default('http://localhost:4000'),
  /** Browser origins allowed to call the API with credentials. */
  CORS_ORIGINS: csv.pipe(z.array(z.url())).default(['http://localhost:3000']),
  /** Requests per minute per client before 429. */
  RATE_LIMIT_MAX: z.coerce.number().int().positive().default(600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
});

export type Env = z.infer<typeof envSchema>;

/** A configuration problem, worded as one line that names the variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates the API's environment; the only place apps/api reads process.env. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const received = source[name as keyof typeof source];
    const message =
      received === undefined && issue.code === 'invalid_type' ? 'is required' : issue.message;
    return `${name} ${message}`;
  });
  throw new EnvError(`invalid API configuration: ${lines.join('; ')}`);
}
