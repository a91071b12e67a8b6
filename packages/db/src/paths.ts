import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The repository root (packages/db/src → ../../..). */
export const repoRoot = path.resolve(here, '../../..');
/** SQL migrations shared by drizzle-kit and the Supabase CLI. */
export const migrationsFolder = path.join(repoRoot, 'supabase/migrations');
/** Where local storage (uploads, seeded example images) keeps its files. */
export const defaultStorageRoot = path.join(repoRoot, '.data/storage');
