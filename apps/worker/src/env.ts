import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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
});

export type WorkerEnv = z.infer<typeof schema>;

/** A variable is missing or malformed; the message names every bad one, on one line. */
export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates an environment; throws EnvError naming the bad variables. */
export function parseEnv(source: Record<string, string | undefined>): WorkerEnv {
  const parsed = schema.safeParse(source);
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
