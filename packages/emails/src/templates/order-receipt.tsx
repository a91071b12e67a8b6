/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { money } from '../money.js';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P, paragraph } from './layout.js';

export interface OrderReceiptData {
  receiptNumber: string;
  /** When the payment was captured, as the reader should see it. */
  paidAt: string;
  currency: string;
  /** Minor units. */
  total: number;
  items: { title: string; seller: string; amount: number }[];
  libraryUrl: string;
}

const cell = { ...paragraph, margin: 0, padding: '4px 0' };

export function OrderReceiptEmail(data: OrderReceiptData) {
  const total = money(data.total, data.currency);
  return (
    <EmailLayout
      preview={`Receipt ${data.receiptNumber}: ${total}. Your prompts are in your library.`}
      heading={`Receipt ${data.receiptNumber}`}
      reason="You received this e-mail because you bought prompts on PromptNX. Keep it as your receipt."
    >
      <P>Thank you for your purchase. Paid {data.paidAt}.</P>
      {/* One table; the plain text lays it out as aligned columns (dataTable). */}
      <table
        role="presentation"
        width="100%"
        cellPadding={0}
        cellSpacing={0}
        data-text-format="dataTable"
        style={{ margin: '16px 0' }}
      >
        <tbody>
          {data.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, rendered once
            <tr key={index}>
              <td style={cell}>
                {item.title} (by {item.seller})
              </td>
              <td style={{ ...cell, textAlign: 'right' }}>{money(item.amount, data.currency)}</td>
            </tr>
          ))}
          <tr>
            <td style={{ ...cell, fontWeight: 700, borderTop: '1px solid #e5e7eb' }}>Total</td>
            <td
              style={{
                ...cell,
                fontWeight: 700,
                textAlign: 'right',
                borderTop: '1px solid #e5e7eb',
              }}
            >
              {total}
            </td>
          </tr>
        </tbody>
      </table>
      <P>Your prompts are in your library.</P>
      <Action label="Open your library" url={data.libraryUrl} />
    </EmailLayout>
  );
}

export const orderReceipt: EmailDefinition<OrderReceiptData> = {
  subject: (data) => `Your PromptNX receipt ${data.receiptNumber}`,
  Component: OrderReceiptEmail,
  sample: {
    receiptNumber: 'PNX-2026-000123',
    paidAt: '22 November 2026',
    currency: 'usd',
    total: 2298,
    items: [
      { title: 'Neon city poster', seller: 'Ada Studio', amount: 1299 },
      { title: 'Cold e-mail writer', seller: 'Grace Prompts', amount: 999 },
    ],
    libraryUrl: 'http://localhost:3000/library',
  },
};
