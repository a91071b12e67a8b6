import { Link } from '@remix-run/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { bellLabel, unreadBadge } from '../lib/notifications';
import { useRealtime } from '../lib/use-realtime';

/** How often an open page asks for the unread count while the realtime socket is not open. */
export const BELL_POLL_MS = 30_000;

/**
 * The header's bell: a link to /notifications with the unread count, rendered
 * on the server from the root loader. In the browser a `notification` event of
 * the tab's realtime socket (decision 0020) makes it ask for the count again;
 * while the socket is not open it asks every 30 s when the tab is visible, and
 * when the tab comes back.
 */
export function NotificationBell({ initialCount }: { initialCount: number | null }) {
  const [count, setCount] = useState(initialCount);
  const inFlight = useRef<AbortController | null>(null);

  // A new page (or an action that marked some read) brings a fresh count from the root loader.
  useEffect(() => setCount(initialCount), [initialCount]);
  // A plain fetch, not a router fetcher: the router re-ran and aborted fetchers around every
  // form post (a chat page marking a message read), and reported those aborts as console
  // errors. A newer ask replaces an older one; a failed ask leaves the count as it was.
  const load = useCallback(async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const response = await fetch('/notifications/count', {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) return;
      const body = (await response.json()) as { count: number | null };
      if (typeof body.count === 'number') setCount(body.count);
    } catch {
      // Aborted by a newer ask, or offline: the next event or poll asks again.
    }
  }, []);
  useEffect(() => () => inFlight.current?.abort(), []);
  // Asking the server (not counting events) stays right across replays and other tabs.
  const status = useRealtime((event) => {
    if (event.type === 'notification' || (event.type === 'ready' && event.reset)) void load();
  });
  const live = status === 'open';
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', refresh);
    const timer = live ? undefined : window.setInterval(refresh, BELL_POLL_MS);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [live, load]);

  return (
    <Link
      to="/notifications"
      className="bell"
      aria-label={bellLabel(count)}
      title={bellLabel(count)}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count ? (
        <span className="bell-badge" aria-hidden="true" data-testid="notification-count">
          {unreadBadge(count)}
        </span>
      ) : null}
    </Link>
  );
}
