import type { LinksFunction, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react';
import { CsrfInput } from '../components/csrf-input';
import { FormError, Notice } from '../components/form-fields';
import notificationStyles from '../components/notifications.css?url';
import orderStyles from '../components/orders.css?url';
import { privateHeaders } from '../lib/cache-headers';
import { notificationTypeLabel } from '../lib/notifications';
import { dateTimeLabel } from '../lib/orders';
import type { action, loader } from './notifications.server';

export { action, loader } from './notifications.server';
export const headers = privateHeaders;
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: orderStyles },
  { rel: 'stylesheet', href: notificationStyles },
];

export const meta: MetaFunction = () => [
  { title: 'Notifications — PromptNX' },
  { name: 'robots', content: 'noindex' },
];

type Item = ReturnType<typeof useLoaderData<typeof loader>>['items'][number];

export default function NotificationsPage() {
  const { items, nextCursor, cursor, unreadOnly, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const back = `${location.pathname}${location.search}`;
  const anyUnread = items.some((n) => !n.readAt);
  const base = unreadOnly ? '/notifications?unread=1' : '/notifications';

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Notifications</h1>
          <p className="muted">
            Sales, messages, payouts, reviews and decisions about your work.{' '}
            <Link to="/account/notifications">Choose what is e-mailed</Link>
          </p>
        </div>
        {anyUnread ? (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="back" value={back} />
            <button
              type="submit"
              name="intent"
              value="read-all"
              className="button button-secondary"
              data-testid="mark-all-read"
            >
              Mark all read
            </button>
          </Form>
        ) : null}
      </div>
      <nav className="notification-filter" aria-label="Show">
        <Link to="/notifications" aria-current={unreadOnly ? undefined : 'page'}>
          All
        </Link>
        <Link to="/notifications?unread=1" aria-current={unreadOnly ? 'page' : undefined}>
          Unread
        </Link>
      </nav>
      {result ? null : <Notice>{notice}</Notice>}
      {result && !result.notificationId ? <FormError>{result.formError}</FormError> : null}
      {items.length === 0 ? (
        <div className="empty-state" data-testid="notifications-empty">
          <p>{unreadOnly ? 'You have read everything.' : 'No notifications yet.'}</p>
        </div>
      ) : (
        <ul className="notification-list" aria-label="Notifications">
          {items.map((item) => (
            <NotificationItem
              key={item.id}
              item={item}
              back={back}
              error={result?.notificationId === item.id ? result.formError : null}
            />
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="More notifications">
        {cursor ? <Link to={base}>Back to the newest</Link> : null}
        {nextCursor ? (
          <Link
            to={`${base}${unreadOnly ? '&' : '?'}cursor=${encodeURIComponent(nextCursor)}`}
            className="button button-secondary"
          >
            Older notifications
          </Link>
        ) : null}
      </nav>
    </>
  );
}

function NotificationItem({
  item,
  back,
  error,
}: {
  item: Item;
  back: string;
  error: string | null;
}) {
  const unread = !item.readAt;
  return (
    <li
      className={unread ? 'notification notification-unread' : 'notification'}
      data-testid="notification"
    >
      <div className="notification-main">
        <p className="notification-meta">
          {unread ? <span className="notification-dot">Unread · </span> : null}
          {notificationTypeLabel(item.type)} ·{' '}
          <time dateTime={item.createdAt}>{dateTimeLabel(item.createdAt)}</time>
        </p>
        {item.href ? (
          // Opening marks it read, then goes where it leads: a form, so it works without JavaScript.
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="notificationId" value={item.id} />
            <input type="hidden" name="back" value={back} />
            <button
              type="submit"
              name="intent"
              value="open"
              className="notification-title button-link"
            >
              {item.title}
            </button>
          </Form>
        ) : (
          <p className="notification-title">{item.title}</p>
        )}
        {item.body ? <p className="notification-body prewrap">{item.body}</p> : null}
        {error ? (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      {unread ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="notificationId" value={item.id} />
          <input type="hidden" name="back" value={back} />
          <button
            type="submit"
            name="intent"
            value="read"
            className="button button-small button-secondary"
            aria-label={`Mark “${item.title}” read`}
          >
            Mark read
          </button>
        </Form>
      ) : null}
    </li>
  );
}
