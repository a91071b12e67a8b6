import { z } from 'zod';

// An empty value (`API_URL=` in a .env file) means "not set", so defaults still apply.
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);
const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' });

const envSchema = z.object({
  NODE_ENV: z.preprocess(
    unsetIfEmpty,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  /** Where this server reaches the API (may be an internal address). */
  API_URL: z.preprocess(unsetIfEmpty, httpUrl.default('http://localhost:4000')),
  /** Where browsers reach the API; defaults to API_URL. */
  PUBLIC_API_URL: z.preprocess(unsetIfEmpty, httpUrl.optional()),
});

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
