/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P } from './layout.js';

export interface RecoveryData {
  /** The password-reset link; secret, removed from the stored copy after delivery. */
  url: string;
}

export function RecoveryEmail({ url }: RecoveryData) {
  return (
    <EmailLayout
      preview="Choose a new password for your PromptNX account."
      heading="Reset your password"
      reason="You received this e-mail because a password reset was asked for the PromptNX account with this address. If it was not you, ignore it: your password stays as it is."
    >
      <P>Someone asked to reset the password of this PromptNX account.</P>
      <Action label="Choose a new password" url={url} />
      <P>The link works once, for one hour.</P>
    </EmailLayout>
  );
}

export const recovery: EmailDefinition<RecoveryData> = {
  subject: () => 'Reset your PromptNX password',
  Component: RecoveryEmail,
  sample: { url: 'http://localhost:3000/auth/confirm?token_hash=example&type=recovery' },
};
