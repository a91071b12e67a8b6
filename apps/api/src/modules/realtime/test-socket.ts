import {
  REALTIME_BEARER_PREFIX,
  REALTIME_PATH,
  REALTIME_PROTOCOL,
  REALTIME_TICKET_PREFIX,
  type RealtimeServerEvent,
  realtimeServerEventSchema,
} from '@promptnx/schema';
import WebSocket from 'ws';

// Tests only: a real `ws` client on 127.0.0.1 that records what the server sent.

export interface TestSocket {
  ws: WebSocket;
  /** Every event so far, in order, each checked against the published schema. */
  events: RealtimeServerEvent[];
  /** Resolves with the first event (from the start) that matches. */
  next<T extends RealtimeServerEvent['type']>(
    type: T,
    match?: (event: Extract<RealtimeServerEvent, { type: T }>) => boolean,
  ): Promise<Extract<RealtimeServerEvent, { type: T }>>;
  send(message: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): Promise<void>;
}

export type Opened = { socket: TestSocket } | { status: number; body: string };

/** Opens GET /api/realtime; resolves with the socket, or with the HTTP refusal. */
export function openSocket(
  baseUrl: string,
  options: {
    token?: string;
    ticket?: string;
    since?: string;
    origin?: string;
    protocols?: string[];
    headers?: Record<string, string>;
  } = {},
): Promise<Opened> {
  const url = new URL(REALTIME_PATH, baseUrl.replace(/^http/, 'ws'));
  if (options.since) url.searchParams.set('since', options.since);
  const protocols = options.protocols ?? [
    REALTIME_PROTOCOL,
    ...(options.token ? [`${REALTIME_BEARER_PREFIX}${options.token}`] : []),
    ...(options.ticket ? [`${REALTIME_TICKET_PREFIX}${options.ticket}`] : []),
  ];
  const ws = new WebSocket(url, protocols, {
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const events: RealtimeServerEvent[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    events.push(realtimeServerEventSchema.parse(JSON.parse(data.toString())));
    for (const wake of waiters.splice(0)) wake();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const wake of waiters.splice(0)) wake();
    }),
  );
  const socket: TestSocket = {
    ws,
    events,
    async next(type, match) {
      for (;;) {
        const found = events.find((e) => e.type === type && (!match || match(e as never))) as never;
        if (found) return found;
        if (ws.readyState === ws.CLOSED) {
          throw new Error(`the socket closed before a '${type}' event arrived`);
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    send: (message) => ws.send(JSON.stringify(message)),
    closed,
    async close() {
      if (ws.readyState !== ws.CLOSED) ws.close();
      await closed;
    },
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ socket }));
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body });
        _request.destroy();
      });
    });
    ws.on('error', (error) => {
      if (ws.readyState !== ws.OPEN) reject(error);
    });
  });
}

/** Opens a socket that must open. */
export async function connected(
  baseUrl: string,
  options: Parameters<typeof openSocket>[1],
): Promise<TestSocket> {
  const opened = await openSocket(baseUrl, options);
  if (!('socket' in opened)) {
    throw new Error(`the socket was refused: ${opened.status} ${opened.body}`);
  }
  return opened.socket;
}
