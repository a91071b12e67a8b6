import {
  createAdmin,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import { REALTIME_CLOSE, REALTIME_PROTOCOL, realtimeTicketSchema } from '@promptnx/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signExpiredToken, signIn, signTestToken } from '../../test/tokens.js';
import { encodePosition } from './cursor.js';
import { connected, openSocket, type TestSocket } from './test-socket.js';

// Real sockets on 127.0.0.1 against two API instances sharing one database:
// what one instance writes reaches sockets on the other through LISTEN/NOTIFY.

const WEB = 'http://web.test';
const database = await useTestDatabase();
const env = { ...authEnv, AUTH_SITE_URL: WEB };
const appA = await buildTestApp(database, env);
const appB = await buildTestApp(database, env);
const urlA = await appA.listen({ host: '127.0.0.1', port: 0 });
const urlB = await appB.listen({ host: '127.0.0.1', port: 0 });
const { db, sql } = database;

interface Person {
  user: TestUser;
  token: string;
  headers: { authorization: string };
}
async function person(user: TestUser): Promise<Person> {
  const { token, headers } = await signIn(database, user);
  return { user, token, headers };
}

let seller: Person;
let buyer: Person;
let outsider: Person;
let admin: Person;
let threadId: string;
const sockets: TestSocket[] = [];

async function open(baseUrl: string, who: Person, options: { since?: string } = {}) {
  const socket = await connected(baseUrl, { token: who.token, ...options });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  seller = await person(await createSeller(db));
  buyer = await person(await createUser(db));
  outsider = await person(await createUser(db));
  admin = await person(await createAdmin(db));
  const started = await appA.inject({
    method: 'POST',
    url: '/api/chat/threads',
    headers: buyer.headers,
    payload: { sellerId: seller.user.id },
  });
  expect(started.statusCode).toBe(201);
  threadId = started.json().id;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
});

function send(app: typeof appA, who: Person, body: string, thread = threadId) {
  return app.inject({
    method: 'POST',
    url: `/api/chat/threads/${thread}/messages`,
    headers: who.headers,
    payload: { body },
  });
}

/** A notification written as system code (sales, payouts… write them this way). */
async function notify(userId: string, title: string) {
  const [row] = await sql<{ id: string }[]>`
    insert into notifications (user_id, type, title, body, data)
    values (${userId}, 'system', ${title}, 'Body text', '{"k": 1}') returning id`;
  return row!.id;
}

describe('opening the socket', () => {
  it('needs a valid access token; no socket opens otherwise', async () => {
    const none = await openSocket(urlA, { protocols: [REALTIME_PROTOCOL] });
    expect(none).toMatchObject({ status: 401 });
    expect(JSON.parse((none as { body: string }).body).code).toBe('UNAUTHENTICATED');
    const forged = await signTestToken({ sub: buyer.user.id }, { secret: 'x'.repeat(40) });
    expect(await openSocket(urlA, { token: forged })).toMatchObject({ status: 401 });
    const expired = await signExpiredToken({ sub: buyer.user.id });
    expect(await openSocket(urlA, { token: expired })).toMatchObject({ status: 401 });
    expect(await openSocket(urlA, { token: 'not-a-jwt' })).toMatchObject({ status: 401 });
    // A token whose session has ended (signed out).
    const { token, sessionId } = await signIn(database, buyer.user);
    await sql`delete from auth.sessions where id = ${sessionId}`;
    expect(await openSocket(urlA, { token })).toMatchObject({ status: 401 });
  });

  it('refuses pages of other sites (Origin) and accepts the storefront', async () => {
    const evil = await openSocket(urlA, { token: buyer.token, origin: 'https://evil.test' });
    expect(evil).toMatchObject({ status: 403 });
    expect(JSON.parse((evil as { body: string }).body).code).toBe('FORBIDDEN');
    const storefront = await open(urlA, buyer);
    expect(storefront.ws.protocol).toBe(REALTIME_PROTOCOL);
    const fromWeb = await connected(urlA, { token: buyer.token, origin: WEB });
    sockets.push(fromWeb);
    await fromWeb.next('ready');
  });

  it('also takes the token in an Authorization header (servers)', async () => {
    const socket = await connected(urlB, {
      protocols: [REALTIME_PROTOCOL],
      headers: buyer.headers,
    });
    sockets.push(socket);
    await socket.next('ready');
  });

  it('opens with a single-use ticket (for browsers), never twice', async () => {
    const answer = await appA.inject({
      method: 'POST',
      url: '/api/realtime/tickets',
      headers: buyer.headers,
    });
    expect(answer.statusCode).toBe(201);
    const { ticket, url } = realtimeTicketSchema.parse(answer.json());
    expect(url).toBe('ws://localhost:4000/api/realtime');
    const first = await connected(urlB, { ticket, origin: WEB });
    sockets.push(first);
    await first.next('ready');
    expect(await openSocket(urlB, { ticket, origin: WEB })).toMatchObject({ status: 401 });
    expect((await appA.inject({ method: 'POST', url: '/api/realtime/tickets' })).statusCode).toBe(
      401,
    );
    const stored = await sql`select token_hash from realtime_tickets`;
    expect(JSON.stringify(stored)).not.toContain(ticket);
  });

  it('a ticket whose session ended since it was given out opens and is closed at once with 4401', async () => {
    const { headers, sessionId } = await signIn(database, buyer.user);
    const answer = await appA.inject({ method: 'POST', url: '/api/realtime/tickets', headers });
    const { ticket } = realtimeTicketSchema.parse(answer.json());
    // Signed out while the page was connecting.
    await sql`delete from auth.sessions where id = ${sessionId}`;
    const opened = await openSocket(urlB, { ticket, origin: WEB });
    expect(opened).toHaveProperty('socket');
    const { socket } = opened as { socket: TestSocket };
    expect((await socket.closed).code).toBe(REALTIME_CLOSE.UNAUTHENTICATED);
    // The ticket was used up: it cannot be tried again.
    expect(await openSocket(urlB, { ticket, origin: WEB })).toMatchObject({ status: 401 });
  });
});

describe('fan-out across instances', () => {
  it('a message sent through instance A reaches both participants’ sockets on A and B', async () => {
    const buyerOnB = await open(urlB, buyer);
    const sellerOnA = await open(urlA, seller);
    await Promise.all([buyerOnB.next('ready'), sellerOnA.next('ready')]);

    const sent = await send(appA, seller, 'Thanks for asking! **Yes**, it works.');
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as string;
    const onB = await buyerOnB.next('message', (e) => e.message.id === id);
    expect(onB).toMatchObject({
      threadId,
      message: {
        id,
        senderId: seller.user.id,
        body: 'Thanks for asking! **Yes**, it works.',
        bodyHtml: '<p>Thanks for asking! <strong>Yes</strong>, it works.</p>',
      },
    });
    expect(onB.cursor).toEqual(expect.any(String));
    await sellerOnA.next('message', (e) => e.message.id === id);
  });

  it('notifications are pushed to their user, with nothing the others may not see', async () => {
    const buyerOnA = await open(urlA, buyer);
    const outsiderOnB = await open(urlB, outsider);
    await Promise.all([buyerOnA.next('ready'), outsiderOnB.next('ready')]);
    const id = await notify(buyer.user.id, 'You bought a prompt');
    const event = await buyerOnA.next('notification', (e) => e.notification.id === id);
    expect(event.notification).toMatchObject({
      id,
      type: 'system',
      title: 'You bought a prompt',
      body: 'Body text',
      data: { k: 1 },
      readAt: null,
    });
    // The outsider's own notification arrives; the buyer's never did.
    const own = await notify(outsider.user.id, 'Yours');
    await outsiderOnB.next('notification', (e) => e.notification.id === own);
    expect(
      outsiderOnB.events.some((e) => e.type === 'notification' && e.notification.id === id),
    ).toBe(false);
  });

  it('a new message rings the recipient’s bell: a message notification, pushed live', async () => {
    const listener = await person(await createUser(db));
    const started = await appA.inject({
      method: 'POST',
      url: '/api/chat/threads',
      headers: listener.headers,
      payload: { sellerId: seller.user.id },
    });
    const thread = started.json().id as string;
    const sellerOnB = await open(urlB, seller);
    await sellerOnB.next('ready');
    await send(appA, listener, 'Ring ring', thread);
    const rung = await sellerOnB.next(
      'notification',
      (e) => e.notification.type === 'message' && e.notification.data.threadId === thread,
    );
    expect(rung.notification).toMatchObject({ body: 'Ring ring', readAt: null });
  });

  it('read markers are pushed to both participants', async () => {
    const buyerOnB = await open(urlB, buyer);
    await buyerOnB.next('ready');
    await send(appA, buyer, 'Did you see this?');
    const read = await appA.inject({
      method: 'POST',
      url: `/api/chat/threads/${threadId}/read`,
      headers: seller.headers,
      payload: {},
    });
    expect(read.statusCode).toBe(200);
    const event = await buyerOnB.next('read', (e) => e.userId === seller.user.id);
    expect(event).toEqual({
      type: 'read',
      threadId,
      userId: seller.user.id,
      readAt: read.json().readAt,
    });
  });
});

describe('only participants', () => {
  it('get a thread’s events: others get a 403 when they subscribe, and nothing else', async () => {
    const watcher = await open(urlB, outsider);
    await watcher.next('ready');
    watcher.send({ type: 'subscribe', threadId });
    const refused = await watcher.next('error');
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN', threadId });
    watcher.send({ type: 'subscribe', threadId: '00000000-0000-4000-8000-000000000000' });
    expect(await watcher.next('error', (e) => e.status === 404)).toMatchObject({
      code: 'NOT_FOUND',
    });

    const sent = await send(appA, buyer, 'Private words');
    // A later event of the outsider's own proves the stream went past the message.
    const own = await notify(outsider.user.id, 'Sentinel');
    await watcher.next('notification', (e) => e.notification.id === own);
    expect(JSON.stringify(watcher.events)).not.toContain('Private words');
    expect(watcher.events.some((e) => e.type === 'message')).toBe(false);
    expect(sent.statusCode).toBe(201);
  });

  it('participants may subscribe; admins may watch a thread for moderation', async () => {
    const participant = await open(urlA, buyer);
    participant.send({ type: 'subscribe', threadId });
    await participant.next('subscribed');
    const moderator = await open(urlB, admin);
    moderator.send({ type: 'subscribe', threadId });
    expect(await moderator.next('subscribed')).toEqual({ type: 'subscribed', threadId });
    const sent = await send(appA, seller, 'Watched message');
    const seen = await moderator.next('message', (e) => e.message.id === sent.json().id);
    expect(seen.cursor).toBeUndefined();
  });

  it('a cursor of someone else’s is refused (4403); a made-up one too (4400)', async () => {
    const theirs = encodePosition({ userId: buyer.user.id, horizon: 1n, seen: new Map() });
    const stolen = await open(urlA, outsider, { since: theirs });
    expect(await stolen.closed).toEqual({
      code: REALTIME_CLOSE.FORBIDDEN,
      reason: 'this cursor belongs to someone else',
    });
    expect(stolen.events.some((e) => e.type === 'message' || e.type === 'ready')).toBe(false);
    const garbage = await open(urlA, outsider, { since: 'AAAA' });
    expect((await garbage.closed).code).toBe(REALTIME_CLOSE.BAD_CURSOR);
  });

  it('answers pings and refuses messages it does not know', async () => {
    const socket = await open(urlA, buyer);
    socket.send({ type: 'ping' });
    await socket.next('pong');
    socket.send({ type: 'shout', text: 'hello' });
    expect(await socket.next('error')).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('reconnecting', () => {
  it('catches up from the cursor: everything missed, nothing twice', async () => {
    const first = await open(urlB, buyer);
    const ready = await first.next('ready');
    const before = await send(appA, seller, 'Before the drop');
    const live = await first.next('message', (e) => e.message.id === before.json().id);
    await first.close();

    // While the buyer is away: messages through both instances, and a notification.
    const missed = [
      (await send(appA, seller, 'Missed 1')).json().id,
      (await send(appB, seller, 'Missed 2')).json().id,
    ];
    const missedNotification = await notify(buyer.user.id, 'Missed notification');
    missed.push((await send(appA, buyer, 'Missed 3 (from another tab)')).json().id);

    const second = await open(urlA, buyer, { since: live.cursor! });
    const resumed = await second.next('ready');
    expect(resumed.cursor).not.toBe(ready.cursor);
    const after = await send(appB, seller, 'After the resume');
    await second.next('message', (e) => e.message.id === after.json().id);

    const all = second.events.flatMap((e) =>
      e.type === 'message' ? [e.message.id] : e.type === 'notification' ? [e.notification.id] : [],
    );
    expect(new Set(all).size).toBe(all.length);
    // The bell's own "new message" notifications aside, in the order they were written.
    const ids = second.events.flatMap((e) =>
      e.type === 'message'
        ? [e.message.id]
        : e.type === 'notification' && e.notification.type !== 'message'
          ? [e.notification.id]
          : [],
    );
    expect(ids).toEqual([...missed.slice(0, 2), missedNotification, missed[2], after.json().id]);
    expect(ids).not.toContain(before.json().id);
  });

  it('misses nothing written by a transaction that commits after later events were delivered', async () => {
    const socket = await open(urlA, buyer);
    await socket.next('ready');
    // A slow transaction writes a notification first and commits last.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowId = '';
    const slow = sql.begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        insert into notifications (user_id, type, title) values (${buyer.user.id}, 'system', 'Slow')
        returning id`;
      slowId = row!.id;
      await gate;
    });
    while (!slowId) await new Promise((resolve) => setTimeout(resolve, 5));
    const quick = await send(appA, seller, 'Quick one');
    const delivered = await socket.next('message', (e) => e.message.id === quick.json().id);
    await socket.close();
    release();
    await slow;

    const again = await open(urlB, buyer, { since: delivered.cursor! });
    await again.next('ready');
    const ids = again.events.flatMap((e) =>
      e.type === 'message' ? [e.message.id] : e.type === 'notification' ? [e.notification.id] : [],
    );
    expect(ids).toEqual([slowId]);
  });

  it('starts from now without a cursor', async () => {
    const socket = await open(urlB, buyer);
    await socket.next('ready');
    expect(socket.events.filter((e) => e.type !== 'ready')).toEqual([]);
  });
});
