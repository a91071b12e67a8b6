/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface ConfirmSignupData {
  /** The confirmation link; secret, removed from the stored copy after delivery. */
  url: string;
}

export function ConfirmSignupEmail({ url }: ConfirmSignupData) {
  return (
    <EmailLayout
      preview="Confirm your e-mail address to finish signing up."
      heading="Confirm your e-mail"
      reason="You received this e-mail because someone signed up for PromptNX with this address. If it was not you, ignore it: the account stays unconfirmed and cannot be used."
    >
      <P>Welcome to PromptNX! Confirm your e-mail address to finish signing up.</P>
      <Action label="Confirm e-mail" url={url} />
      <P>The link works once, for 24 hours.</P>
    </EmailLayout>
  );
}

export const confirmSignup: EmailDefinition<ConfirmSignupData> = {
  subject: () => 'Confirm your PromptNX account',
  Component: ConfirmSignupEmail,
  sample: { url: 'http://localhost:3000/auth/confirm?token_hash=example&type=signup' },
};
