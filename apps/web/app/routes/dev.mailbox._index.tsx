import type { MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { formatSent } from '../lib/mail-format';
import type { loader } from './dev.mailbox._index.server';

export { loader } from './dev.mailbox._index.server';

export const meta: MetaFunction = () => [
  { title: 'Dev mailbox — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function MailboxPage() {
  const { to, messages } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dev mailbox</h1>
      <p className="lead">
        E-mails the API captured instead of sending them (embedded mode, never in production).
      </p>
      <Form method="get" className="form form-inline" role="search">
        <div className="field">
          <label htmlFor="mailbox-to">Recipient</label>
          <input
            id="mailbox-to"
            name="to"
            type="email"
            defaultValue={to}
            placeholder="someone@example.com"
          />
        </div>
        <button type="submit" className="button button-secondary">
          Filter
        </button>
        {to ? <Link to="/dev/mailbox">Show all</Link> : null}
      </Form>
      {messages === null ? (
        <p>The API sends real e-mail, so there is no mailbox to show.</p>
      ) : messages.length === 0 ? (
        <p>No e-mails{to ? ` to ${to}` : ''} yet.</p>
      ) : (
        <ul className="mail-list" aria-label="Captured e-mails, newest first">
          {messages.map((message) => (
            <li key={message.id}>
              <Link to={`/dev/mailbox/${message.id}`} className="mail-item" data-testid="mail-item">
                <span className="mail-subject">{message.subject}</span>
                <span className="mail-meta">
                  to {message.to} · {formatSent(message.createdAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
