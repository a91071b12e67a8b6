import type { ChatThread } from '@promptnx/schema';
import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRevalidator } from '@remix-run/react';
import chatStyles from '../components/chat.css?url';
import { RealtimeStatusNote } from '../components/chat-parts';
import { privateHeaders } from '../lib/cache-headers';
import { messageTimeLabel, otherParty, threadPath, unreadLabel } from '../lib/chat';
import { useRealtime } from '../lib/use-realtime';
import { useWhenIdle } from '../lib/when-idle';
import type { loader } from './inbox._index.server';

export { loader } from './inbox._index.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: chatStyles }];

export const meta: MetaFunction = () => [
  { title: 'Inbox — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

export default function InboxPage() {
  const { threads, nextCursor, cursor } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const whenIdle = useWhenIdle();
  // New messages and read markers reorder the list and move the badges: reload it.
  const status = useRealtime((event) => {
    if (event.type === 'message' || event.type === 'read' || event.type === 'ready') {
      whenIdle('revalidate', () => revalidator.revalidate());
    }
  });
  const unread = threads.reduce((sum, t) => sum + t.unreadCount, 0);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Inbox</h1>
          <p className="muted" data-testid="inbox-summary">
            {unread > 0 ? unreadLabel(unread) : 'You are all caught up.'}
          </p>
        </div>
        <RealtimeStatusNote status={status} />
      </div>
      {threads.length === 0 ? (
        <div className="empty-state" data-testid="inbox-empty">
          <p>
            {cursor
              ? 'There are no older conversations.'
              : 'No conversations yet. Ask a seller about a prompt from its page, or about an order from its receipt.'}
          </p>
        </div>
      ) : (
        <ul className="thread-list" aria-label="Conversations">
          {threads.map((thread) => (
            <ThreadRow key={thread.id} thread={thread} />
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="More conversations">
        {cursor ? <Link to="/inbox">Back to the newest</Link> : null}
        {nextCursor ? (
          <Link
            to={`/inbox?cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
          >
            Older conversations
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function ThreadRow({ thread }: { thread: ChatThread }) {
  const other = otherParty(thread);
  const unread = thread.unreadCount > 0;
  return (
    <li className={`thread-row${unread ? ' thread-row-unread' : ''}`} data-testid="thread-row">
      <Link to={threadPath(thread.id)} className="thread-row-link">
        <span className="thread-row-head">
          <span className="thread-row-name">{other.displayName}</span>
          {thread.lastMessage ? (
            <time className="muted" dateTime={thread.lastMessage.createdAt}>
              {messageTimeLabel(thread.lastMessage.createdAt)}
            </time>
          ) : null}
        </span>
        <span className="thread-row-subject">{thread.subject}</span>
        {thread.lastMessage ? (
          <span className="thread-row-preview muted">
            {thread.lastMessage.senderId === other.id ? '' : 'You: '}
            {thread.lastMessage.preview}
          </span>
        ) : (
          <span className="thread-row-preview muted">No messages yet</span>
        )}
      </Link>
      {unread ? (
        <span className="unread-badge" data-testid="unread-badge">
          <span aria-hidden="true">{thread.unreadCount}</span>
          <span className="visually-hidden">{unreadLabel(thread.unreadCount)}</span>
        </span>
      ) : null}
    </li>
  );
}
