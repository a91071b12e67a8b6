import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { cacheControlOf } from '../test/headers';
import { UNSUBSCRIBE_TOKEN } from '../test/notifications';
import { formPost, outcome, pageRequest, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let stateAnswer: FakeAnswer;
let unsubscribeAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (!call.url.startsWith('/api/unsubscribe')) return undefined;
    return call.method === 'POST' ? unsubscribeAnswer : stateAnswer;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  stateAnswer = { status: 200, body: { type: 'sale', email: true } };
  unsubscribeAnswer = { status: 200, body: { type: 'sale', email: false } };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./unsubscribe.server'));

async function open(path: string) {
  const { loader } = await load();
  return outcome(() => loader({ request: pageRequest(path), params: {}, context: {} }));
}

async function confirm(fields: Record<string, string>) {
  const { action } = await load();
  const request = await formPost('/unsubscribe', fields);
  return outcome(() => action({ request, params: {}, context: {} }));
}

describe('the unsubscribe page', () => {
  it('asks before turning anything off: opening the link changes nothing', async () => {
    const result = await open(`/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`);
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ token: UNSUBSCRIBE_TOKEN, type: 'sale', unsubscribed: false });
    expect(api.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      `GET /api/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`,
    ]);
    // No session: the link works signed out.
    expect(api.calls[0]?.headers.authorization).toBeUndefined();
    expect(cacheControlOf(await import('./unsubscribe'))).toBe(PRIVATE_NO_STORE);
  });

  it('unsubscribes with the button, without a session, then shows that it is done', async () => {
    const result = await confirm({ token: UNSUBSCRIBE_TOKEN });
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`);
    expect(api.calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/unsubscribe',
      body: { token: UNSUBSCRIBE_TOKEN },
    });
    stateAnswer = { status: 200, body: { type: 'sale', email: false } };
    expect((await open(`/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`)).data).toMatchObject({
      unsubscribed: true,
    });
  });

  it('answers 404 for a link we never sent and 400 for a broken one, without asking the API', async () => {
    stateAnswer = problem(404, 'NOT_FOUND');
    expect((await open(`/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`)).status).toBe(404);
    api.calls.length = 0;
    expect((await open('/unsubscribe?token=short')).status).toBe(400);
    expect((await open('/unsubscribe')).status).toBe(400);
    expect((await confirm({ token: '<script>' })).status).toBe(400);
    expect(api.calls).toEqual([]);
    unsubscribeAnswer = problem(404, 'NOT_FOUND');
    expect((await confirm({ token: UNSUBSCRIBE_TOKEN })).status).toBe(404);
  });

  it('refuses a forged form and shows a 503 page when the API is down', async () => {
    expect((await confirm({ token: UNSUBSCRIBE_TOKEN, csrf: 'forged' })).status).toBe(403);
    expect(api.calls).toEqual([]);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    stateAnswer = problem(503, 'DATABASE_UNAVAILABLE');
    expect((await open(`/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`)).status).toBe(503);
  });
});
