import { payoutIntervalProblem } from '@promptnx/payments';
import { z } from 'zod';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);

/** `true` or `false`, read as a boolean. */
const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true');

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
  /**
   * Named prepared statements, so Postgres reuses query plans (decision 0022);
   * `false` behind a transaction-mode pooler that does not keep them.
   */
  DATABASE_PREPARE: flag('true'),

  // Auth: the embedded Supabase-Auth-compatible server, or Supabase Auth.
  AUTH_MODE: z.enum(['embedded', 'supabase']).default('embedded'),
  /** HS256 secret: signs tokens in embedded mode; Supabase's JWT secret in supabase mode. */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Supabase mode: the project's legacy HS256 JWT secret, if it still signs with one. */
  SUPABASE_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SUPABASE_URL: z.url().optional(),
  /** The storefront: e-mail links point there, and redirect_to must stay on it. */
  AUTH_SITE_URL: z.url().default('http://localhost:3000'),
  AUTH_ACCESS_TOKEN_TTL: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Whether a new account must confirm its e-mail before signing in. */
  AUTH_CONFIRM_EMAIL: flag('true'),
  /** Sign-in, sign-up, recovery and verification attempts per minute per client. */
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().positive().default(20),

  // Payments: embedded (local, no account) or Stripe.
  /** Default embedded; production must say which (embedded there is a demo that takes no money). */
  PAYMENTS_MODE: z.enum(['embedded', 'stripe']).optional(),
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_/, 'must be a Stripe secret key')
    .optional(),
  /** Point the Stripe SDK elsewhere (tests: a local server), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
  /** Signs webhook events: Stripe's endpoint secret, or the embedded checkout's own. */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_', 'must be a webhook secret (whsec_…)')
    .optional(),
  /** Platform fee in basis points of the price (2000 = 20 %). */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10000).default(2000),
  /** How long sale earnings are held before payout, in seconds (7 days). */
  EARNINGS_HOLD_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(7 * 24 * 3600),
  /** How many days after payment a buyer may ask for a refund. */
  REFUND_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** No payout below this available balance, in minor units ($10); shown on the seller dashboard. */
  PAYOUT_MINIMUM: z.coerce.number().int().min(1).default(1000),
  /**
   * Payouts run at every multiple of this many seconds since the epoch (86400: daily, 00:00
   * UTC); the worker's rule (whole minutes), so the dashboard shows the grid it pays on.
   */
  PAYOUT_INTERVAL_SECONDS: z.coerce
    .number()
    .superRefine((value, ctx) => {
      const problem = payoutIntervalProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default(86_400),

  // Files: local disk served through signed URLs, or a Supabase Storage bucket (decision 0012).
  STORAGE_MODE: z.enum(['local', 'supabase']).default('local'),
  /** Supabase mode: uploads bypass Storage's RLS with it; server-side only, never logged. */
  SUPABASE_SERVICE_ROLE_KEY: z
    .string()
    .min(20, 'must be the project’s service role key')
    .optional(),
  /** Supabase mode: the public-read bucket (the storage_bucket migration creates promptnx-media). */
  STORAGE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'must be a bucket id (a-z, 0-9, . _ -)')
    .default('promptnx-media'),
  /** Root folder of local file storage; defaults to .data/storage (shared with the seed). */
  PROMPTNX_STORAGE_DIR: z.string().min(1).optional(),
  /** Signs local file URLs; required in production when STORAGE_MODE=local. */
  STORAGE_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),

  // Search: Postgres full-text search, or Meilisearch (kept in sync by the worker).
  SEARCH_ENGINE: z.enum(['postgres', 'meilisearch']).default('postgres'),
  MEILISEARCH_HOST: z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  /** A key that may search the index (the worker needs one that may write). */
  MEILISEARCH_API_KEY: z.string().optional(),
  MEILISEARCH_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be letters, digits, - and _')
    .default('prompts'),
});

export type Env = z.output<typeof checkedSchema>;

/** A configuration problem, worded as one line that names the variable. */
export class EnvError extends Error {
  override name = 'EnvError';
}

// Known only to development machines; production must set its own secrets.
const DEV_JWT_SECRET = 'promptnx-development-jwt-secret-not-for-production';
/** Signs the embedded test checkout's events; never accepted in production (Stripe mode needs its own). */
const DEV_WEBHOOK_SECRET = 'whsec_promptnx_development_webhook_secret_not_for_production';
const DEV_STORAGE_SECRET = 'promptnx-development-storage-secret-not-for-production';

/**
 * Why a key cannot be the service role key (an anon or publishable key would
 * fail every upload later), or undefined. Never quotes the key.
 */
function serviceRoleKeyProblem(key: string): string | undefined {
  if (key.startsWith('sb_publishable_')) return 'is a publishable key; use the secret key';
  if (key.startsWith('sb_secret_')) return undefined;
  const payload = key.split('.')[1];
  let role: unknown;
  try {
    role = payload && JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).role;
  } catch {
    role = undefined;
  }
  if (role === 'service_role') return undefined;
  if (typeof role === 'string') return `is a key for the '${role}' role, not the service role`;
  return 'must be the project’s service role key (a JWT or sb_secret_…)';
}

const checkedSchema = envSchema
  .superRefine((env, ctx) => {
    const need = (name: string, why: string) =>
      ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    if (env.NODE_ENV === 'production' && env.AUTH_MODE === 'embedded' && !env.AUTH_JWT_SECRET) {
      need('AUTH_JWT_SECRET', 'in production');
    }
    if (env.NODE_ENV === 'production' && env.STORAGE_MODE === 'local') {
      if (!env.STORAGE_SIGNING_SECRET) need('STORAGE_SIGNING_SECRET', 'in production');
    }
    if (env.STORAGE_MODE === 'supabase') {
      if (!env.SUPABASE_URL) need('SUPABASE_URL', 'when STORAGE_MODE=supabase');
      if (!env.SUPABASE_SERVICE_ROLE_KEY) {
        need('SUPABASE_SERVICE_ROLE_KEY', 'when STORAGE_MODE=supabase');
      } else {
        const problem = serviceRoleKeyProblem(env.SUPABASE_SERVICE_ROLE_KEY);
        if (problem) {
          ctx.addIssue({ code: 'custom', path: ['SUPABASE_SERVICE_ROLE_KEY'], message: problem });
        }
      }
    }
    if (env.AUTH_MODE === 'supabase' && !env.SUPABASE_URL)
      need('SUPABASE_URL', 'when AUTH_MODE=supabase');
    if (env.PAYMENTS_MODE === 'stripe' && !env.STRIPE_SECRET_KEY) {
      need('STRIPE_SECRET_KEY', 'when PAYMENTS_MODE=stripe');
    }
    if (env.PAYMENTS_MODE === 'stripe' && !env.STRIPE_WEBHOOK_SECRET) {
      need('STRIPE_WEBHOOK_SECRET', 'when PAYMENTS_MODE=stripe');
    }
    if (env.NODE_ENV === 'production' && !env.PAYMENTS_MODE) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYMENTS_MODE'],
        message:
          'must be set in production: stripe, or embedded for a demo whose checkout takes no money',
      });
    }
    if (env.SEARCH_ENGINE === 'meilisearch') {
      if (!env.MEILISEARCH_HOST) need('MEILISEARCH_HOST', 'when SEARCH_ENGINE=meilisearch');
      if (env.NODE_ENV === 'production' && !env.MEILISEARCH_API_KEY) {
        need('MEILISEARCH_API_KEY', 'in production when SEARCH_ENGINE=meilisearch');
      }
    }
  })
  .transform((env) => ({
    ...env,
    // The development secret only ever signs the embedded server's own tokens:
    // in Supabase mode it would let anyone who read this file forge a token.
    AUTH_JWT_SECRET:
      env.AUTH_MODE === 'embedded'
        ? (env.AUTH_JWT_SECRET ?? DEV_JWT_SECRET)
        : (env.SUPABASE_JWT_SECRET ?? env.AUTH_JWT_SECRET),
    STORAGE_SIGNING_SECRET: env.STORAGE_SIGNING_SECRET ?? DEV_STORAGE_SECRET,
    PAYMENTS_MODE: env.PAYMENTS_MODE ?? 'embedded',
    STRIPE_WEBHOOK_SECRET: env.STRIPE_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
  }));

/** Validates the API's environment; the only place apps/api reads process.env. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // `NAME=` in a .env file means "not set", so defaults still apply.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = checkedSchema.safeParse(present);
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
