import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PRIVATE_NO_STORE } from '../lib/cache-headers';
import { problem } from '../test/catalog';
import { DRAFT_ID, editorAsset, multipartPost, pngBytes, VERSION_1_ID } from '../test/editor';
import { type FakeAnswer, startFakeApi } from '../test/fake-api';
import { outcome, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
let uploadAnswers: FakeAnswer[];

beforeAll(async () => {
  api = await startFakeApi((call) => {
    if (call.method === 'POST' && call.url.startsWith(`/api/prompts/${DRAFT_ID}/assets`)) {
      return uploadAnswers.shift() ?? { status: 201, body: editorAsset({ id: randomUUID() }) };
    }
    return undefined;
  });
});
afterAll(() => api.close());
beforeEach(() => {
  uploadAnswers = [];
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const path = `/sell/prompts/${DRAFT_ID}/assets`;
const editor = `/sell/prompts/${DRAFT_ID}`;

async function upload(request: Request) {
  const { action } = await withApi(api.url, () => import('./sell_.prompts.$id_.assets.server'));
  return outcome(() => action({ request, params: { id: DRAFT_ID }, context: {} }));
}

describe('example upload route', () => {
  it('forwards the image’s bytes to the API with its type, version and alt text', async () => {
    const bytes = pngBytes(4096);
    const { action } = await withApi(api.url, () => import('./sell_.prompts.$id_.assets.server'));
    const response = (await action({
      request: multipartPost(
        path,
        {
          fields: { versionId: VERSION_1_ID, altText: ' A lighthouse ' },
          files: [{ name: 'lighthouse.png', type: 'image/png', bytes }],
        },
        await signedInCookie(),
        { json: true },
      ),
      params: { id: DRAFT_ID },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe(PRIVATE_NO_STORE);
    expect(await response.json()).toEqual({ ok: true, assetIds: [expect.any(String)] });

    const call = api.calls[0]!;
    expect(call.url).toBe(
      `/api/prompts/${DRAFT_ID}/assets?versionId=${VERSION_1_ID}&altText=A+lighthouse`,
    );
    expect(call.headers['content-type']).toBe('image/png');
    expect(call.headers.authorization).toBe('Bearer access-signed-in');
    expect(Buffer.compare(call.raw, Buffer.from(bytes))).toBe(0);
  });

  it('sends several images one by one without JavaScript, then back to the editor', async () => {
    const result = await upload(
      multipartPost(
        path,
        {
          files: [
            { name: 'a.png', type: 'image/png', bytes: pngBytes(100) },
            { name: 'b.jpg', type: 'image/jpeg', bytes: pngBytes(200) },
          ],
        },
        await signedInCookie(),
      ),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${editor}?uploaded=2#examples`);
    expect(api.calls.map((c) => [c.url, c.headers['content-type'], c.raw.length])).toEqual([
      [`/api/prompts/${DRAFT_ID}/assets`, 'image/png', 100],
      [`/api/prompts/${DRAFT_ID}/assets`, 'image/jpeg', 200],
    ]);
  });

  it('words the API’s 415 (not really an image) and 413 for the script', async () => {
    const { action } = await withApi(api.url, () => import('./sell_.prompts.$id_.assets.server'));
    const send = async () =>
      (await action({
        request: multipartPost(
          path,
          { files: [{ name: 'page.png', type: 'image/png', bytes: pngBytes(64) }] },
          await signedInCookie(),
          { json: true },
        ),
        params: { id: DRAFT_ID },
        context: {},
      })) as Response;

    uploadAnswers = [problem(415, 'UNSUPPORTED_MEDIA_TYPE', { detail: 'not an image' })];
    const unsupported = await send();
    expect(unsupported.status).toBe(415);
    expect(await unsupported.json()).toEqual({
      ok: false,
      code: 'type',
      error: 'That file is not an image we can use. Upload a PNG, JPEG or WebP image.',
    });

    uploadAnswers = [problem(413, 'PAYLOAD_TOO_LARGE', { detail: 'more than 40 million pixels' })];
    const tooLarge = await send();
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ ok: false, code: 'too-large' });

    uploadAnswers = [problem(409, 'CONFLICT', { detail: 'a prompt has at most 12 examples' })];
    const conflict = await send();
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({
      ok: false,
      code: 'refused',
      error: 'A prompt has at most 12 examples.',
    });
  });

  it('tells a no-JavaScript upload how far it got when one image is refused', async () => {
    uploadAnswers = [{ status: 201, body: editorAsset() }, problem(415, 'UNSUPPORTED_MEDIA_TYPE')];
    const result = await upload(
      multipartPost(
        path,
        {
          files: [
            { name: 'a.png', type: 'image/png', bytes: pngBytes(100) },
            { name: 'b.png', type: 'image/png', bytes: pngBytes(100) },
          ],
        },
        await signedInCookie(),
      ),
    );
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${editor}?uploadError=type&uploaded=1#examples`);
  });

  it('refuses a file that does not claim to be an image without asking the API', async () => {
    const result = await upload(
      multipartPost(
        path,
        {
          files: [
            { name: 'notes.html', type: 'text/html', bytes: new TextEncoder().encode('<p>') },
          ],
        },
        await signedInCookie(),
        { json: true },
      ),
    );
    expect(result.status).toBe(415);
    expect(api.calls).toEqual([]);
  });

  it('refuses an oversized upload before reading it', async () => {
    const request = multipartPost(
      path,
      { files: [{ name: 'a.png', type: 'image/png', bytes: pngBytes(10) }] },
      await signedInCookie(),
      { json: true },
    );
    request.headers.set('Content-Length', String(50 * 1024 * 1024));
    const result = await upload(request);
    expect(result.status).toBe(413);
    expect(api.calls).toEqual([]);
  });

  it('refuses a post without the CSRF token, in words for the script', async () => {
    const request = multipartPost(
      path,
      { files: [{ name: 'a.png', type: 'image/png', bytes: pngBytes(10) }] },
      await signedInCookie(),
      { json: true, csrf: 'forged' },
    );
    const { action } = await withApi(api.url, () => import('./sell_.prompts.$id_.assets.server'));
    const response = (await action({ request, params: { id: DRAFT_ID }, context: {} })) as Response;
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, code: 'expired' });
    expect(api.calls).toEqual([]);
  });

  it('refuses a post from another site', async () => {
    const request = multipartPost(
      path,
      { files: [{ name: 'a.png', type: 'image/png', bytes: pngBytes(10) }] },
      await signedInCookie(),
      { origin: 'https://evil.example' },
    );
    const result = await upload(request);
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });

  it('answers a signed-out script with 401 in words, and a signed-out form with sign-in', async () => {
    const signedOut = 'x=1';
    const scripted = await upload(multipartPost(path, { files: [] }, signedOut, { json: true }));
    expect(scripted.status).toBe(401);
    const plain = await upload(multipartPost(path, { files: [] }, signedOut));
    expect(plain.status).toBe(302);
    expect(plain.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
  });
});
