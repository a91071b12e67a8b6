export { grantAdmin } from './admin.js';
export {
  type CreateDbOptions,
  createDb,
  type Database,
  type DbClient,
  type DbOrTx,
  type Transaction,
} from './client.js';
export { describeConnectionError, sqlStateOfError } from './errors.js';
export { runMigrations } from './migrate.js';
export {
  CONFIGURABLE_NOTIFICATION_TYPES,
  dedicatedEmailOf,
  isNotificationType,
  NOTIFICATION_EMAIL_DEFAULTS,
  NOTIFICATION_EMAIL_REQUIRED,
  notificationPath,
} from './notification-rules.js';
export { defaultStorageRoot, migrationsFolder, repoRoot } from './paths.js';
export * from './schema/index.js';
export { anonClaims, type JwtClaims, queryAsUser, withUser } from './with-user.js';
