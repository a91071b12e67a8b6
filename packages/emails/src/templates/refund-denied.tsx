/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface RefundDeniedData {
  receiptNumber: string;
  /** Written by the admin who decided. */
  reason: string;
  ordersUrl: string;
}

export function RefundDeniedEmail(data: RefundDeniedData) {
  return (
    <EmailLayout
      preview={`About your refund request for receipt ${data.receiptNumber}.`}
      heading="About your refund request"
      reason="You received this e-mail because you asked for a refund on PromptNX."
    >
      <P>We looked at your refund request for receipt {data.receiptNumber} and cannot refund it:</P>
      <P>{data.reason}</P>
      <Action label="Your orders" url={data.ordersUrl} />
    </EmailLayout>
  );
}

export const refundDenied: EmailDefinition<RefundDeniedData> = {
  subject: (data) => `About your refund request for receipt ${data.receiptNumber}`,
  Component: RefundDeniedEmail,
  sample: {
    receiptNumber: 'PNX-2026-000123',
    reason: 'The prompt was unlocked and used before the request.',
    ordersUrl: 'http://localhost:3000/orders',
  },
};
