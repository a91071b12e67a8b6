import { CHAT_MESSAGE_MAX_LENGTH, type ChatMessage } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  type ShouldRevalidateFunction,
  useActionData,
  useFetcher,
  useLoaderData,
  useRevalidator,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import chatStyles from '../components/chat.css?url';
import { RealtimeStatusNote } from '../components/chat-parts';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice, TextAreaField } from '../components/form-fields';
import { privateHeaders } from '../lib/cache-headers';
import { promptPath } from '../lib/catalog';
import { messageTimeLabel, otherParty, otherReadAt, threadPath } from '../lib/chat';
import { orderPath } from '../lib/orders';
import { useRealtime } from '../lib/use-realtime';
import { useWhenIdle } from '../lib/when-idle';
import type { loader as rootLoader } from '../root.server';
import type { action, loader, ThreadActionData } from './inbox.$threadId.server';

export { action, loader } from './inbox.$threadId.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chatStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data ? `${otherParty(data.thread).displayName}: ${data.thread.subject}` : 'Conversation'} — PromptNX`,
  },
  { name: 'robots', content: 'noindex' },
];

// Marking a message read changes nothing on the page: no reload for it.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formData,
  defaultShouldRevalidate,
}) => (formData?.get('intent') === 'read' ? false : defaultShouldRevalidate);

function byTime(a: ChatMessage, b: ChatMessage) {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;
}

export default function ThreadPage() {
  const { thread, messages, olderCursor, before, me, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ThreadActionData | undefined;
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const other = otherParty(thread);
  const [live, setLive] = useState<ChatMessage[]>([]);
  const [theirReadAt, setTheirReadAt] = useState(otherReadAt(thread));
  const reader = useFetcher();
  const sender = useFetcher<typeof action>();
  const revalidator = useRevalidator();
  const whenIdle = useWhenIdle();
  const [composerKey, setComposerKey] = useState(0);

  // Fresh loader data may be older than what arrived live meanwhile (it was read before a
  // message or read marker came over the socket): keep the live messages it lacks and
  // never move the other side's read marker back. Another thread starts over.
  const shownThread = useRef(thread.id);
  useEffect(() => {
    const sameThread = shownThread.current === thread.id;
    shownThread.current = thread.id;
    const known = new Set(messages.map((m) => m.id));
    setLive((current) => (sameThread ? current.filter((m) => !known.has(m.id)) : []));
    const fromLoader = otherReadAt(thread);
    setTheirReadAt((current) =>
      sameThread && current && (!fromLoader || current > fromLoader) ? current : fromLoader,
    );
  }, [thread, messages]);

  const status = useRealtime(
    (event) => {
      if (event.type === 'ready') {
        // Whatever happened between the page load and the socket: load it.
        whenIdle('revalidate', () => revalidator.revalidate());
        return;
      }
      if (event.type === 'message' && event.threadId === thread.id && !before) {
        setLive((current) => [...current, event.message]);
        if (event.message.senderId !== me && thread.role !== 'admin' && root?.csrfToken) {
          const read = { intent: 'read', messageId: event.message.id, csrf: root.csrfToken };
          whenIdle('read', () => reader.submit(read, { method: 'post' }));
        }
      }
      if (event.type === 'read' && event.threadId === thread.id && event.userId === other.id) {
        setTheirReadAt((current) => (current && current > event.readAt ? current : event.readAt));
      }
    },
    { threadId: thread.id },
  );

  const shown = useMemo(() => {
    const byId = new Map<string, ChatMessage>();
    for (const message of [...messages, ...live]) byId.set(message.id, message);
    return [...byId.values()].sort(byTime);
  }, [messages, live]);
  const lastMine = [...shown].reverse().find((m) => m.senderId === me);

  // A sent message (the page reloaded after the redirect): empty the composer.
  const sending = sender.state !== 'idle';
  const wasSending = useRef(false);
  useEffect(() => {
    if (wasSending.current && !sending && !sender.data) setComposerKey((k) => k + 1);
    wasSending.current = sending;
  }, [sending, sender.data]);
  const sendResult = (sender.data ?? (actionData?.intent === 'send' ? actionData : undefined)) as
    | ThreadActionData
    | undefined;
  const otherResult = actionData && actionData.intent !== 'send' ? actionData : undefined;

  return (
    <article className="thread" aria-labelledby="thread-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to="/inbox">Inbox</Link>
          </li>
          <li aria-current="page">{other.displayName}</li>
        </ol>
      </nav>
      <header className="page-head thread-head">
        <div>
          <h1 id="thread-title">{other.displayName}</h1>
          <p className="muted" data-testid="thread-subject">
            {thread.subject}
            {thread.prompt ? (
              <>
                {' · '}
                <Link to={promptPath(thread.prompt)}>{thread.prompt.title}</Link>
              </>
            ) : null}
            {thread.order && thread.role === 'buyer' ? (
              <>
                {' · '}
                <Link to={orderPath(thread.order.id)}>Order {thread.order.receiptNumber}</Link>
              </>
            ) : thread.order ? (
              ` · Order ${thread.order.receiptNumber}`
            ) : null}
          </p>
        </div>
        <div className="thread-tools">
          <RealtimeStatusNote status={status} />
          {thread.role === 'admin' ? null : (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="userId" value={other.id} />
              <button
                type="submit"
                name="intent"
                value={thread.blockedByMe ? 'unblock' : 'block'}
                className="button button-secondary chat-button-small"
                data-testid="block-toggle"
              >
                {thread.blockedByMe ? `Unblock ${other.displayName}` : `Block ${other.displayName}`}
              </button>
            </Form>
          )}
        </div>
      </header>
      <Notice>{notice}</Notice>
      <FormError>{otherResult?.formError}</FormError>

      {olderCursor ? (
        <p className="thread-older">
          <Link to={`${threadPath(thread.id)}?before=${encodeURIComponent(olderCursor)}`}>
            Older messages
          </Link>
        </p>
      ) : null}
      {before ? (
        <p className="thread-older">
          <Link to={threadPath(thread.id)}>Back to the newest messages</Link>
        </p>
      ) : null}

      {shown.length === 0 ? <p className="empty-state">No messages yet.</p> : null}
      <ol
        className="message-list"
        role="log"
        aria-live="polite"
        aria-label="Messages"
        data-testid="messages"
      >
        {shown.map((message) => {
          const mine = message.senderId === me;
          const author = mine
            ? 'You'
            : message.senderId === thread.buyer.id
              ? thread.buyer.displayName
              : thread.seller.displayName;
          return (
            <li
              key={message.id}
              className={`message${mine ? ' message-mine' : ''}`}
              data-testid="message"
              data-message-id={message.id}
            >
              <p className="message-meta">
                <span className="message-author">{author}</span>{' '}
                <time dateTime={message.createdAt}>{messageTimeLabel(message.createdAt)}</time>
              </p>
              <div
                className="message-body"
                // biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml is sanitised by the API (rehype-sanitize, no raw HTML)
                dangerouslySetInnerHTML={{ __html: message.bodyHtml }}
              />
              {message.id === lastMine?.id && theirReadAt && theirReadAt >= message.createdAt ? (
                <p className="message-seen muted" data-testid="seen">
                  Seen
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>

      {thread.canSend ? (
        <sender.Form method="post" className="form composer" noValidate key={composerKey}>
          <CsrfInput />
          <input type="hidden" name="intent" value="send" />
          <FormError>{sendResult?.formError}</FormError>
          <TextAreaField
            label={`Message ${other.displayName}`}
            name="body"
            rows={3}
            required
            maxLength={CHAT_MESSAGE_MAX_LENGTH}
            defaultValue={sendResult?.body ?? ''}
            error={sendResult?.bodyError ?? undefined}
            hint="Markdown works: **bold**, lists, links."
            data-testid="message-body"
          />
          <button type="submit" className="button" disabled={sending} data-testid="send-message">
            {sending ? 'Sending…' : 'Send'}
          </button>
        </sender.Form>
      ) : (
        <p className="alert alert-info" data-testid="cannot-send">
          {thread.role === 'admin'
            ? 'You are reading this conversation as an admin.'
            : thread.blockedByMe
              ? `You blocked ${other.displayName}. Unblock them to write again.`
              : `You cannot write to ${other.displayName} any more.`}
        </p>
      )}
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="error-page" aria-labelledby="error-title" data-testid="error-page">
      <h1 id="error-title">
        {forbidden
          ? 'Not your conversation'
          : missing
            ? 'Conversation not found'
            : 'Something went wrong'}
      </h1>
      <p>
        {forbidden
          ? 'Only the two people in this conversation can see it.'
          : missing
            ? 'We could not find this conversation.'
            : 'This conversation is unavailable right now. Please try again in a few moments.'}
      </p>
      <p>
        <Link to="/inbox">Back to your inbox</Link>
      </p>
    </section>
  );
}
