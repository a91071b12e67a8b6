import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../paths.js';

const envFile = path.join(repoRoot, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PROMPTNX_DATA_DIR: z.string().optional(),
  PROMPTNX_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});

/** Environment of the db command-line tools, checked once. */
export function readCliEnv() {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`promptnx: ${issue?.path.join('.')} ${issue?.message}`);
    process.exit(1);
  }
  return {
    databaseUrl: parsed.data.DATABASE_URL,
    dataDir: parsed.data.PROMPTNX_DATA_DIR
      ? path.resolve(parsed.data.PROMPTNX_DATA_DIR)
      : undefined,
    port: parsed.data.PROMPTNX_PG_PORT,
  };
}
