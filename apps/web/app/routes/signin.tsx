import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput, useDevMailbox } from '../components/csrf-input';
import { FormError, TextField } from '../components/form-fields';
import type { action, loader } from './signin.server';

export { action, loader } from './signin.server';

export const meta: MetaFunction = () => [{ title: 'Sign in — PromptNX' }];

export default function SignInPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const devMailbox = useDevMailbox();
  const busy = useNavigation().state === 'submitting';
  const errors = result?.errors ?? {};
  const email = result?.values?.email ?? '';
  const signUpLink =
    redirectTo === '/' ? '/signup' : `/signup?redirectTo=${encodeURIComponent(redirectTo)}`;

  return (
    <section className="narrow" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <FormError>{result?.formError}</FormError>
      {result?.unconfirmed ? (
        <div className="alert alert-error" role="alert">
          <p>
            Please confirm your e-mail address first: open the link we sent to{' '}
            <strong>{email}</strong>.
          </p>
          {devMailbox ? (
            <p>
              Running locally: find it in the{' '}
              <Link to={`/dev/mailbox?to=${encodeURIComponent(email)}`}>dev mailbox</Link>.
            </p>
          ) : null}
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={email}
          error={errors.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={signUpLink}>Create an account</Link>
      </p>
    </section>
  );
}
