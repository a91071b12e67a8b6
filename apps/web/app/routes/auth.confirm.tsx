import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { loader } from './auth.confirm.server';

export { loader } from './auth.confirm.server';

export const meta: MetaFunction = () => [{ title: 'Confirm your e-mail — PromptNX' }];

export default function ConfirmPage() {
  const { problem } = useLoaderData<typeof loader>();
  if (problem === 'unavailable') {
    return (
      <section className="narrow" aria-labelledby="confirm-title">
        <h1 id="confirm-title">We could not check this link right now</h1>
        <p>Please open the link from your e-mail again in a moment.</p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">This link is invalid or has expired</h1>
      <p>
        Links in our e-mails work once and only for a limited time. If you already used it, you may
        simply <Link to="/signin">sign in</Link>.
      </p>
      <ul>
        <li>
          <Link to="/forgot-password">Send a new password-reset link</Link>
        </li>
        <li>
          <Link to="/signup">Create an account</Link>
        </li>
      </ul>
    </section>
  );
}
