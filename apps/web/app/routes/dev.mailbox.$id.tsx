import type { MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Fragment } from 'react';
import { formatSent, splitLinks } from '../lib/mail-format';
import type { loader } from './dev.mailbox.$id.server';

export { loader } from './dev.mailbox.$id.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.message.subject ?? 'E-mail'} — Dev mailbox — PromptNX` },
  { name: 'robots', content: 'noindex' },
];

/** The text body with its http(s) addresses as links; everything else stays text. */
function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {splitLinks(text).map((part, i) =>
        part.href ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
          <a key={i} href={part.href}>
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

export default function MailboxMessagePage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="mail-subject">
      <p>
        <Link to={`/dev/mailbox?to=${encodeURIComponent(message.to)}`}>← Back to the mailbox</Link>
      </p>
      <h1 id="mail-subject">{message.subject}</h1>
      <dl className="facts">
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Sent</dt>
        <dd>{formatSent(message.createdAt)}</dd>
        <dt>Template</dt>
        <dd>{message.template}</dd>
      </dl>
      <h2>Text</h2>
      <pre className="mail-text" data-testid="mail-text">
        <LinkifiedText text={message.text} />
      </pre>
      {message.html ? (
        <>
          <h2>HTML</h2>
          {/* The HTML body runs in an opaque-origin sandbox: no scripts, forms or navigation. */}
          <iframe
            className="mail-html"
            title="HTML body of the e-mail"
            sandbox=""
            srcDoc={message.html}
          />
        </>
      ) : null}
    </article>
  );
}
