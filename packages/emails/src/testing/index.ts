export * from './fake-resend.js';
export * from './outbox.js';
