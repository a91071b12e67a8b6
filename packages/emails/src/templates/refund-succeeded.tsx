/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { money } from '../money.js';
import type { EmailDefinition } from '../render.js';
import { EmailLayout, P } from './layout.js';

export interface RefundData {
  receiptNumber: string;
  currency: string;
  /** Minor units. */
  amount: number;
  titles: string[];
}

export function RefundSucceededEmail(data: RefundData) {
  const amount = money(data.amount, data.currency);
  return (
    <EmailLayout
      preview={`We refunded ${amount}.`}
      heading={`Refund for receipt ${data.receiptNumber}`}
      reason="You received this e-mail because a purchase of yours on PromptNX was refunded."
    >
      <P>
        We refunded {amount} for: {data.titles.join(', ')}.
      </P>
      <P>It reaches your card in 5–10 days. These prompts have left your library.</P>
    </EmailLayout>
  );
}

export const refundSucceeded: EmailDefinition<RefundData> = {
  subject: (data) => `Refund for receipt ${data.receiptNumber}`,
  Component: RefundSucceededEmail,
  sample: {
    receiptNumber: 'PNX-2026-000123',
    currency: 'usd',
    amount: 1299,
    titles: ['Neon city poster'],
  },
};
