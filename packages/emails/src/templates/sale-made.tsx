/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { money } from '../money.js';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface SaleMadeData {
  promptTitle: string;
  currency: string;
  /** What the buyer paid, minor units. */
  price: number;
  /** The seller's share, minor units. */
  earnings: number;
  /** When the earnings can be paid out, as the reader should see it. */
  availableOn: string;
  dashboardUrl: string;
}

export function SaleMadeEmail(data: SaleMadeData) {
  const earnings = money(data.earnings, data.currency);
  return (
    <EmailLayout
      preview={`“${data.promptTitle}” sold: ${earnings} for you.`}
      heading="You made a sale"
      reason="You received this e-mail because you sell prompts on PromptNX and one of them sold."
    >
      <P>
        “{data.promptTitle}” sold for {money(data.price, data.currency)}.
      </P>
      <P>
        Your earnings of {earnings} become available for payout on {data.availableOn}.
      </P>
      <Action label="See your sales" url={data.dashboardUrl} />
    </EmailLayout>
  );
}

export const saleMade: EmailDefinition<SaleMadeData> = {
  subject: (data) => `You sold “${data.promptTitle}”`,
  Component: SaleMadeEmail,
  sample: {
    promptTitle: 'Neon city poster',
    currency: 'usd',
    price: 1299,
    earnings: 1039,
    availableOn: '29 November 2026',
    dashboardUrl: 'http://localhost:3000/dashboard',
  },
};
