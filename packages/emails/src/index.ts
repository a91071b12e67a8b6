export * from './delivery.js';
export * from './notifications.js';
export * from './queue.js';
export type { EmailDefinition } from './render.js';
export { type ResendConfig, resendTransport } from './resend.js';
export * from './scrub.js';
export * from './templates.js';
export type { EmailTransport, OutboundMessage, SendResult } from './transport.js';

/** Postgres channel the outbound_emails insert trigger notifies on. */
export const OUTBOUND_EMAILS_CHANNEL = 'outbound_emails';
