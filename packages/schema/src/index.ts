export * from './admin.js';
export * from './auth.js';
export * from './categories.js';
export * from './emails.js';
export * from './errors.js';
export * from './health.js';
export * from './money.js';
export * from './profiles.js';
