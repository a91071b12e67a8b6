import type { AddressInfo } from 'node:net';
import type { RealtimeServerEvent } from '@promptnx/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createRealtimeClient, type WebSocketConstructor } from './realtime.js';

// A local WebSocket server on 127.0.0.1 that answers like GET /api/realtime
// and records how each connection was opened.

interface Opened {
  url: string;
  protocols: string[];
  socket: WebSocket;
}

let server: WebSocketServer;
let url: string;
const opened: Opened[] = [];
const waiting: ((o: Opened) => void)[] = [];

beforeAll(async () => {
  server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) =>
      protocols.has('promptnx-realtime.v1') ? 'promptnx-realtime.v1' : false,
  });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/realtime`;
  server.on('connection', (socket, request) => {
    const entry = {
      url: request.url ?? '',
      protocols: String(request.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim()),
      socket,
    };
    opened.push(entry);
    waiting.shift()?.(entry);
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const nextConnection = () =>
  new Promise<Opened>((resolve) => {
    waiting.push(resolve);
  });

const message = (id: string, cursor?: string): RealtimeServerEvent => ({
  type: 'message',
  threadId: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
  message: {
    id,
    threadId: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
    senderId: '6f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
    body: 'Hi',
    bodyHtml: '<p>Hi</p>',
    createdAt: '2026-11-22T03:00:00.000Z',
  },
  ...(cursor ? { cursor } : {}),
});
const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';

describe('the realtime client', () => {
  it('reconnects with a fresh credential, resumes from the last cursor and drops repeats', async () => {
    let tickets = 0;
    const client = createRealtimeClient({
      url,
      credentials: async () => ({ ticket: `ticket-${++tickets}` }),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      minDelayMs: 10,
      maxDelayMs: 20,
    });
    const received: RealtimeServerEvent[] = [];
    const statuses: string[] = [];
    client.on((event) => received.push(event));
    client.onStatus((status) => statuses.push(status));
    client.subscribe('5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10');

    const firstOpen = nextConnection();
    client.start();
    const first = await firstOpen;
    expect(first.url).toBe('/api/realtime');
    expect(first.protocols).toEqual(['promptnx-realtime.v1', 'ticket.ticket-1']);
    const subscribed = await new Promise<string>((resolve) =>
      first.socket.once('message', (data) => resolve(data.toString())),
    );
    expect(JSON.parse(subscribed)).toEqual({
      type: 'subscribe',
      threadId: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
    });
    first.socket.send(JSON.stringify({ type: 'ready', cursor: 'c1' }));
    first.socket.send(JSON.stringify(message(M1, 'c2')));
    first.socket.send(JSON.stringify(message(M1, 'c2')));

    // The server restarts: the client comes back with a new ticket and its cursor.
    const secondOpen = nextConnection();
    await new Promise((resolve) => setTimeout(resolve, 20));
    first.socket.close(1012, 'restart');
    const second = await secondOpen;
    expect(second.url).toBe('/api/realtime?since=c2');
    expect(second.protocols).toEqual(['promptnx-realtime.v1', 'ticket.ticket-2']);
    second.socket.send(JSON.stringify(message(M1)));
    second.socket.send(JSON.stringify(message(M2)));
    second.socket.send(JSON.stringify({ type: 'ready', cursor: 'c3' }));
    await new Promise<void>((resolve) => {
      const check = () =>
        received.filter((e) => e.type === 'ready').length === 2 ? resolve() : setTimeout(check, 5);
      check();
    });
    expect(client.cursor).toBe('c3');
    expect(received.map((e) => (e.type === 'message' ? e.message.id : e.type))).toEqual([
      'ready',
      M1,
      M2,
      'ready',
    ]);
    expect(statuses).toContain('reconnecting');
    client.stop();
    expect(client.status).toBe('closed');
  });

  it('forgets a cursor the server refuses and stops when signed out', async () => {
    let calls = 0;
    const client = createRealtimeClient({
      url,
      cursor: 'someone-elses',
      credentials: async () => (++calls <= 2 ? { accessToken: 'token' } : null),
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      minDelayMs: 10,
      maxDelayMs: 20,
    });
    const firstOpen = nextConnection();
    client.start();
    const first = await firstOpen;
    expect(first.url).toBe('/api/realtime?since=someone-elses');
    expect(first.protocols).toEqual(['promptnx-realtime.v1', 'bearer.token']);
    const secondOpen = nextConnection();
    first.socket.close(4403, 'this cursor belongs to someone else');
    const second = await secondOpen;
    expect(second.url).toBe('/api/realtime');
    // Signed out: the third attempt gets no credential and the client stops.
    const stopped = new Promise<void>((resolve) =>
      client.onStatus((status) => status === 'closed' && resolve()),
    );
    second.socket.close(4401, 'credential expired');
    await stopped;
    expect(calls).toBe(3);
  });
});
