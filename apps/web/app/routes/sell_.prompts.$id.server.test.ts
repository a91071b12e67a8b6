import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { categories, problem } from '../test/catalog';
import {
  ASSET_ID,
  DRAFT_ID,
  editorPrompt,
  editorVersion,
  VERSION_1_ID,
  VERSION_2_ID,
} from '../test/editor';
import { type FakeAnswer, type RecordedCall, startFakeApi } from '../test/fake-api';
import { formPost, outcome, pageRequest, signedInCookie, withApi } from '../test/requests';

let api: Awaited<ReturnType<typeof startFakeApi>>;
/** Answers by "METHOD path"; anything else is a 404. */
let answers: Record<string, FakeAnswer>;

const BASE = `/api/prompts/${DRAFT_ID}`;
const twoVersions = () =>
  editorPrompt({
    versions: [
      editorVersion({ id: VERSION_2_ID, version: 2, changelog: 'Sharper.' }),
      editorVersion({ status: 'published', publishedAt: '2026-11-01T00:00:00Z' }),
    ],
  });

beforeAll(async () => {
  api = await startFakeApi((call) => answers[`${call.method} ${call.url}`]);
});
afterAll(() => api.close());
beforeEach(() => {
  answers = {
    [`GET ${BASE}/edit`]: { status: 200, body: editorPrompt() },
    'GET /api/categories': { status: 200, body: { items: categories } },
    [`PATCH ${BASE}`]: { status: 200, body: editorPrompt() },
    [`POST ${BASE}/versions`]: { status: 201, body: twoVersions() },
    [`PATCH ${BASE}/versions/${VERSION_1_ID}`]: { status: 200, body: editorPrompt() },
    [`DELETE ${BASE}/versions/${VERSION_1_ID}`]: { status: 200, body: editorPrompt() },
    [`PATCH ${BASE}/assets/${ASSET_ID}`]: { status: 200, body: editorPrompt() },
    [`DELETE ${BASE}/assets/${ASSET_ID}`]: { status: 200, body: editorPrompt({ assets: [] }) },
    [`POST ${BASE}/submit`]: { status: 200, body: editorPrompt({ status: 'pending_review' }) },
    [`DELETE ${BASE}`]: { status: 204 },
  };
});
afterEach(() => {
  api.calls.length = 0;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const load = () => withApi(api.url, () => import('./sell_.prompts.$id.server'));
const path = `/sell/prompts/${DRAFT_ID}`;

async function page(cookie?: string, query = '') {
  const { loader } = await load();
  return outcome(() =>
    loader({
      request: pageRequest(`${path}${query}`, cookie),
      params: { id: DRAFT_ID },
      context: {},
    }),
  );
}

async function post(fields: Record<string, string>) {
  const { action } = await load();
  const request = await formPost(path, fields, await signedInCookie());
  return outcome(() => action({ request, params: { id: DRAFT_ID }, context: {} }));
}

/** A post with repeated fields (checkboxes). */
async function postEntries(entries: [string, string][]) {
  const { action } = await load();
  const base = await formPost(path, {}, await signedInCookie());
  const body = new URLSearchParams(await base.text());
  for (const [name, value] of entries) body.append(name, value);
  const request = new Request(base.url, { method: 'POST', headers: base.headers, body });
  return outcome(() => action({ request, params: { id: DRAFT_ID }, context: {} }));
}

const sent = (method: string, url: string): RecordedCall | undefined =>
  api.calls.find((c) => c.method === method && c.url === url);

const VERSION_FIELDS: [string, string][] = [
  ['template', 'A watercolor of [subject] in [style].'],
  ['instructions', 'Paste into Midjourney.'],
  ['variables.0.name', 'subject'],
  ['variables.0.type', 'text'],
  ['variables.0.description', 'What to paint'],
  ['variables.0.example', 'a lighthouse'],
  ['variables.0.options', ''],
  ['variables.1.name', ''],
  ['variables.1.type', 'text'],
  ['variables.1.description', ''],
  ['variables.1.example', ''],
  ['variables.1.options', ''],
  ['variables.2.name', 'style'],
  ['variables.2.type', 'choice'],
  ['variables.2.description', 'The medium'],
  ['variables.2.example', 'ink'],
  ['variables.2.options', 'ink, watercolor'],
  ['modelParams', 'stylize=250\nraw=true\nar=3:2'],
  ['testedModels', 'midjourney'],
  ['testedModels', 'flux'],
  ['changelog', 'Sharper edges.'],
];

describe('prompt editor loader', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const result = await page();
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`/signin?redirectTo=${encodeURIComponent(path)}`);
    expect(api.calls).toEqual([]);
  });

  it('loads the prompt as its seller, with the categories and loadable images', async () => {
    answers[`GET ${BASE}/edit`] = { status: 200, body: twoVersions() };
    const result = await page(await signedInCookie(), '?notice=submitted');
    expect(result.status).toBe(200);
    expect(sent('GET', `${BASE}/edit`)?.headers.authorization).toBe('Bearer access-signed-in');
    const loaded = result.data as {
      prompt: ReturnType<typeof editorPrompt>;
      categories: unknown[];
      notice: string;
    };
    // Oldest version first, as the editor reads top to bottom.
    expect(loaded.prompt.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(loaded.prompt.assets[0]?.thumbnailUrl).toBe(
      `${api.url}/storage/v1/object/sign/prompt-assets/a-thumb.webp?token=2`,
    );
    expect(loaded.categories).toHaveLength(2);
    expect(loaded.notice).toMatch(/^Submitted for review/);
  });

  it('words a no-JavaScript upload’s outcome', async () => {
    const partly = await page(await signedInCookie(), '?uploaded=1&uploadError=type');
    expect(partly.data).toMatchObject({
      notice: null,
      uploadError:
        '1 uploaded; the next one failed. That file is not an image we can use. Upload a PNG, JPEG or WebP image.',
    });
    const fine = await page(await signedInCookie(), '?uploaded=2');
    expect(fine.data).toMatchObject({ notice: '2 images are uploaded.', uploadError: null });
  });

  it('answers 404 for a prompt that is not the seller’s', async () => {
    answers[`GET ${BASE}/edit`] = problem(404, 'NOT_FOUND');
    const result = await page(await signedInCookie());
    expect(result.status).toBe(404);
  });

  it('sends someone who is not a seller to /sell', async () => {
    answers[`GET ${BASE}/edit`] = problem(403, 'SELLER_REQUIRED');
    const result = await page(await signedInCookie());
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell');
  });
});

describe('prompt editor actions', () => {
  it('saves the listing with a full PATCH: free is 0 cents', async () => {
    const result = await post({
      intent: 'update-listing',
      title: 'Watercolor dusk II',
      description: 'Now free.',
      category: 'image-generation',
      targetModel: 'midjourney',
      tags: 'watercolor',
      pricing: 'free',
      price: '4.99',
    });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${path}?notice=listing-saved`);
    expect(sent('PATCH', BASE)?.body).toEqual({
      title: 'Watercolor dusk II',
      description: 'Now free.',
      category: 'image-generation',
      targetModel: 'midjourney',
      tags: ['watercolor'],
      price: { amount: 0, currency: 'usd' },
    });
  });

  it('adds a version: rows become variables, lines become typed parameters', async () => {
    const result = await postEntries([['intent', 'add-version'], ...VERSION_FIELDS]);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${path}?notice=version-added#version-2`);
    expect(sent('POST', `${BASE}/versions`)?.body).toEqual({
      template: 'A watercolor of [subject] in [style].',
      instructions: 'Paste into Midjourney.',
      variables: [
        { name: 'subject', type: 'text', description: 'What to paint', example: 'a lighthouse' },
        {
          name: 'style',
          type: 'choice',
          description: 'The medium',
          example: 'ink',
          options: ['ink', 'watercolor'],
        },
      ],
      modelParams: { stylize: 250, raw: true, ar: '3:2' },
      testedModels: ['midjourney', 'flux'],
      changelog: 'Sharper edges.',
    });
  });

  it('puts the API’s error about a variable on its row, keeping what was typed', async () => {
    answers[`POST ${BASE}/versions`] = problem(400, 'VALIDATION_FAILED', {
      detail: 'invalid variables.1.options, template',
      errors: [
        { field: 'variables.1.options', message: 'at least 2 options' },
        { field: 'template', message: 'uses [mood], which is not declared' },
      ],
    });
    const result = await postEntries([['intent', 'add-version'], ...VERSION_FIELDS]);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: 'add-version',
      target: null,
      errors: {
        // variables[1] is the third row: the second one was empty.
        'variables.2.options': 'At least 2 options',
        template: 'Uses [mood], which is not declared',
      },
      formError: 'Some fields need another look.',
      version: { template: 'A watercolor of [subject] in [style].', changelog: 'Sharper edges.' },
    });
  });

  it('refuses parameters that are not key=value lines without asking the API', async () => {
    const result = await postEntries([
      ['intent', 'add-version'],
      ['template', 'x'],
      ['modelParams', 'temperature 0.7'],
    ]);
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      errors: { modelParams: 'Line 1: write each parameter as key=value.' },
    });
    expect(api.calls).toEqual([]);
  });

  it('saves a draft version with a full PATCH', async () => {
    const result = await postEntries([
      ['intent', 'update-version'],
      ['versionId', VERSION_1_ID],
      ...VERSION_FIELDS,
    ]);
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${path}?notice=version-saved#version-1`);
    expect(sent('PATCH', `${BASE}/versions/${VERSION_1_ID}`)?.body).toMatchObject({
      template: 'A watercolor of [subject] in [style].',
      modelParams: { stylize: 250, raw: true, ar: '3:2' },
      testedModels: ['midjourney', 'flux'],
    });
  });

  it('shows a conflict (a published version never changes) above that version’s form', async () => {
    answers[`PATCH ${BASE}/versions/${VERSION_1_ID}`] = problem(409, 'CONFLICT', {
      detail: 'a published version never changes; add a new version',
    });
    const result = await postEntries([
      ['intent', 'update-version'],
      ['versionId', VERSION_1_ID],
      ...VERSION_FIELDS,
    ]);
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      intent: 'update-version',
      target: VERSION_1_ID,
      errors: {},
      formError: 'A published version never changes; add a new version.',
    });
  });

  it('submits for review', async () => {
    const result = await post({ intent: 'submit' });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe(`${path}?notice=submitted`);
    expect(sent('POST', `${BASE}/submit`)).toBeDefined();
  });

  it('shows why a submission was refused', async () => {
    answers[`POST ${BASE}/submit`] = problem(409, 'CONFLICT', {
      detail: 'add at least one example output before submitting',
    });
    const result = await post({ intent: 'submit' });
    expect(result.status).toBe(409);
    expect(result.data).toMatchObject({
      intent: 'submit',
      formError: 'Add at least one example output before submitting.',
    });
  });

  it('lists what is missing when the prompt is not ready for review', async () => {
    answers[`POST ${BASE}/submit`] = problem(400, 'VALIDATION_FAILED', {
      detail: 'the prompt is not ready for review',
      errors: [
        { field: 'description', message: 'describe the prompt in at least 20 characters' },
        { field: 'assets', message: 'an image prompt needs at least one example output' },
      ],
    });
    const result = await post({ intent: 'submit' });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: 'submit',
      formError:
        'The prompt is not ready for review: Describe the prompt in at least 20 characters. An image prompt needs at least one example output.',
    });
  });

  it('deletes the draft and goes back to the list', async () => {
    const result = await post({ intent: 'delete-prompt' });
    expect(result.status).toBe(302);
    expect(result.headers.get('Location')).toBe('/sell/prompts?notice=deleted');
    expect(sent('DELETE', BASE)).toBeDefined();
  });

  it('changes an image’s alt text, and deletes an image (already gone counts as deleted)', async () => {
    const saved = await post({ intent: 'update-asset', assetId: ASSET_ID, altText: ' A fox ' });
    expect(saved.headers.get('Location')).toBe(`${path}?notice=asset-saved#examples`);
    expect(sent('PATCH', `${BASE}/assets/${ASSET_ID}`)?.body).toEqual({ altText: 'A fox' });

    answers[`DELETE ${BASE}/assets/${ASSET_ID}`] = problem(404, 'NOT_FOUND');
    const deleted = await post({ intent: 'delete-asset', assetId: ASSET_ID });
    expect(deleted.headers.get('Location')).toBe(`${path}?notice=asset-deleted#examples`);
  });

  it('deletes a draft version', async () => {
    const result = await post({ intent: 'delete-version', versionId: VERSION_1_ID });
    expect(result.headers.get('Location')).toBe(`${path}?notice=version-deleted`);
    expect(sent('DELETE', `${BASE}/versions/${VERSION_1_ID}`)).toBeDefined();
  });

  it('refuses an unknown intent or a malformed id without asking the API', async () => {
    expect((await post({ intent: 'publish-now' })).status).toBe(400);
    expect((await post({ intent: 'delete-asset', assetId: '../../etc' })).status).toBe(400);
    expect(api.calls).toEqual([]);
  });

  it('refuses a post without the CSRF token', async () => {
    const result = await post({ intent: 'submit', csrf: 'forged' });
    expect(result.status).toBe(403);
    expect(api.calls).toEqual([]);
  });
});
