/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface EmailChangeData {
  /** The confirmation link; secret, removed from the stored copy after delivery. */
  url: string;
  /** The new address (this e-mail goes to it). */
  email: string;
}

export function EmailChangeEmail({ url, email }: EmailChangeData) {
  return (
    <EmailLayout
      preview={`Confirm ${email} as your new PromptNX address.`}
      heading="Confirm your new e-mail address"
      reason="You received this e-mail because someone asked to make this the address of a PromptNX account. If it was not you, ignore it: nothing changes."
    >
      <P>Confirm that {email} is the new e-mail address of your PromptNX account.</P>
      <Action label="Confirm new address" url={url} />
      <P>The link works once, for 24 hours.</P>
    </EmailLayout>
  );
}

export const emailChange: EmailDefinition<EmailChangeData> = {
  subject: () => 'Confirm your new e-mail address',
  Component: EmailChangeEmail,
  sample: {
    url: 'http://localhost:3000/auth/confirm?token_hash=example&type=email_change',
    email: 'new-address@example.com',
  },
};
