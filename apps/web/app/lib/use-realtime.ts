import type { RealtimeServerEvent } from '@promptnx/schema';
import type { RealtimeStatus } from '@promptnx/sdk';
import { useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { loader as rootLoader } from '../root.server';
import { acquireRealtime, releaseRealtime } from './realtime.client';

/**
 * Live events for the signed-in user while the component is mounted: chat
 * messages, read markers and notifications (each message and notification
 * once). Only in the browser, only signed in; pages work without it.
 * `threadId` also subscribes to that thread (admins watching one need it).
 *
 *   useRealtime((event) => { if (event.type === 'notification') … });
 */
export function useRealtime(
  listener: (event: RealtimeServerEvent) => void,
  options: { threadId?: string } = {},
): RealtimeStatus {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const csrf = root?.csrfToken ?? null;
  const signedIn = Boolean(root?.user);
  const latest = useRef(listener);
  latest.current = listener;
  const [status, setStatus] = useState<RealtimeStatus>('idle');
  const { threadId } = options;

  useEffect(() => {
    if (!signedIn || !csrf) return;
    const client = acquireRealtime(csrf);
    setStatus(client.status);
    const offEvents = client.on((event) => latest.current(event));
    const offStatus = client.onStatus(setStatus);
    if (threadId) client.subscribe(threadId);
    return () => {
      offEvents();
      offStatus();
      if (threadId) client.unsubscribe(threadId);
      releaseRealtime();
    };
  }, [signedIn, csrf, threadId]);

  return status;
}
