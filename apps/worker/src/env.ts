import { payoutIntervalProblem } from '@promptnx/payments';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const SEARCH_ENGINES = ['postgres', 'meilisearch'] as const;
export const EMAIL_MODES = ['capture', 'resend'] as const;

// `PromptNX <hello@example.com>` or a bare address, as Resend takes `from`.
const EMAIL_FROM = /^(?:[^<>@]*<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)$/;

// A cron line as pg-boss reads it: 5 fields (6 with seconds). pg-boss parses it
// fully when scheduling; this only catches obvious typos before connecting.
const CRON_LINE = /^\s*[\d*/,\-?LW#A-Za-z]+(\s+[\d*/,\-?LW#A-Za-z]+){4,5}\s*$/;

// `NAME=` in a .env file means "not set", not "set to nothing".
const blankToUndefined = (value: unknown) => (value === '' ? undefined : value);

// postgres://user:pass@host:port/db, or a socket given as ?host=/path.
function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(value) || !URL.canParse(value)) return false;
  const url = new URL(value);
  return url.hostname !== '' || url.searchParams.has('host');
}

const schema = z.object({
  DATABASE_URL: z.preprocess(
    blankToUndefined,
    z
      .string({
        error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string'),
      })
      .refine(isPostgresUrl, 'must be a postgres:// URL'),
  ),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  NODE_ENV: z.preprocess(
    blankToUndefined,
    z
      .enum(['development', 'production', 'test'], {
        error: 'must be one of development, production, test',
      })
      .default('development'),
  ),
  HEARTBEAT_CRON: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(CRON_LINE, 'must be a cron expression such as "* * * * *"')
      .default('* * * * *'),
  ),
  // Search: Postgres full-text search (nothing for the worker to do but purge
  // the outbox), or Meilisearch, which the worker keeps in sync.
  SEARCH_ENGINE: z.preprocess(
    blankToUndefined,
    z
      .enum(SEARCH_ENGINES, { error: `must be one of ${SEARCH_ENGINES.join(', ')}` })
      .default('postgres'),
  ),
  MEILISEARCH_HOST: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  ),
  MEILISEARCH_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  MEILISEARCH_INDEX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be letters, digits, - and _')
      .default('prompts'),
  ),
  /** How often the outbox is polled when no NOTIFY arrives. */
  SEARCH_SYNC_INTERVAL_MS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(100, 'must be at least 100')
      .max(600_000, 'must be at most 600000')
      .default(1000),
  ),
  /** Outbox rows per Meilisearch request. */
  SEARCH_SYNC_BATCH_SIZE: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(10_000, 'must be at most 10000')
      .default(500),
  ),
  // E-mail: kept in the database for the dev mailbox (capture), or sent through Resend.
  EMAIL_MODE: z.preprocess(
    blankToUndefined,
    z.enum(EMAIL_MODES, { error: `must be one of ${EMAIL_MODES.join(', ')}` }).default('capture'),
  ),
  RESEND_API_KEY: z.preprocess(blankToUndefined, z.string().optional()),
  EMAIL_FROM: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(EMAIL_FROM, 'must be an address, e.g. "PromptNX <hello@example.com>"')
      .optional(),
  ),
  /** Another Resend API address (tests: a local fake). */
  RESEND_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ protocol: /^https?$/, error: 'must be an http(s):// URL' }).optional(),
  ),
  // Payments, for the reconciliation job (the same settings as the API).
  PAYMENTS_MODE: z.preprocess(
    blankToUndefined,
    z
      .enum(['embedded', 'stripe'], { error: 'must be one of embedded, stripe' })
      .default('embedded'),
  ),
  STRIPE_SECRET_KEY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^(sk|rk)_/, 'must be a Stripe secret key')
      .optional(),
  ),
  STRIPE_API_BASE: z.preprocess(blankToUndefined, z.url().optional()),
  API_PUBLIC_URL: z.preprocess(blankToUndefined, z.url().default('http://localhost:4000')),
  /** The storefront, for links in e-mails (the API calls it AUTH_SITE_URL too). */
  AUTH_SITE_URL: z.preprocess(blankToUndefined, z.url().default('http://localhost:3000')),
  PLATFORM_FEE_BPS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(10000).default(2000),
  ),
  EARNINGS_HOLD_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).default(604800),
  ),
  REFUND_WINDOW_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(365).default(14),
  ),
  /** How long a chat message stays unread before it is e-mailed (one e-mail per thread). */
  MESSAGE_EMAIL_DELAY_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be at least 0')
      .max(86_400, 'must be at most 86400')
      .default(600),
  ),
  /** Pending orders younger than this are left to the webhook. */
  RECONCILE_MIN_AGE_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).default(300),
  ),
  /** No payout below this available balance, in minor units ($10). */
  PAYOUT_MINIMUM: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be an amount in minor units' })
      .int('must be a whole amount in minor units')
      .min(1, 'must be at least 1')
      .default(1000),
  ),
  /** Payouts run at every multiple of this many seconds since the epoch (86400: daily, 00:00 UTC). */
  PAYOUT_INTERVAL_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: 'must be a number of seconds' })
      .superRefine((value, ctx) => {
        const problem = payoutIntervalProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      })
      .default(86_400),
  ),
});

// A half-configured service is a start-up error, never a silent fallback.
const checkedSchema = schema.superRefine((env, ctx) => {
  if (env.PAYMENTS_MODE === 'stripe' && !env.STRIPE_SECRET_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['STRIPE_SECRET_KEY'],
      message: 'is required when PAYMENTS_MODE=stripe',
    });
  }
  if (env.EMAIL_MODE === 'resend') {
    for (const name of ['RESEND_API_KEY', 'EMAIL_FROM'] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: 'is required when EMAIL_MODE=resend',
        });
      }
    }
  }
  if (env.SEARCH_ENGINE !== 'meilisearch') return;
  if (!env.MEILISEARCH_HOST) {
    ctx.addIssue({
      code: 'custom',
      path: ['MEILISEARCH_HOST'],
      message: 'is required when SEARCH_ENGINE=meilisearch',
    });
  }
  if (env.NODE_ENV === 'production' && !env.MEILISEARCH_API_KEY) {
    ctx.addIssue({
      code: 'custom',
      path: ['MEILISEARCH_API_KEY'],
      message: 'is required in production when SEARCH_ENGINE=meilisearch',
    });
  }
});

export type WorkerEnv = z.infer<typeof schema>;

/** A variable is missing or malformed; the message names every bad one, on one line. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates an environment; throws EnvError naming the bad variables. */
export function parseEnv(source: Record<string, string | undefined>): WorkerEnv {
  const parsed = checkedSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  throw new EnvError(problems.join('; '));
}

let cached: WorkerEnv | undefined;

/**
 * The worker's environment, read once. A bad variable stops the process with
 * one line saying which, rather than a stack trace.
 */
export function readEnv(): WorkerEnv {
  if (cached) return cached;
  try {
    cached = parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`worker: ${error.message}`);
    process.exit(1);
  }
  return cached;
}
