import { z } from 'zod';

// An empty value (`API_URL=` in a .env file) means "not set", so defaults still apply.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

/**
 * Signs the session cookie outside production only, so `pnpm dev` and the tests run on a
 * fresh machine. It is public (it is in this file): production refuses to start without
 * its own SESSION_SECRET.
 */
export const DEV_SESSION_SECRET = 'promptnx-dev-session-secret-do-not-use-in-production';

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      unsetIfEmpty,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    /** Where this server reaches the API (may be an internal address). */
    API_URL: z.preprocess(unsetIfEmpty, httpUrl.default('http://localhost:4000')),
    /** Where browsers reach the API; defaults to API_URL. */
    PUBLIC_API_URL: z.preprocess(unsetIfEmpty, httpUrl.optional()),
    /**
     * Where the Supabase-Auth-compatible API lives (Supabase: the project URL); defaults to
     * API_URL, which serves it in embedded mode.
     */
    AUTH_URL: z.preprocess(unsetIfEmpty, httpUrl.optional()),
    /** The Supabase project's anon key, sent as `apikey` to the auth API (not needed embedded). */
    SUPABASE_ANON_KEY: z.preprocess(unsetIfEmpty, z.string().optional()),
    /**
     * Signs the session cookie. Several, comma-separated, rotate it: the first signs, all
     * verify. Required in production.
     */
    SESSION_SECRET: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((secret) => secret.trim())
            .filter(Boolean),
        )
        .refine(
          (secrets) => secrets.length > 0 && secrets.every((secret) => secret.length >= 32),
          'must be at least 32 characters (each one, when several are given)',
        )
        .optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === 'production' && !value.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required in production (at least 32 random characters)',
      });
    }
  })
  .transform(({ AUTH_URL, SESSION_SECRET, ...rest }) => ({
    ...rest,
    AUTH_URL: AUTH_URL ?? rest.API_URL,
    SESSION_SECRET: SESSION_SECRET ?? [DEV_SESSION_SECRET],
  }));

export type ServerEnv = z.infer<typeof envSchema>;

/** Parses the web server's environment; a bad value is an error that names the variable. */
export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`Invalid environment for @promptnx/web:\n${problems}`);
  }
  return result.data;
}

/** Validated once, when the server loads this module. */
export const env = parseEnv(process.env);

/** The dev mailbox (captured e-mails) exists only outside production. */
export function isDevMailboxEnabled(source: ServerEnv = env) {
  return source.NODE_ENV !== 'production';
}

/**
 * Everything the browser may see, and nothing else: it is serialised into every page.
 * Nothing secret belongs here.
 */
export function getPublicEnv(source: ServerEnv = env) {
  return {
    MODE: source.NODE_ENV,
    PUBLIC_API_URL: source.PUBLIC_API_URL ?? source.API_URL,
  };
}

export type PublicEnv = ReturnType<typeof getPublicEnv>;
