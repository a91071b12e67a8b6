import {
  REALTIME_BEARER_PREFIX,
  REALTIME_CLOSE,
  REALTIME_PROTOCOL,
  REALTIME_TICKET_PREFIX,
  type RealtimeServerEvent,
  realtimeServerEventSchema,
} from '@promptnx/schema';

// A small client for GET /api/realtime that works in browsers and in Node
// (pass the `ws` package as `WebSocket` there). It reconnects with backoff,
// resumes from the last cursor, and drops events it has already passed on
// (by id), so a listener sees each message and notification once.

/** The part of the WebSocket API this client uses (browsers' and `ws`'s). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type WebSocketConstructor = new (url: string, protocols: string[]) => WebSocketLike;

/** What opens one connection: a single-use ticket (browsers) or an access token. */
export type RealtimeCredentials =
  | { ticket: string; url?: string }
  | { accessToken: string; url?: string };

export type RealtimeStatus =
  | 'idle'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  /** Stopped, or `credentials` answered null (signed out). */
  | 'closed';

export interface RealtimeClientOptions {
  /** ws(s)://…/api/realtime; a credential's `url` wins when it has one. */
  url?: string;
  /** Asked before every connection attempt; null stops the client (signed out). */
  credentials: () => Promise<RealtimeCredentials | null>;
  /** Defaults to the global WebSocket (browsers, Node 22+). */
  WebSocket?: WebSocketConstructor;
  /** First reconnect delay; doubles up to maxDelayMs (with jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** How often to ping; a connection silent for two intervals is replaced. */
  pingIntervalMs?: number;
  /** Resume from here (e.g. a cursor kept from an earlier page). */
  cursor?: string;
}

export type RealtimeListener = (event: RealtimeServerEvent) => void;

const OPEN = 1;
const REMEMBERED_IDS = 2000;

/** A realtime connection for one signed-in user; call start() to connect. */
export function createRealtimeClient(options: RealtimeClientOptions) {
  const Socket =
    options.WebSocket ??
    (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket ??
    undefined;
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const pingEvery = options.pingIntervalMs ?? 25_000;
  const listeners = new Set<RealtimeListener>();
  const statusListeners = new Set<(status: RealtimeStatus) => void>();
  const threads = new Set<string>();
  const seen = new Set<string>();
  let cursor = options.cursor;
  let status: RealtimeStatus = 'idle';
  let socket: WebSocketLike | undefined;
  let attempts = 0;
  let stopped = true;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;

  function setStatus(next: RealtimeStatus) {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function remember(id: string): boolean {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > REMEMBERED_IDS) seen.delete(seen.values().next().value as string);
    return true;
  }

  function emit(event: RealtimeServerEvent) {
    if ('cursor' in event && event.cursor) cursor = event.cursor;
    if (event.type === 'message' && !remember(`m:${event.message.id}`)) return;
    if (event.type === 'notification' && !remember(`n:${event.notification.id}`)) return;
    for (const listener of listeners) listener(event);
  }

  function scheduleReconnect(extraDelay = 0) {
    if (stopped) return;
    setStatus('reconnecting');
    const base = Math.min(maxDelay, minDelay * 2 ** attempts);
    const delay = base / 2 + Math.random() * (base / 2) + extraDelay;
    attempts += 1;
    retryTimer = setTimeout(() => void connect(), delay);
  }

  function clearPing() {
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = undefined;
  }

  async function connect() {
    if (stopped) return;
    if (!Socket) throw new Error('no WebSocket implementation: pass one as options.WebSocket');
    setStatus(attempts === 0 ? 'connecting' : 'reconnecting');
    let credentials: RealtimeCredentials | null;
    try {
      credentials = await options.credentials();
    } catch {
      scheduleReconnect();
      return;
    }
    if (stopped) return;
    if (!credentials) {
      stop();
      return;
    }
    const base = credentials.url ?? options.url;
    if (!base) throw new Error('no realtime URL: pass options.url or a credential with a url');
    const url = new URL(base);
    if (cursor) url.searchParams.set('since', cursor);
    const credential =
      'ticket' in credentials
        ? `${REALTIME_TICKET_PREFIX}${credentials.ticket}`
        : `${REALTIME_BEARER_PREFIX}${credentials.accessToken}`;
    const ws = new Socket(url.toString(), [REALTIME_PROTOCOL, credential]);
    socket = ws;
    ws.onopen = () => {
      lastHeard = Date.now();
      for (const threadId of threads) ws.send(JSON.stringify({ type: 'subscribe', threadId }));
      clearPing();
      pingTimer = setInterval(() => {
        if (ws.readyState !== OPEN) return;
        if (Date.now() - lastHeard > pingEvery * 2) {
          ws.close(4000, 'no answer to pings');
          return;
        }
        ws.send(JSON.stringify({ type: 'ping' }));
      }, pingEvery);
    };
    ws.onmessage = (message) => {
      lastHeard = Date.now();
      let parsed: ReturnType<typeof realtimeServerEventSchema.safeParse>;
      try {
        parsed = realtimeServerEventSchema.safeParse(JSON.parse(String(message.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      if (parsed.data.type === 'ready') {
        attempts = 0;
        setStatus('open');
      }
      emit(parsed.data);
    };
    ws.onerror = () => {};
    ws.onclose = (event) => {
      clearPing();
      if (socket !== ws) return;
      socket = undefined;
      if (stopped) return;
      // Someone else's or an unknown cursor: start again from now.
      if (event.code === REALTIME_CLOSE.FORBIDDEN || event.code === REALTIME_CLOSE.BAD_CURSOR) {
        cursor = undefined;
      }
      scheduleReconnect(event.code === REALTIME_CLOSE.TOO_MANY ? maxDelay : 0);
    };
  }

  function stop() {
    stopped = true;
    clearTimeout(retryTimer);
    clearPing();
    const ws = socket;
    socket = undefined;
    if (ws && ws.readyState <= OPEN) ws.close(1000, 'client stopped');
    setStatus('closed');
  }

  return {
    /** Connects (again) and keeps the connection up until stop(). */
    start() {
      if (!stopped) return;
      stopped = false;
      attempts = 0;
      void connect();
    },
    stop,
    /** Every event, once: messages and notifications are dropped when seen before. */
    on(listener: RealtimeListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    onStatus(listener: (status: RealtimeStatus) => void) {
      statusListeners.add(listener);
      return () => {
        statusListeners.delete(listener);
      };
    },
    /** Asks for a thread's events (checked by the server: 403 unless allowed); kept across reconnects. */
    subscribe(threadId: string) {
      threads.add(threadId);
      if (socket?.readyState === OPEN) socket.send(JSON.stringify({ type: 'subscribe', threadId }));
    },
    unsubscribe(threadId: string) {
      threads.delete(threadId);
      if (socket?.readyState === OPEN) {
        socket.send(JSON.stringify({ type: 'unsubscribe', threadId }));
      }
    },
    /** Where a reconnect resumes from: the last cursor the server gave. */
    get cursor() {
      return cursor;
    },
    get status() {
      return status;
    },
  };
}

export type RealtimeClient = ReturnType<typeof createRealtimeClient>;
