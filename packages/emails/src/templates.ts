import { type EmailDefinition, type RenderedEmail, renderEmail } from './render.js';
import { type ConfirmSignupData, confirmSignup } from './templates/confirm-signup.js';
import { type EmailChangeData, emailChange } from './templates/email-change.js';
import { type MessageDigestData, messageDigest } from './templates/message-digest.js';
import { type NotificationEmailData, notification } from './templates/notification.js';
import { type OrderReceiptData, orderReceipt } from './templates/order-receipt.js';
import { type PayoutFailedData, payoutFailed } from './templates/payout-failed.js';
import { type PayoutSentData, payoutSent } from './templates/payout-sent.js';
import { type RecoveryData, recovery } from './templates/recovery.js';
import { type RefundDeniedData, refundDenied } from './templates/refund-denied.js';
import { type RefundData, refundSucceeded } from './templates/refund-succeeded.js';
import { type SaleMadeData, saleMade } from './templates/sale-made.js';

export { money } from './money.js';
export type { RenderedEmail } from './render.js';
export { NOTIFICATION_EMAIL_TOPICS } from './templates/notification.js';
export type {
  ConfirmSignupData,
  EmailChangeData,
  MessageDigestData,
  NotificationEmailData,
  OrderReceiptData,
  PayoutFailedData,
  PayoutSentData,
  RecoveryData,
  RefundData,
  RefundDeniedData,
  SaleMadeData,
};

/** Every e-mail PromptNX sends, by template name (the `template` column of outbound_emails). */
export const emailDefinitions = {
  confirm_signup: confirmSignup,
  recovery,
  email_change: emailChange,
  order_receipt: orderReceipt,
  sale_made: saleMade,
  refund_succeeded: refundSucceeded,
  refund_denied: refundDenied,
  notification,
  message_digest: messageDigest,
  payout_sent: payoutSent,
  payout_failed: payoutFailed,
} as const;

export type EmailTemplate = keyof typeof emailDefinitions;
export type EmailData<T extends EmailTemplate> =
  (typeof emailDefinitions)[T] extends EmailDefinition<infer D> ? D : never;

const renderer =
  <D extends object>(definition: EmailDefinition<D>) =>
  (data: D): RenderedEmail =>
    renderEmail(definition, data);

/** `emailTemplates[name](data)` → `{ subject, text, html }`, synchronously. */
export const emailTemplates: { [T in EmailTemplate]: (data: EmailData<T>) => RenderedEmail } = {
  confirm_signup: renderer(confirmSignup),
  recovery: renderer(recovery),
  email_change: renderer(emailChange),
  order_receipt: renderer(orderReceipt),
  sale_made: renderer(saleMade),
  refund_succeeded: renderer(refundSucceeded),
  refund_denied: renderer(refundDenied),
  notification: renderer(notification),
  message_digest: renderer(messageDigest),
  payout_sent: renderer(payoutSent),
  payout_failed: renderer(payoutFailed),
};

/** Renders any template by name (for code that holds the name as data, like the preview). */
export function renderTemplate<T extends EmailTemplate>(
  template: T,
  data: EmailData<T>,
): RenderedEmail {
  return (emailTemplates[template] as (data: EmailData<T>) => RenderedEmail)(data);
}
