import { CHAT_MESSAGE_MAX_LENGTH } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import chatStyles from '../components/chat.css?url';
import { CsrfInput } from '../components/csrf-input';
import { FormError, TextAreaField } from '../components/form-fields';
import { privateHeaders } from '../lib/cache-headers';
import { composePath } from '../lib/chat';
import type { action, loader } from './messages.new.server';

export { action, loader } from './messages.new.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chatStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.context.sellerName ? `Message ${data.context.sellerName}` : 'New message'} — PromptNX`,
  },
  { name: 'robots', content: 'noindex' },
];

export default function ComposePage() {
  const { topic, context } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';

  if (context.sellers.length > 0) {
    return (
      <section className="compose" aria-labelledby="compose-title">
        <h1 id="compose-title">Who do you want to write to?</h1>
        <p className="muted">Order {context.receiptNumber} has prompts of several sellers.</p>
        <ul className="compose-sellers">
          {context.sellers.map((seller) => (
            <li key={seller.id}>
              <Link to={composePath({ ...topic, sellerId: seller.id })}>{seller.displayName}</Link>
            </li>
          ))}
        </ul>
      </section>
    );
  }

  return (
    <section className="compose" aria-labelledby="compose-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/inbox">Inbox</Link>
          </li>
          <li aria-current="page">New message</li>
        </ol>
      </nav>
      <h1 id="compose-title">Message {context.sellerName ?? 'the seller'}</h1>
      {context.promptTitle ? (
        <p className="muted" data-testid="compose-topic">
          About “{context.promptTitle}”
          {context.receiptNumber ? `, order ${context.receiptNumber}` : ''}
        </p>
      ) : context.receiptNumber ? (
        <p className="muted" data-testid="compose-topic">
          About order {context.receiptNumber}
        </p>
      ) : null}
      {context.own ? (
        <p className="empty-state">This is your own prompt: buyers write to you about it here.</p>
      ) : (
        <Form method="post" className="form compose-form" noValidate>
          <CsrfInput />
          {topic.promptId ? <input type="hidden" name="promptId" value={topic.promptId} /> : null}
          {topic.orderId ? <input type="hidden" name="orderId" value={topic.orderId} /> : null}
          {topic.sellerId ? <input type="hidden" name="sellerId" value={topic.sellerId} /> : null}
          <FormError>{result?.formError}</FormError>
          <TextAreaField
            label="Your message"
            name="body"
            rows={6}
            required
            maxLength={CHAT_MESSAGE_MAX_LENGTH}
            defaultValue={result?.body ?? ''}
            error={result?.bodyError ?? undefined}
            hint="A question about the prompt, or a custom request. Markdown works: **bold**, lists, links."
            data-testid="compose-body"
          />
          <button type="submit" className="button" disabled={busy} data-testid="compose-send">
            {busy ? 'Sending…' : 'Send'}
          </button>
        </Form>
      )}
    </section>
  );
}
