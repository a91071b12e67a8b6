import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createAdmin,
  createCategory,
  createPublishedPrompt,
  createSeller,
  createUser,
  type TestUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import {
  editorAssetSchema,
  editorPromptSchema,
  moderationQueueSchema,
  promptDetailSchema,
  promptListSchema,
  sellerPromptListSchema,
} from '@promptnx/schema';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const storageDir = await mkdtemp(path.join(tmpdir(), 'promptnx-editor-'));
const app = await buildTestApp(database, { ...authEnv, PROMPTNX_STORAGE_DIR: storageDir });
const category = await createCategory(database.db);

type Headers = { authorization: string };
const as = async (user: TestUser) => (await signIn(database, user)).headers;

let seller: TestUser;
let sellerHeaders: Headers;
let adminHeaders: Headers;
let buyerHeaders: Headers;
let otherSellerHeaders: Headers;

beforeAll(async () => {
  seller = await createSeller(database.db);
  sellerHeaders = await as(seller);
  adminHeaders = await as(await createAdmin(database.db));
  buyerHeaders = await as(await createUser(database.db));
  otherSellerHeaders = await as(await createSeller(database.db));
});

async function filesInStorage(): Promise<string[]> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const png = (width: number, height: number, color = { r: 200, g: 80, b: 40 }) =>
  sharp({ create: { width, height, channels: 3, background: color } })
    .png()
    .toBuffer();

function send(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Headers | undefined,
  payload?: unknown,
) {
  return app.inject({
    method,
    url,
    headers: headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

const listing = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  description: 'Writes a week of posts that sound like you, for busy founders.',
  category: category.slug,
  targetModel: 'claude',
  tags: ['Marketing', 'social media', 'marketing'],
  price: { amount: 1299 },
  ...extra,
});

const versionOne = {
  template: 'Write a LinkedIn post about [subject] in a [tone] voice.',
  instructions: 'Paste into a new chat.',
  variables: [
    { name: 'subject', type: 'text', description: 'What the post is about', example: 'hiring' },
    {
      name: 'tone',
      type: 'choice',
      description: 'Voice',
      example: 'warm',
      options: ['warm', 'dry', 'bold'],
    },
  ],
  modelParams: { temperature: 0.7 },
  testedModels: ['claude', 'chatgpt'],
  changelog: 'First version',
};

async function createPrompt(title: string, headers = sellerHeaders, extra = {}) {
  const res = await send('POST', '/api/prompts', headers, listing(title, extra));
  expect(res.statusCode, res.body).toBe(201);
  return editorPromptSchema.parse(res.json());
}

async function addVersion(
  promptId: string,
  body: Record<string, unknown>,
  headers = sellerHeaders,
) {
  const res = await send('POST', `/api/prompts/${promptId}/versions`, headers, body);
  expect(res.statusCode, res.body).toBe(201);
  return editorPromptSchema.parse(res.json());
}

function upload(promptId: string, bytes: Buffer, contentType = 'image/png', query = '') {
  return app.inject({
    method: 'POST',
    url: `/api/prompts/${promptId}/assets${query}`,
    headers: { ...sellerHeaders, 'content-type': contentType },
    payload: bytes,
  });
}

async function submitAndApprove(promptId: string) {
  const submitted = await send('POST', `/api/prompts/${promptId}/submit`, sellerHeaders);
  expect(submitted.statusCode, submitted.body).toBe(200);
  const approved = await send('POST', `/api/admin/prompts/${promptId}/approve`, adminHeaders);
  expect(approved.statusCode, approved.body).toBe(200);
  return editorPromptSchema.parse(approved.json());
}

describe('the seller editor, from draft to search', () => {
  it('creates a draft with two versions and examples; once approved it is found, typo included', async () => {
    const draft = await createPrompt('Founder LinkedIn Ghostwriter');
    expect(draft).toMatchObject({
      status: 'draft',
      tags: ['marketing', 'social media'],
      price: { amount: 1299, currency: 'usd' },
      can: { edit: true, addVersion: true, submit: false, delete: true },
    });
    expect(draft.slug).toMatch(/^founder-linkedin-ghostwriter-[a-z0-9]{6}$/);

    await addVersion(draft.id, versionOne);
    const two = await addVersion(draft.id, {
      ...versionOne,
      template: `${versionOne.template} End with a question about [subject].`,
      changelog: 'Ends every post with a question, which doubles the replies',
    });
    expect(two.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'draft'],
    ]);
    expect(two.versions[1]?.modelParams).toEqual({ temperature: 0.7 });

    for (const color of [
      { r: 10, g: 120, b: 200 },
      { r: 240, g: 200, b: 20 },
    ]) {
      const res = await upload(
        draft.id,
        await png(1200, 800, color),
        'image/png',
        '?altText=Example',
      );
      expect(res.statusCode, res.body).toBe(201);
      const asset = editorAssetSchema.parse(res.json());
      expect(asset).toMatchObject({
        width: 1200,
        height: 800,
        mimeType: 'image/png',
        altText: 'Example',
      });
      const thumb = await fetchFile(asset.thumbnailUrl!);
      const meta = await sharp(thumb).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBe(480);
    }

    const submitted = await send('POST', `/api/prompts/${draft.id}/submit`, sellerHeaders);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(editorPromptSchema.parse(submitted.json())).toMatchObject({
      status: 'pending_review',
      can: { edit: false, submit: false },
    });
    // Not in the catalog while in review.
    expect((await send('GET', `/api/prompts/${draft.slug}`, undefined)).statusCode).toBe(404);

    const queue = moderationQueueSchema.parse(
      (await send('GET', '/api/admin/prompts', adminHeaders)).json(),
    );
    expect(queue.items.find((i) => i.id === draft.id)?.pendingVersions).toEqual([1, 2]);

    const approved = await send('POST', `/api/admin/prompts/${draft.id}/approve`, adminHeaders);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(editorPromptSchema.parse(approved.json())).toMatchObject({
      status: 'published',
      currentVersion: 2,
    });

    const found = promptListSchema.parse(
      (await send('GET', '/api/prompts?q=linkdin%20ghostwritr', undefined)).json(),
    );
    expect(found.items.map((i) => i.id)).toContain(draft.id);

    const page = await send('GET', `/api/prompts/${draft.slug}`, undefined);
    const detail = promptDetailSchema.parse(page.json());
    expect(detail.assets).toHaveLength(2);
    expect(detail.versions.map((v) => v.changelog)).toContain(
      'Ends every post with a question, which doubles the replies',
    );
    expect(page.body).not.toContain('Write a LinkedIn post about');

    const [audit] = await database.sql`
      select action from audit_logs where entity_id = ${draft.id} and action = 'prompt.approved'`;
    expect(audit).toBeDefined();
    const [note] = await database.sql`
      select type, title from notifications where user_id = ${seller.id} and data->>'promptId' = ${draft.id}`;
    expect(note).toMatchObject({ type: 'moderation' });
  });

  it('never changes a published version: a fix is a new version, reviewed, then current', async () => {
    const prompt = await createPrompt('Cold email opener');
    const one = await addVersion(prompt.id, versionOne);
    await submitAndApprove(prompt.id);
    const v1 = one.versions[0]!;

    const edit = await send('PATCH', `/api/prompts/${prompt.id}/versions/${v1.id}`, sellerHeaders, {
      template: 'Something else entirely',
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().detail).toMatch(/published and never changes/);
    const remove = await send(
      'DELETE',
      `/api/prompts/${prompt.id}/versions/${v1.id}`,
      sellerHeaders,
    );
    expect(remove.statusCode).toBe(409);
    const [row] =
      await database.sql`select template from prompt_templates where version_id = ${v1.id}`;
    expect(row?.template).toBe(versionOne.template);

    await addVersion(prompt.id, { ...versionOne, changelog: 'Shorter hooks' });
    const inReview = await send('POST', `/api/prompts/${prompt.id}/submit`, sellerHeaders);
    expect(editorPromptSchema.parse(inReview.json())).toMatchObject({
      status: 'published',
      currentVersion: 1,
    });
    // Still on sale at version 1 while version 2 waits.
    const before = promptDetailSchema.parse(
      (await send('GET', `/api/prompts/${prompt.slug}`, undefined)).json(),
    );
    expect(before.currentVersion).toBe(1);
    expect(before.versions.map((v) => v.version)).toEqual([1]);

    await send('POST', `/api/admin/prompts/${prompt.id}/approve`, adminHeaders);
    const after = promptDetailSchema.parse(
      (await send('GET', `/api/prompts/${prompt.slug}`, undefined)).json(),
    );
    expect(after.currentVersion).toBe(2);
    expect(after.versions.map((v) => v.changelog)).toEqual(['Shorter hooks', 'First version']);
  });

  it('a rejected submission goes back to the seller with the reason and can be fixed and resubmitted', async () => {
    const prompt = await createPrompt('Sales call summariser');
    await addVersion(prompt.id, versionOne);
    await send('POST', `/api/prompts/${prompt.id}/submit`, sellerHeaders);

    const locked = await send('PATCH', `/api/prompts/${prompt.id}`, sellerHeaders, {
      title: 'New',
    });
    expect(locked.statusCode).toBe(409);

    const rejected = await send('POST', `/api/admin/prompts/${prompt.id}/reject`, adminHeaders, {
      reason: 'The description promises CRM sync the template does not do.',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const state = editorPromptSchema.parse(
      (await send('GET', `/api/prompts/${prompt.id}/edit`, sellerHeaders)).json(),
    );
    expect(state).toMatchObject({
      status: 'rejected',
      rejectionReason: 'The description promises CRM sync the template does not do.',
      can: { edit: true, submit: true },
    });
    expect(state.versions[0]?.status).toBe('draft');

    const fixed = await send(
      'PATCH',
      `/api/prompts/${prompt.id}/versions/${state.versions[0]!.id}`,
      sellerHeaders,
      { changelog: 'No CRM promises' },
    );
    expect(fixed.statusCode, fixed.body).toBe(200);
    const again = await send('POST', `/api/prompts/${prompt.id}/submit`, sellerHeaders);
    expect(editorPromptSchema.parse(again.json())).toMatchObject({
      status: 'pending_review',
      rejectionReason: null,
    });
  });

  it('lists the seller’s own prompts in every status', async () => {
    const res = await send('GET', '/api/me/prompts', sellerHeaders);
    expect(res.statusCode).toBe(200);
    const { items } = sellerPromptListSchema.parse(res.json());
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['published', 'pending_review']));
    const first = items.find((i) => i.title === 'Founder LinkedIn Ghostwriter');
    expect(first).toMatchObject({ versionCount: 2, currentVersion: 2, pendingVersions: 0 });
    expect(first?.coverUrl).toMatch(/\/files\/.+\.webp\?exp=/);
    const cold = items.find((i) => i.title === 'Cold email opener');
    expect(cold).toMatchObject({ versionCount: 2, currentVersion: 2 });
    expect(res.headers['cache-control']).toBe('private, no-store');
  });

  it('deletes a draft with its files', async () => {
    const prompt = await createPrompt('Throwaway draft');
    const res = await upload(prompt.id, await png(300, 200));
    expect(res.statusCode).toBe(201);
    const before = (await filesInStorage()).length;
    const removed = await send('DELETE', `/api/prompts/${prompt.id}`, sellerHeaders);
    expect(removed.statusCode).toBe(204);
    expect((await filesInStorage()).length).toBe(before - 2);
    expect((await send('GET', `/api/prompts/${prompt.id}/edit`, sellerHeaders)).statusCode).toBe(
      404,
    );
  });
});

async function fetchFile(url: string) {
  const res = await app.inject({ url: url.replace(/^https?:\/\/[^/]+/, '') });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
}

describe('bad input gets a 4xx naming the field and writes nothing', () => {
  let promptId: string;
  beforeAll(async () => {
    promptId = (await createPrompt('Upload target')).id;
  });

  async function expectNothingStored(before: string[]) {
    expect(await filesInStorage()).toEqual(before);
    const [{ n }] = (await database.sql`
      select count(*)::int as n from prompt_assets where prompt_id = ${promptId}`) as [
      { n: number },
    ];
    expect(n).toBe(0);
  }

  it('HTML renamed .png → 415', async () => {
    const before = await filesInStorage();
    const res = await upload(promptId, Buffer.from('<!doctype html><script>alert(1)</script>'));
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    await expectNothingStored(before);
  });

  it('a truncated PNG → 415', async () => {
    const before = await filesInStorage();
    const whole = await png(400, 400);
    const res = await upload(promptId, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(res.statusCode).toBe(415);
    await expectNothingStored(before);
  });

  it('over 10 MB → 413', async () => {
    const before = await filesInStorage();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 7);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const res = await upload(promptId, big);
    expect(res.statusCode).toBe(413);
    await expectNothingStored(before);
  });

  it('too many pixels (41 MP) → 413; too wide (9000 px) → 413', async () => {
    const before = await filesInStorage();
    const many = await upload(promptId, await png(6400, 6400));
    expect(many.statusCode, many.body).toBe(413);
    expect(many.json().detail).toMatch(/million pixels/);
    const wide = await upload(promptId, await png(9000, 10));
    expect(wide.statusCode, wide.body).toBe(413);
    await expectNothingStored(before);
  });

  it('template and variables must agree; the error names the field', async () => {
    const undeclared = await send('POST', `/api/prompts/${promptId}/versions`, sellerHeaders, {
      ...versionOne,
      variables: [versionOne.variables[0]],
    });
    expect(undeclared.statusCode).toBe(400);
    expect(undeclared.json().errors).toEqual([
      { field: 'template', message: 'uses [tone] without declaring it in variables' },
    ]);

    const unused = await send('POST', `/api/prompts/${promptId}/versions`, sellerHeaders, {
      ...versionOne,
      variables: [...versionOne.variables, { name: 'audience', type: 'number', example: 'many' }],
    });
    expect(unused.json().errors).toEqual([
      { field: 'variables.2.name', message: '[audience] does not appear in the template' },
      { field: 'variables.2.example', message: 'must be a number for a number variable' },
    ]);

    const badName = await send('POST', `/api/prompts/${promptId}/versions`, sellerHeaders, {
      ...versionOne,
      variables: [{ name: 'Bad Name', type: 'text' }],
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().errors[0].field).toBe('variables.0.name');
    const [{ n }] = (await database.sql`
      select count(*)::int as n from prompt_versions where prompt_id = ${promptId}`) as [
      { n: number },
    ];
    expect(n).toBe(0);
  });

  it('status, counters and unknown fields cannot be set; an unknown category is named', async () => {
    const sneaky = await send('PATCH', `/api/prompts/${promptId}`, sellerHeaders, {
      status: 'published',
      salesCount: 1000,
    });
    expect(sneaky.statusCode).toBe(400);
    expect(sneaky.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'status',
      'salesCount',
    ]);
    const category = await send('PATCH', `/api/prompts/${promptId}`, sellerHeaders, {
      category: 'no-such-category',
    });
    expect(category.statusCode).toBe(400);
    expect(category.json().errors).toEqual([
      { field: 'category', message: "there is no category 'no-such-category'" },
    ]);
    const price = await send(
      'POST',
      '/api/prompts',
      sellerHeaders,
      listing('Free?', { price: { amount: -1 } }),
    );
    expect(price.statusCode).toBe(400);
    expect(price.json().errors[0].field).toBe('price.amount');
  });

  it('submission checks: a version, a real description, an example for image prompts', async () => {
    const empty = await createPrompt('Nothing here yet', sellerHeaders, {
      description: 'Short',
      targetModel: 'midjourney',
    });
    const res = await send('POST', `/api/prompts/${empty.id}/submit`, sellerHeaders);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'versions',
      'description',
      'assets',
    ]);
    const [row] = await database.sql`select status from prompts where id = ${empty.id}`;
    expect(row?.status).toBe('draft');
  });
});

describe('who may do what', () => {
  let promptId: string;
  beforeAll(async () => {
    promptId = (await createPrompt('Private draft')).id;
    await addVersion(promptId, versionOne);
  });

  it('buyers cannot create prompts; signed-out callers get 401', async () => {
    expect((await send('POST', '/api/prompts', buyerHeaders, listing('Nope'))).statusCode).toBe(
      403,
    );
    expect((await send('POST', '/api/prompts', undefined, listing('Nope'))).statusCode).toBe(401);
  });

  it('another seller sees 404 on every editor route and changes nothing', async () => {
    const h = otherSellerHeaders;
    const editor = await send('GET', `/api/prompts/${promptId}/edit`, h);
    expect(editor.statusCode).toBe(404);
    expect(editor.body).not.toContain('LinkedIn');
    expect(
      (await send('PATCH', `/api/prompts/${promptId}`, h, { title: 'Mine now' })).statusCode,
    ).toBe(404);
    expect(
      (await send('POST', `/api/prompts/${promptId}/versions`, h, versionOne)).statusCode,
    ).toBe(404);
    expect((await send('POST', `/api/prompts/${promptId}/submit`, h)).statusCode).toBe(404);
    expect((await send('DELETE', `/api/prompts/${promptId}`, h)).statusCode).toBe(404);
    const [row] = await database.sql`select title, status from prompts where id = ${promptId}`;
    expect(row).toMatchObject({ title: 'Private draft', status: 'draft' });
  });

  it('admin routes answer 403 to sellers and buyers', async () => {
    for (const h of [sellerHeaders, buyerHeaders]) {
      expect((await send('GET', '/api/admin/prompts', h)).statusCode).toBe(403);
      expect((await send('POST', `/api/admin/prompts/${promptId}/approve`, h)).statusCode).toBe(
        403,
      );
      expect(
        (await send('POST', `/api/admin/prompts/${promptId}/reject`, h, { reason: 'nope nope' }))
          .statusCode,
      ).toBe(403);
    }
  });

  it('a rejection needs a reason, named', async () => {
    const res = await send('POST', `/api/admin/prompts/${promptId}/reject`, adminHeaders, {
      reason: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('reason');
  });

  it('two submits at once: one goes through, the other is told it is already in review', async () => {
    const answers = await Promise.all([
      send('POST', `/api/prompts/${promptId}/submit`, sellerHeaders),
      send('POST', `/api/prompts/${promptId}/submit`, sellerHeaders),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const logs = await database.sql`
      select 1 from audit_logs where entity_id = ${promptId} and action = 'prompt.submitted'`;
    expect(logs).toHaveLength(1);
  });

  it('approving twice publishes once', async () => {
    const answers = await Promise.all([
      send('POST', `/api/admin/prompts/${promptId}/approve`, adminHeaders),
      send('POST', `/api/admin/prompts/${promptId}/approve`, adminHeaders),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
  });
});

describe('near-duplicate check at submission', () => {
  const original =
    'You are a senior copywriter. Write three subject lines for a newsletter about [topic], each under 50 characters, curious but never clickbait.';

  it('flags a template nearly the same as another seller’s published one; not a different one', async () => {
    const other = await createSeller(database.db);
    const published = await createPublishedPrompt(database.db, other, {
      categoryId: category.id,
      template: original,
      title: 'Newsletter subject lines',
    });

    const copy = await createPrompt('Subject line wizard');
    await addVersion(copy.id, {
      ...versionOne,
      template: original.replace('three', 'five'),
      variables: [{ name: 'topic', type: 'text' }],
    });
    const fresh = await createPrompt('Standup notes');
    await addVersion(fresh.id, {
      ...versionOne,
      template: 'Turn these bullet points into a two-minute standup update: [notes]',
      variables: [{ name: 'notes', type: 'long_text' }],
    });
    for (const id of [copy.id, fresh.id]) {
      expect((await send('POST', `/api/prompts/${id}/submit`, sellerHeaders)).statusCode).toBe(200);
    }

    const queue = moderationQueueSchema.parse(
      (await send('GET', '/api/admin/prompts', adminHeaders)).json(),
    );
    const flagged = queue.items.find((i) => i.id === copy.id);
    expect(flagged?.flags).toHaveLength(1);
    expect(flagged?.flags[0]?.similarPrompt.id).toBe(published.prompt.id);
    expect(flagged?.flags[0]?.similarity).toBeGreaterThan(0.8);
    expect(queue.items.find((i) => i.id === fresh.id)?.flags).toEqual([]);
    // The seller never sees the flag or the other template.
    const own = await send('GET', `/api/prompts/${copy.id}/edit`, sellerHeaders);
    expect(own.body).not.toContain(published.prompt.id);
  });

  it('does not flag a seller for resembling their own published prompt', async () => {
    const mine = await createPrompt('My original');
    await addVersion(mine.id, {
      ...versionOne,
      template: `${original} (mine)`,
      variables: [{ name: 'topic', type: 'text' }],
    });
    await submitAndApprove(mine.id);
    const again = await createPrompt('My original, again');
    await addVersion(again.id, {
      ...versionOne,
      template: `${original} (mine, again)`,
      variables: [{ name: 'topic', type: 'text' }],
    });
    await send('POST', `/api/prompts/${again.id}/submit`, sellerHeaders);
    const queue = moderationQueueSchema.parse(
      (await send('GET', '/api/admin/prompts', adminHeaders)).json(),
    );
    const flags = queue.items.find((i) => i.id === again.id)?.flags ?? [];
    expect(flags.map((f) => f.similarPrompt.id)).not.toContain(mine.id);
  });
});
