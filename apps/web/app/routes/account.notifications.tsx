import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice } from '../components/form-fields';
import notificationStyles from '../components/notifications.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { NOTIFICATION_TYPE_LABELS } from '../lib/notifications';
import type { action, loader } from './account.notifications.server';

export { action, loader } from './account.notifications.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: notificationStyles }];

export const meta: MetaFunction = () => [
  { title: 'Notification settings — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function NotificationSettingsPage() {
  const { preferences, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <section className="panel" aria-labelledby="settings-title">
      <h1 id="settings-title">Notification settings</h1>
      <p className="muted">
        Everything shows under the bell and on <Link to="/notifications">your notifications</Link>.
        Choose what we also send by e-mail. Every such e-mail has a link to turn its kind off.
      </p>
      {result ? null : <Notice>{saved}</Notice>}
      <FormError>{result?.formError}</FormError>
      <Form method="post">
        <CsrfInput />
        <table className="preference-table">
          <caption className="visually-hidden">Notifications by kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">In the app</th>
              <th scope="col">By e-mail</th>
            </tr>
          </thead>
          <tbody>
            {preferences.map((p) => {
              const label = NOTIFICATION_TYPE_LABELS[p.type];
              const id = `email-${p.type}`;
              return (
                <tr key={p.type} data-testid={`preference-${p.type}`}>
                  <th scope="row">
                    <label htmlFor={id}>{label.label}</label>
                    <p className="field-hint" id={`${id}-hint`}>
                      {label.description}
                    </p>
                  </th>
                  <td className="preference-switch">Always</td>
                  <td className="preference-switch">
                    <input
                      type="checkbox"
                      id={id}
                      name={`email.${p.type}`}
                      defaultChecked={p.email}
                      disabled={!p.emailConfigurable}
                      aria-describedby={`${id}-hint`}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
      </Form>
    </section>
  );
}
