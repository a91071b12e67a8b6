import { createRealtimeClient, type RealtimeClient } from '@promptnx/sdk';

// One realtime socket per tab, shared by every part of the page that listens
// (the inbox, a thread, the notification bell). The browser never holds an
// access token: before each connection it asks this site for a single-use
// ticket (POST /messages/ticket, with the session's CSRF token).

/** After the last listener leaves, the socket stays this long (navigating between pages). */
const LINGER_MS = 5000;

let client: RealtimeClient | undefined;
let users = 0;
let csrfToken = '';
let lingering: ReturnType<typeof setTimeout> | undefined;

async function ticket() {
  const response = await fetch('/messages/ticket', {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams({ csrf: csrfToken }),
    credentials: 'same-origin',
  });
  // Signed out, or the session's form token changed: stop until the next page load.
  if (response.status === 401 || response.status === 403) return null;
  if (!response.ok) throw new Error(`no realtime ticket (${response.status})`);
  const answer = (await response.json()) as { ticket: string; url: string };
  return { ticket: answer.ticket, url: answer.url };
}

/** The tab's realtime client, started on first use; pair with releaseRealtime(). */
export function acquireRealtime(csrf: string): RealtimeClient {
  csrfToken = csrf;
  clearTimeout(lingering);
  users += 1;
  if (!client) {
    client = createRealtimeClient({ credentials: ticket });
    client.start();
  }
  return client;
}

export function releaseRealtime() {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  clearTimeout(lingering);
  lingering = setTimeout(() => {
    if (users > 0) return;
    client?.stop();
    client = undefined;
  }, LINGER_MS);
}
