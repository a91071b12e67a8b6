import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useNavigation,
  useRouteError,
} from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { Notice } from '../components/form-fields';
import notificationStyles from '../components/notifications.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { NOTIFICATION_TYPE_LABELS } from '../lib/notifications';
import type { loader } from './unsubscribe.server';

export { action, loader } from './unsubscribe.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: notificationStyles }];

export const meta: MetaFunction = () => [
  { title: 'Unsubscribe — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function UnsubscribePage() {
  const { token, type, unsubscribed } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === 'submitting';
  const what = NOTIFICATION_TYPE_LABELS[type].label.toLowerCase();
  return (
    <section className="panel unsubscribe-panel" aria-labelledby="unsubscribe-title">
      {unsubscribed ? (
        <>
          <h1 id="unsubscribe-title">You are unsubscribed</h1>
          <Notice>
            We no longer e-mail you about {what}. You still see them under the bell when you sign
            in.
          </Notice>
          <p>
            Changed your mind? Turn them back on in your{' '}
            <Link to="/account/notifications">notification settings</Link>.
          </p>
        </>
      ) : (
        <>
          <h1 id="unsubscribe-title">Stop e-mails about {what}?</h1>
          <p>
            You will still see them under the bell when you sign in, and you can turn the e-mails
            back on in your notification settings.
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button" disabled={busy} data-testid="unsubscribe">
              {busy ? 'Unsubscribing…' : 'Unsubscribe'}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const invalid = isRouteErrorResponse(error) && (error.status === 404 || error.status === 400);
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">{invalid ? 'This link is not valid' : 'Something went wrong'}</h1>
      <p>
        {invalid
          ? 'Copy the whole link from the e-mail, or change what we e-mail you in your notification settings.'
          : 'Unsubscribing is unavailable right now. Please try again in a few moments.'}
      </p>
      <p>
        <Link to="/account/notifications">Notification settings</Link>
      </p>
    </section>
  );
}
