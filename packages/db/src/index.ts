export { createDb, type CreateDbOptions, type Database, type DbClient, type DbOrTx, type Transaction } from './client.js';
export { runMigrations } from './migrate.js';
export { repoRoot, migrationsFolder } from './paths.js';
export { anonClaims, type JwtClaims, withUser } from './with-user.js';
export { describeConnectionError } from './errors.js';
export * from './schema/index.js';
