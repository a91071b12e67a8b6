import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput, useDevMailbox } from '../components/csrf-input';
import { FormError, TextField } from '../components/form-fields';
import type { action, loader } from './signup.server';

export { action, loader } from './signup.server';

export const meta: MetaFunction = () => [{ title: 'Sign up — PromptNX' }];

export default function SignUpPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const devMailbox = useDevMailbox();
  const busy = useNavigation().state === 'submitting';

  if (result?.checkEmail) {
    return (
      <section className="narrow" aria-labelledby="check-title">
        <h1 id="check-title">Check your e-mail</h1>
        <p>
          We sent a confirmation link to <strong>{result.checkEmail}</strong>. Open it to finish
          creating your account.
        </p>
        {devMailbox ? (
          <p className="dev-note">
            Running locally: e-mails are captured in the{' '}
            <Link to={`/dev/mailbox?to=${encodeURIComponent(result.checkEmail)}`}>dev mailbox</Link>
            .
          </p>
        ) : null}
      </section>
    );
  }

  const errors = result?.errors ?? {};
  const signInLink =
    redirectTo === '/account' ? '/signin' : `/signin?redirectTo=${encodeURIComponent(redirectTo)}`;
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">Create your account</h1>
      <FormError>{result?.formError}</FormError>
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.values?.email}
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters."
          error={errors.password}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="nickname"
          required
          maxLength={80}
          hint="Shown on your profile and your prompts."
          defaultValue={result?.values?.displayName}
          error={errors.displayName}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating your account…' : 'Sign up'}
        </button>
      </Form>
      <p>
        Already have an account? <Link to={signInLink}>Sign in</Link>
      </p>
    </section>
  );
}
