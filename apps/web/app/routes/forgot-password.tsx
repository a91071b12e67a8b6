import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { CsrfInput, useDevMailbox } from '../components/csrf-input';
import { FormError, Notice, TextField } from '../components/form-fields';
import type { action } from './forgot-password.server';

export { action } from './forgot-password.server';

export const meta: MetaFunction = () => [{ title: 'Reset your password — PromptNX' }];

export default function ForgotPasswordPage() {
  const result = useActionData<typeof action>();
  const devMailbox = useDevMailbox();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      {result?.sent ? (
        <Notice>
          <p>
            If an account exists for {result.values?.email}, we sent a link to reset its password.
          </p>
          {devMailbox ? (
            <p>
              Running locally: find it in the{' '}
              <Link to={`/dev/mailbox?to=${encodeURIComponent(result.values?.email ?? '')}`}>
                dev mailbox
              </Link>
              .
            </p>
          ) : null}
        </Notice>
      ) : (
        <p>
          Enter the e-mail address of your account and we will send you a link to choose a new
          password.
        </p>
      )}
      <FormError>{result?.formError}</FormError>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.values?.email}
          error={result?.errors?.email}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Sending…' : 'Send the link'}
        </button>
      </Form>
      <p>
        <Link to="/signin">Back to sign in</Link>
      </p>
    </section>
  );
}
