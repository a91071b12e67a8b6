import type { Database } from '@promptnx/db';
import {
  REALTIME_CLOSE,
  type RealtimeClientMessage,
  type RealtimeServerEvent,
  realtimeClientMessageSchema,
} from '@promptnx/schema';
import type { FastifyBaseLogger } from 'fastify';
import postgres from 'postgres';
import type { RawData, WebSocket } from 'ws';
import { AppError } from '../../lib/errors.js';
import type { Account } from '../../plugins/authenticate.js';
import { messagesByIds, toChatMessage } from '../chat/service.js';
import { advance, delivered, encodePosition, type StreamPosition } from './cursor.js';
import {
  eventsSince,
  notificationsByIds,
  openSessions,
  snapshotHorizon,
  toRealtimeNotification,
} from './queries.js';

/** The one channel every trigger announces on (see the chat_realtime_triggers migration). */
export const REALTIME_CHANNEL = 'promptnx_realtime';

/** What a trigger sends: ids and positions only, never text. */
type Notice =
  | { k: 'message'; id: string; th: string; u: string[]; t: string; x: string }
  | { k: 'notification'; id: string; u: string[]; t: string; x: string }
  | { k: 'read'; th: string; r: string; at: string; u: string[] };

/** One event on its way to a socket; `t`/`x` position it in the user's stream. */
interface Delivery {
  id?: string;
  t?: bigint;
  x?: bigint;
  event: RealtimeServerEvent;
}

/** At most this many events are replayed on resume; further behind, the client reloads. */
export const REPLAY_LIMIT = 500;
const BATCH = 256;
/** A socket whose unsent data grows past this has stopped reading: it is closed. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Decides who may watch a thread: participants, or admins (for moderation). */
export type ThreadAccess = (account: Account, threadId: string) => Promise<void>;

export interface RealtimeHubOptions {
  db: Database;
  /** The hub opens its own connection here for LISTEN: one per API instance. */
  databaseUrl: string;
  log: FastifyBaseLogger;
  threadAccess: ThreadAccess;
  /** Sockets per user on one instance. */
  maxSocketsPerUser?: number;
  heartbeatMs?: number;
  sessionCheckMs?: number;
}

export class RealtimeConnection {
  /** Null while catching up: live events wait in `buffer`. */
  position: StreamPosition | null = null;
  buffer: Delivery[] = [];
  readonly watching = new Set<string>();
  alive = true;
  private expiry: NodeJS.Timeout | undefined;

  constructor(
    readonly socket: WebSocket,
    readonly account: Account,
    readonly sessionId: string | null,
    /** When the credential expires (ms since the epoch): the socket closes then. */
    readonly expiresAt: number | null,
  ) {
    if (expiresAt) {
      this.expiry = setTimeout(
        () => this.close(REALTIME_CLOSE.UNAUTHENTICATED, 'credential expired'),
        Math.max(0, expiresAt - Date.now()),
      );
      this.expiry.unref();
    }
  }

  send(event: RealtimeServerEvent) {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(REALTIME_CLOSE.TOO_SLOW, 'too slow; resume with your cursor');
      return;
    }
    this.socket.send(JSON.stringify(event));
  }

  close(code: number, reason: string) {
    clearTimeout(this.expiry);
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason);
  }

  dispose() {
    clearTimeout(this.expiry);
  }
}

/**
 * Realtime fan-out for one API instance (decision 0020). One LISTEN connection
 * hears what every instance's writes announced; each announcement is re-read
 * from the database (in batches, in the order they came) and pushed to this
 * instance's sockets of the people it concerns. A socket first catches up from
 * its cursor, in one snapshot, while live events wait; the cursor then makes
 * sure nothing is sent twice or skipped.
 */
export function createRealtimeHub(options: RealtimeHubOptions) {
  const { db, log } = options;
  const maxPerUser = options.maxSocketsPerUser ?? 20;
  const byUser = new Map<string, Set<RealtimeConnection>>();
  const watchers = new Map<string, Set<RealtimeConnection>>();
  const queue: Notice[] = [];
  let pumping = false;
  let listener: postgres.Sql | undefined;
  let listening: Promise<void> | undefined;
  let listens = 0;
  let timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const every = () => [...byUser.values()].flatMap((set) => [...set]);

  /** Everyone resumes from their cursor: used when announcements may have been lost. */
  function resumeEveryone(reason: string) {
    for (const connection of every()) connection.close(REALTIME_CLOSE.RESTART, reason);
  }

  function ensureListening(): Promise<void> {
    if (stopped) return Promise.reject(new Error('the realtime hub is stopped'));
    listening ??= (async () => {
      listener = postgres(options.databaseUrl, {
        max: 1,
        onnotice: () => {},
        connection: { application_name: 'promptnx-realtime' },
      });
      await listener.listen(REALTIME_CHANNEL, onNotice, () => {
        listens += 1;
        // postgres.js listens again after a lost connection; what was announced
        // in between never arrives, so every socket resumes from its cursor.
        if (listens > 1) {
          log.warn('realtime: LISTEN connection was re-established; sockets will resume');
          resumeEveryone('server reconnected to the database');
        }
      });
      startTimers();
    })().catch((error) => {
      listening = undefined;
      const broken = listener;
      listener = undefined;
      void broken?.end({ timeout: 1 });
      throw error;
    });
    return listening;
  }

  function onNotice(payload: string) {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      log.warn('realtime: ignored a NOTIFY payload that is not JSON');
      return;
    }
    if (!wanted(notice)) return;
    queue.push(notice);
    void pump();
  }

  function wanted(notice: Notice) {
    if (notice.u.some((userId) => byUser.has(userId))) return true;
    const thread = notice.k === 'notification' ? undefined : notice.th;
    return thread !== undefined && watchers.has(thread);
  }

  async function pump() {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, BATCH);
        const messageIds = batch.filter((n) => n.k === 'message').map((n) => n.id);
        const notificationIds = batch.filter((n) => n.k === 'notification').map((n) => n.id);
        const [messages, notifications] = await Promise.all([
          messagesByIds(db, messageIds),
          notificationsByIds(db, notificationIds),
        ]);
        const messageById = new Map(messages.map((m) => [m.id, m]));
        const notificationById = new Map(notifications.map((n) => [n.id, n]));
        for (const notice of batch) {
          if (notice.k === 'message') {
            const row = messageById.get(notice.id);
            if (!row) continue;
            const event: RealtimeServerEvent = {
              type: 'message',
              threadId: row.thread_id,
              message: toChatMessage(row),
            };
            // Recipients come from the row just read, not from the announcement.
            const participants = [row.buyer_id, row.seller_id];
            const delivery = { id: row.id, t: BigInt(notice.t), x: BigInt(notice.x), event };
            for (const userId of participants) {
              for (const c of byUser.get(userId) ?? []) deliver(c, delivery);
            }
            for (const c of watchers.get(row.thread_id) ?? []) {
              if (!participants.includes(c.account.id)) c.send(event);
            }
          } else if (notice.k === 'notification') {
            const row = notificationById.get(notice.id);
            if (!row) continue;
            const delivery = {
              id: row.id,
              t: BigInt(notice.t),
              x: BigInt(notice.x),
              event: {
                type: 'notification' as const,
                notification: toRealtimeNotification(row),
              },
            };
            for (const c of byUser.get(row.user_id) ?? []) deliver(c, delivery);
          } else {
            const event: RealtimeServerEvent = {
              type: 'read',
              threadId: notice.th,
              userId: notice.r,
              readAt: new Date(notice.at).toISOString(),
            };
            for (const userId of notice.u) {
              for (const c of byUser.get(userId) ?? []) deliver(c, { event });
            }
            for (const c of watchers.get(notice.th) ?? []) {
              if (!notice.u.includes(c.account.id)) c.send(event);
            }
          }
        }
      }
    } catch (error) {
      // Announcements in this batch are lost for the sockets here: they resume.
      log.error({ err: error }, 'realtime: could not read announced rows');
      queue.length = 0;
      resumeEveryone('server error; resume with your cursor');
    } finally {
      pumping = false;
    }
  }

  function deliver(connection: RealtimeConnection, delivery: Delivery) {
    const position = connection.position;
    if (!position) {
      connection.buffer.push(delivery);
      return;
    }
    if (delivery.id === undefined || delivery.t === undefined) {
      connection.send(delivery.event);
      return;
    }
    if (delivered(position, delivery.id, delivery.t)) return;
    position.seen.set(delivery.id, delivery.t);
    // Every transaction below x had finished when this event was written, so its
    // events were announced (and handled here) before this one.
    advance(position, delivery.x ?? 0n);
    connection.send({ ...delivery.event, cursor: encodePosition(position) } as RealtimeServerEvent);
  }

  function register(connection: RealtimeConnection): boolean {
    const set = byUser.get(connection.account.id) ?? new Set();
    if (set.size >= maxPerUser) return false;
    set.add(connection);
    byUser.set(connection.account.id, set);
    return true;
  }

  function unregister(connection: RealtimeConnection) {
    connection.dispose();
    const set = byUser.get(connection.account.id);
    set?.delete(connection);
    if (set?.size === 0) byUser.delete(connection.account.id);
    for (const threadId of connection.watching) {
      const w = watchers.get(threadId);
      w?.delete(connection);
      if (w?.size === 0) watchers.delete(threadId);
    }
  }

  /**
   * Replays what the user missed since `since` (or marks the present as seen),
   * in one snapshot, then lets the live events that waited through.
   */
  async function catchUp(connection: RealtimeConnection, since: StreamPosition | undefined) {
    const userId = connection.account.id;
    const replay = await db.transaction(
      async (tx) => {
        const horizon = await snapshotHorizon(tx);
        const from = since ? since.horizon : horizon;
        let events = await eventsSince(tx, userId, from, REPLAY_LIMIT + 1);
        const behind =
          since !== undefined &&
          events.messages.length + events.notifications.length > REPLAY_LIMIT;
        // Too far behind: start from now, and say so.
        if (behind) events = await eventsSince(tx, userId, horizon, REPLAY_LIMIT + 1);
        return { horizon, events, behind };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const ordered: (Delivery & { id: string; t: bigint; at: string })[] = [
      ...replay.events.messages.map((row) => ({
        id: row.id,
        t: BigInt(row.t),
        at: row.created_at,
        event: {
          type: 'message' as const,
          threadId: row.thread_id,
          message: toChatMessage(row),
        },
      })),
      ...replay.events.notifications.map((row) => ({
        id: row.id,
        t: BigInt(row.t),
        at: row.created_at,
        event: { type: 'notification' as const, notification: toRealtimeNotification(row) },
      })),
    ].sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

    const fresh = since === undefined || replay.behind;
    const position: StreamPosition = fresh
      ? { userId, horizon: replay.horizon, seen: new Map() }
      : { userId, horizon: since.horizon, seen: new Map(since.seen) };
    for (const item of ordered) {
      if (delivered(position, item.id, item.t)) continue;
      position.seen.set(item.id, item.t);
      // A fresh start only records the present; a resume sends what was missed.
      if (!fresh) connection.send(item.event);
    }
    advance(position, replay.horizon);
    connection.position = position;
    const waiting = connection.buffer;
    connection.buffer = [];
    for (const delivery of waiting) deliver(connection, delivery);
    connection.send({
      type: 'ready',
      cursor: encodePosition(position),
      ...(replay.behind ? { reset: true } : {}),
    });
  }

  async function onClientMessage(connection: RealtimeConnection, data: RawData) {
    let message: RealtimeClientMessage;
    try {
      message = realtimeClientMessageSchema.parse(JSON.parse(data.toString()));
    } catch {
      connection.send({
        type: 'error',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail:
          'send JSON: {"type":"ping"}, {"type":"subscribe","threadId":…} or {"type":"unsubscribe","threadId":…}',
      });
      return;
    }
    if (message.type === 'ping') {
      connection.send({ type: 'pong' });
      return;
    }
    const { threadId } = message;
    if (message.type === 'unsubscribe') {
      connection.watching.delete(threadId);
      watchers.get(threadId)?.delete(connection);
      connection.send({ type: 'unsubscribed', threadId });
      return;
    }
    try {
      await options.threadAccess(connection.account, threadId);
    } catch (error) {
      if (error instanceof AppError) {
        connection.send({
          type: 'error',
          status: error.status,
          code: error.code,
          detail: error.message,
          threadId,
        });
        return;
      }
      throw error;
    }
    connection.watching.add(threadId);
    const set = watchers.get(threadId) ?? new Set();
    set.add(connection);
    watchers.set(threadId, set);
    connection.send({ type: 'subscribed', threadId });
  }

  function startTimers() {
    if (timers.length > 0) return;
    const heartbeat = setInterval(() => {
      for (const connection of every()) {
        if (!connection.alive) {
          connection.socket.terminate();
          continue;
        }
        connection.alive = false;
        connection.socket.ping();
      }
    }, options.heartbeatMs ?? 30_000);
    // Signing out ends the session at once: its sockets close within a minute.
    const sessions = setInterval(() => {
      const withSession = every().filter((c) => c.sessionId);
      const ids = [...new Set(withSession.map((c) => c.sessionId!))];
      if (ids.length === 0) return;
      openSessions(db, ids).then(
        (open) => {
          for (const c of withSession) {
            if (!open.has(c.sessionId!)) {
              c.close(REALTIME_CLOSE.UNAUTHENTICATED, 'the session has ended');
            }
          }
        },
        (error) => log.warn({ err: error }, 'realtime: session check failed'),
      );
    }, options.sessionCheckMs ?? 60_000);
    heartbeat.unref();
    sessions.unref();
    timers = [heartbeat, sessions];
  }

  return {
    /**
     * Takes an upgraded socket of a signed-in user: listens first, catches up
     * from the cursor, then streams. Closes it with a reason when it cannot.
     */
    async attach(
      socket: WebSocket,
      account: Account,
      credential: { sessionId: string | null; expiresAt: number | null },
      since: StreamPosition | undefined,
    ) {
      const connection = new RealtimeConnection(
        socket,
        account,
        credential.sessionId,
        credential.expiresAt,
      );
      // Handlers first: nothing the client sends while we catch up is lost.
      const ready = { done: false, pending: [] as RawData[] };
      socket.on('message', (data) => {
        if (!ready.done) ready.pending.push(data);
        else void onClientMessage(connection, data);
      });
      socket.on('pong', () => {
        connection.alive = true;
      });
      socket.on('close', () => unregister(connection));
      if (!register(connection)) {
        connection.close(REALTIME_CLOSE.TOO_MANY, 'too many connections for this user');
        return;
      }
      try {
        await ensureListening();
        await catchUp(connection, since);
      } catch (error) {
        log.error({ err: error }, 'realtime: could not start a stream');
        connection.close(REALTIME_CLOSE.RESTART, 'server error; try again');
        return;
      }
      ready.done = true;
      for (const data of ready.pending) await onClientMessage(connection, data);
    },

    /** Sockets open on this instance (for tests and logs). */
    connectionCount: () => every().length,

    /** Closes every socket (they resume elsewhere) and the LISTEN connection. */
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      timers = [];
      for (const connection of every()) {
        connection.close(REALTIME_CLOSE.RESTART, 'server restarting');
        unregister(connection);
      }
      const l = listener;
      listener = undefined;
      await l?.end({ timeout: 2 });
    },
  };
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
