/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { money } from '../money.js';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface PayoutFailedData {
  currency: string;
  /** Minor units. */
  amount: number;
  /** The payment provider's reason, as it gave it. */
  reason: string;
  payoutsUrl: string;
}

export function PayoutFailedEmail(data: PayoutFailedData) {
  const amount = money(data.amount, data.currency);
  return (
    <EmailLayout
      preview={`Your payout of ${amount} could not be sent.`}
      heading={`Your payout of ${amount} could not be sent`}
      reason="You received this e-mail because you sell prompts on PromptNX and a payout to you failed."
    >
      <P>The payment provider refused the transfer to your connected account:</P>
      <P>{data.reason}</P>
      <P>
        The {amount} is back in your available balance and goes out with the next payout once the
        problem is fixed.
      </P>
      <Action label="See your payouts" url={data.payoutsUrl} />
    </EmailLayout>
  );
}

export const payoutFailed: EmailDefinition<PayoutFailedData> = {
  subject: (data) => `Your payout of ${money(data.amount, data.currency)} could not be sent`,
  Component: PayoutFailedEmail,
  sample: {
    currency: 'usd',
    amount: 4218,
    reason:
      'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
    payoutsUrl: 'http://localhost:3000/sell/payouts',
  },
};
