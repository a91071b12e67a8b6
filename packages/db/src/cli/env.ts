import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../paths.js';

const envFile = path.join(repoRoot, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

export const portSchema = z.coerce.number().int().min(1).max(65535);

/** Where the database and local files are: shared by the db tools and `pnpm dev`. */
export const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PROMPTNX_DATA_DIR: z.string().optional(),
  PROMPTNX_PG_PORT: portSchema.optional(),
  PROMPTNX_STORAGE_DIR: z.string().optional(),
});

const schema = databaseEnvSchema.extend({
  // Set by pnpm and npm to where the command was typed (scripts run in the package folder).
  INIT_CWD: z.string().optional(),
});

/** Environment of the db command-line tools, checked once. */
export function readCliEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`promptnx: ${issue?.path.join('.')} ${issue?.message}`);
    process.exit(1);
  }
  // Relative paths mean relative to where the command was typed.
  const invokedFrom = parsed.data.INIT_CWD ?? process.cwd();
  const resolve = (dir: string | undefined) => (dir ? path.resolve(invokedFrom, dir) : undefined);
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    dataDir: resolve(parsed.data.PROMPTNX_DATA_DIR),
    port: parsed.data.PROMPTNX_PG_PORT,
    storageDir: resolve(parsed.data.PROMPTNX_STORAGE_DIR),
    invokedFrom,
  };
}
