import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { MESSAGE_ID, message, SELLER_ID, THREAD_ID, thread } from '../test/chat';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let threadAnswer: FakeAnswer;
let sendAnswer: FakeAnswer;
let readAnswer: FakeAnswer;
const base = `/api/chat/threads/${THREAD_ID}`;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === base) return threadAnswer;
    if (call.method === 'GET' && call.url.startsWith(`${base}/messages`)) {
      return {
        status: 200,
        body: {
          items: [
            message({ id: MESSAGE_ID, body: 'Second', createdAt: '2026-11-20T10:00:00.000Z' }),
            message({
              id: '0e5d4c3b-2a19-4f8e-8d7c-6b5a4f3e2d1c',
              body: 'First',
              createdAt: '2026-11-20T09:00:00.000Z',
            }),
          ],
          nextCursor: 'older',
        },
      };
    }
    if (call.method === 'POST' && call.url === `${base}/messages`) return sendAnswer;
    if (call.method === 'POST' && call.url === `${base}/read`) return readAnswer;
    if (call.url === `/api/chat/blocks/${SELLER_ID}`) {
      return call.method === 'PUT'
        ? { status: 200, body: { user: thread().seller, blockedAt: '2026-11-20T10:00:00.000Z' } }
        : { status: 204 };
    }
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  threadAnswer = { status: 200, body: thread() };
  sendAnswer = { status: 201, body: message({ senderId: '7d6f1c2a-3b4e-4f5a-8b9c-0d1e2f3a4b5c' }) };
  readAnswer = {
    status: 200,
    body: { threadId: THREAD_ID, readAt: '2026-11-20T10:00:00.000Z', unreadCount: 0 },
  };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./inbox.$threadId.server'));
const calls = () => api.calls.map((c) => `${c.method} ${c.url}`);

async function view(path = `/inbox/${THREAD_ID}`, threadId = THREAD_ID) {
  const { loader } = await load();
  return outcome(async () =>
    loader({
      request: pageRequest(path, await signedInCookie()),
      params: { threadId },
      context: {},
    }),
  );
}

async function post(fields: Record<string, string>) {
  const { action } = await load();
  const request = await formPost(`/inbox/${THREAD_ID}`, fields, await signedInCookie());
  return outcome(() => action({ request, params: { threadId: THREAD_ID }, context: {} }));
}

describe('a conversation', () => {
  it('shows the messages oldest first and marks them read on view', async () => {
    const result = await view();
    expect(result.status).toBe(200);
    const data = result.data as {
      thread: { unreadCount: number; buyerReadAt: string | null };
      messages: { body: string }[];
      olderCursor: string;
    };
    expect(data.messages.map((m) => m.body)).toEqual(['First', 'Second']);
    expect(data.olderCursor).toBe('older');
    expect(data.thread).toMatchObject({ unreadCount: 0, buyerReadAt: '2026-11-20T10:00:00.000Z' });
    expect(calls()).toContain(`POST ${base}/read`);
  });

  it('does not mark read when nothing is unread, nor on an older page', async () => {
    threadAnswer = { status: 200, body: thread({ unreadCount: 0 }) };
    await view();
    threadAnswer = { status: 200, body: thread() };
    await view(`/inbox/${THREAD_ID}?before=older`);
    expect(calls()).not.toContain(`POST ${base}/read`);
    expect(calls()).toContain(`GET ${base}/messages?cursor=older&limit=30`);
  });

  it('is a 403 page for people outside it and a 404 for no conversation', async () => {
    threadAnswer = problem(403, 'FORBIDDEN');
    expect((await view()).status).toBe(403);
    expect((await view('/inbox/nonsense', 'nonsense')).status).toBe(404);
    threadAnswer = problem(404, 'NOT_FOUND');
    expect((await view()).status).toBe(404);
  });

  it('is private, no-store', async () => {
    expect(cacheControlOf(await import('./inbox.$threadId'))).toBe(PRIVATE_NO_STORE);
  });
});

describe('writing', () => {
  it('sends a message and comes back to the conversation (works without JavaScript)', async () => {
    const result = await post({ intent: 'send', body: '  Thanks!  ' });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/inbox/${THREAD_ID}`);
    expect(api.calls[0]?.body).toEqual({ body: 'Thanks!' });
  });

  it('asks for a message, at most 4,000 characters, without calling the API', async () => {
    expect((await post({ intent: 'send', body: ' ' })).data).toMatchObject({
      bodyError: 'Write a message first.',
    });
    expect((await post({ intent: 'send', body: 'x'.repeat(4001) })).status).toBe(400);
    expect(api.calls).toEqual([]);
  });

  it('says why when the other person blocked me, or I wrote too much', async () => {
    sendAnswer = problem(403, 'CHAT_BLOCKED', {
      detail: 'this person does not accept messages from you',
    });
    const blocked = await post({ intent: 'send', body: 'Hello?' });
    expect(blocked.status).toBe(403);
    expect(blocked.data).toMatchObject({
      formError: 'This person does not accept messages from you.',
      body: 'Hello?',
    });
    sendAnswer = problem(429, 'RATE_LIMITED', { detail: 'too many chat.messages actions' });
    expect((await post({ intent: 'send', body: 'Hello?' })).status).toBe(429);
  });

  it('marks a live message read', async () => {
    const result = await post({ intent: 'read', messageId: MESSAGE_ID });
    expect(result.status).toBe(200);
    expect(api.calls[0]?.body).toEqual({ messageId: MESSAGE_ID });
  });

  it('blocks and unblocks the other person', async () => {
    const blocked = await post({ intent: 'block', userId: SELLER_ID });
    expect(blocked.headers.get('Location')).toBe(`/inbox/${THREAD_ID}?notice=blocked`);
    const unblocked = await post({ intent: 'unblock', userId: SELLER_ID });
    expect(unblocked.headers.get('Location')).toBe(`/inbox/${THREAD_ID}?notice=unblocked`);
    expect(calls()).toEqual([
      `PUT /api/chat/blocks/${SELLER_ID}`,
      `DELETE /api/chat/blocks/${SELLER_ID}`,
    ]);
  });

  it('refuses a forged form and an unknown intent', async () => {
    expect((await post({ intent: 'send', body: 'Hi', csrf: 'forged' })).status).toBe(403);
    expect((await post({ intent: 'delete-everything' })).status).toBe(400);
    expect(api.calls).toEqual([]);
  });
});
