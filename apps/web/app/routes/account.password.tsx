import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { FormError, TextField } from '../components/form-fields';
import type { action, loader } from './account.password.server';

export { action, loader } from './account.password.server';

export const meta: MetaFunction = () => [{ title: 'Change your password — PromptNX' }];

export default function PasswordPage() {
  const { email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  const errors = result?.errors ?? {};
  return (
    <section className="narrow" aria-labelledby="password-title">
      <h1 id="password-title">Choose a new password</h1>
      <p>For {email}.</p>
      <FormError>{result?.formError}</FormError>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        {/* Lets password managers store the new password for the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={email} />
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          error={errors.password}
        />
        <TextField
          label="New password, again"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirm}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save the new password'}
        </button>
      </Form>
      <p>
        <Link to="/account">Back to your account</Link>
      </p>
    </section>
  );
}
