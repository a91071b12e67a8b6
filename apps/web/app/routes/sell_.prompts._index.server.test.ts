import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../test/catalog';
import { sellerPromptSummary } from '../test/editor';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let mine: FakeAnswer;

function defaultAnswer(): FakeAnswer {
  return {
    status: 200,
    body: {
      items: [
        sellerPromptSummary({ coverUrl: '/storage/v1/object/sign/prompt-assets/c.webp?token=1' }),
        sellerPromptSummary({
          title: 'Rejected one',
          status: 'rejected',
          rejectionReason: 'The examples do not match the prompt.',
        }),
      ],
    },
  };
}

beforeAll(async () => {
  api = await startFakeApi((call) =>
    call.method === 'GET' && call.url === '/api/me/prompts' ? mine : undefined,
  );
});
afterAll(() => api.close());
beforeEach(() => {
  mine = defaultAnswer();
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function list(cookie?: string, path = '/sell/prompts') {
  const { loader } = await withApi(api.url, () => import('./sell_.prompts._index.server'));
  return outcome(() => loader({ request: pageRequest(path, cookie), params: {}, context: {} }));
}

describe('your prompts', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await list();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fprompts');
    expect(api.calls).toEqual([]);
  });

  it('lists the seller’s prompts in every status, with browser-loadable covers', async () => {
    const result = await list(await signedInCookie(), '/sell/prompts?notice=deleted');
    expect(result.status).toBe(200);
    expect(api.calls[0]?.headers.authorization).toBe('Bearer access-signed-in');
    const { prompts, notice } = result.data as {
      prompts: { status: string; coverUrl: string | null; rejectionReason: string | null }[];
      notice: string | null;
    };
    expect(prompts.map((p) => p.status)).toEqual(['draft', 'rejected']);
    // Relative to the API, as the browser reaches it.
    expect(prompts[0]?.coverUrl).toBe(
      `${api.url}/storage/v1/object/sign/prompt-assets/c.webp?token=1`,
    );
    expect(prompts[1]?.rejectionReason).toBe('The examples do not match the prompt.');
    expect(notice).toBe('The draft is deleted.');
  });

  it('sends someone who is not a seller to become one', async () => {
    mine = problem(403, 'SELLER_REQUIRED');
    const result = await list(await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
  });

  it('signs out a visitor whose token the API refuses', async () => {
    mine = problem(401, 'UNAUTHENTICATED');
    const result = await list(await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/signin?redirectTo=%2Fsell%2Fprompts');
  });

  it('shows a 503 page when the API fails', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    mine = problem(503, 'DATABASE_UNAVAILABLE');
    const result = await list(await signedInCookie());
    expect(result.status).toBe(503);
    expect(warn).toHaveBeenCalledOnce();
  });
});
