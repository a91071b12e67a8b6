/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { money } from '../money.js';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface PayoutSentData {
  currency: string;
  /** Minor units. */
  amount: number;
  /** The provider's transfer id, for the seller's records. */
  transferId: string;
  payoutsUrl: string;
}

export function PayoutSentEmail(data: PayoutSentData) {
  const amount = money(data.amount, data.currency);
  return (
    <EmailLayout
      preview={`We sent you ${amount}.`}
      heading={`Payout of ${amount} sent`}
      reason="You received this e-mail because you sell prompts on PromptNX and we paid you."
    >
      <P>
        We sent {amount} from your available balance to your connected account (transfer{' '}
        {data.transferId}).
      </P>
      <P>It usually reaches your bank account within two business days.</P>
      <Action label="See your payouts" url={data.payoutsUrl} />
    </EmailLayout>
  );
}

export const payoutSent: EmailDefinition<PayoutSentData> = {
  subject: (data) => `Payout of ${money(data.amount, data.currency)} sent`,
  Component: PayoutSentEmail,
  sample: {
    currency: 'usd',
    amount: 4218,
    transferId: 'tr_1QxYz2AbCdEf',
    payoutsUrl: 'http://localhost:3000/sell/payouts',
  },
};
