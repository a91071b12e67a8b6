import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem, promptDetail } from '../test/catalog';
import { PROMPT_ID, SELLER_ID, THREAD_ID, thread } from '../test/chat';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let startAnswer: FakeAnswer;

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'GET' && call.url === `/api/prompts/${PROMPT_ID}`) {
      const detail = promptDetail({ id: PROMPT_ID, title: 'Cold e-mail opener' });
      return {
        status: 200,
        body: { ...detail, seller: { ...detail.seller, id: SELLER_ID, displayName: 'Grace' } },
      };
    }
    if (call.method === 'POST' && call.url === '/api/chat/threads') return startAnswer;
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  startAnswer = { status: 201, body: thread() };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
});

const load = () => withApi(api.url, () => import('./messages.new.server'));

describe('writing to a seller', () => {
  it('sends a signed-out visitor to sign in, then back to the compose page', async () => {
    const { loader } = await load();
    const path = `/messages/new?promptId=${PROMPT_ID}`;
    const result = await outcome(() =>
      loader({ request: pageRequest(path), params: {}, context: {} }),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
  });

  it('names the seller and the prompt', async () => {
    const { loader } = await load();
    const result = await outcome(async () =>
      loader({
        request: pageRequest(`/messages/new?promptId=${PROMPT_ID}`, await signedInCookie()),
        params: {},
        context: {},
      }),
    );
    expect(result.data).toMatchObject({
      topic: { promptId: PROMPT_ID },
      context: { sellerName: 'Grace', promptTitle: 'Cold e-mail opener', own: false },
    });
  });

  it('goes to the inbox without a topic', async () => {
    const { loader } = await load();
    const result = await outcome(async () =>
      loader({
        request: pageRequest('/messages/new?promptId=nope', await signedInCookie()),
        params: {},
        context: {},
      }),
    );
    expect(result.headers.get('Location')).toBe('/inbox');
  });

  it('starts the conversation with the first message and opens it', async () => {
    const { action } = await load();
    const request = await formPost(
      '/messages/new',
      { promptId: PROMPT_ID, body: 'Could you write one for B2B SaaS?' },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(303);
    expect(result.headers.get('Location')).toBe(`/inbox/${THREAD_ID}`);
    expect(api.calls[0]?.body).toEqual({
      promptId: PROMPT_ID,
      message: 'Could you write one for B2B SaaS?',
    });
  });

  it('keeps the text and says why when the seller blocked the buyer', async () => {
    startAnswer = problem(403, 'CHAT_BLOCKED', {
      detail: 'this person does not accept messages from you',
    });
    const { action } = await load();
    const request = await formPost(
      '/messages/new',
      { promptId: PROMPT_ID, body: 'Hello' },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(403);
    expect(result.data).toMatchObject({
      body: 'Hello',
      formError: 'This person does not accept messages from you.',
    });
  });

  it('asks for a message without calling the API', async () => {
    const { action } = await load();
    const request = await formPost(
      '/messages/new',
      { promptId: PROMPT_ID, body: '' },
      await signedInCookie(),
    );
    const result = await outcome(() => action({ request, params: {}, context: {} }));
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ bodyError: 'Write a message first.' });
    expect(api.calls).toEqual([]);
  });
});
