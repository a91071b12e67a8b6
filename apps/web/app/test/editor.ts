import { randomUUID } from 'node:crypto';
import { categories } from './catalog';
import { me } from './fake-api';
import { CSRF, SITE } from './requests';

// The seller editor's answers as the API sends them (EditorPrompt, SellerPromptSummary).

export const DRAFT_ID = '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b';
export const VERSION_1_ID = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
export const VERSION_2_ID = '3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e';
export const ASSET_ID = '4c5d6e7f-8a9b-4c0d-9e1f-3a4b5c6d7e8f';

export function editorVersion(overrides: Record<string, unknown> = {}) {
  return {
    id: VERSION_1_ID,
    version: 1,
    status: 'draft',
    template: 'A watercolor painting of [subject] at dusk.',
    instructions: 'Paste it into Midjourney.',
    variables: [
      {
        name: 'subject',
        type: 'text',
        description: 'What to paint',
        example: 'a lighthouse',
      },
    ],
    modelParams: { stylize: 250, raw: true, ar: '3:2' },
    testedModels: ['midjourney'],
    changelog: '',
    publishedAt: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

export function editorAsset(overrides: Record<string, unknown> = {}) {
  return {
    id: ASSET_ID,
    kind: 'example',
    url: '/storage/v1/object/sign/prompt-assets/a.webp?token=1',
    thumbnailUrl: '/storage/v1/object/sign/prompt-assets/a-thumb.webp?token=2',
    width: 1200,
    height: 800,
    altText: 'A lighthouse at dusk',
    versionId: VERSION_1_ID,
    position: 0,
    mimeType: 'image/png',
    sizeBytes: 48_000,
    ...overrides,
  };
}

export function editorPrompt(overrides: Record<string, unknown> = {}) {
  return {
    id: DRAFT_ID,
    slug: 'watercolor-dusk',
    title: 'Watercolor dusk',
    description: 'Soft watercolor scenes at dusk.',
    category: { slug: categories[1]!.slug, name: categories[1]!.name },
    targetModel: 'midjourney',
    tags: ['watercolor', 'dusk'],
    price: { amount: 499, currency: 'usd' },
    status: 'draft',
    rejectionReason: null,
    currentVersion: null,
    publishedAt: null,
    createdAt: '2026-11-20T10:00:00Z',
    updatedAt: '2026-11-20T10:00:00Z',
    versions: [editorVersion()],
    assets: [editorAsset()],
    can: { edit: true, addVersion: true, submit: true, delete: true },
    ...overrides,
  };
}

export function sellerPromptSummary(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    slug: 'watercolor-dusk',
    title: 'Watercolor dusk',
    status: 'draft',
    price: { amount: 499, currency: 'usd' },
    rejectionReason: null,
    versionCount: 1,
    currentVersion: null,
    pendingVersions: 0,
    coverUrl: null,
    updatedAt: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

/** GET /api/me of a seller. */
export function sellerMe(overrides: Record<string, unknown> = {}) {
  return me({
    role: 'seller',
    seller: {
      status: 'active',
      chargesEnabled: true,
      payoutsEnabled: true,
      headline: 'Ready to sell',
    },
    ...overrides,
  });
}

/**
 * A browser's multipart post to this site (as the upload form or its script sends it),
 * with the session cookie holding the CSRF token.
 */
export function multipartPost(
  path: string,
  parts: {
    fields?: Record<string, string>;
    files?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }[];
  },
  cookie: string,
  options: { json?: boolean; origin?: string; csrf?: string } = {},
) {
  const form = new FormData();
  form.set('csrf', options.csrf ?? CSRF);
  for (const [name, value] of Object.entries(parts.fields ?? {})) form.set(name, value);
  for (const file of parts.files ?? []) {
    form.append('file', new File([file.bytes], file.name, { type: file.type }));
  }
  return new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: {
      Cookie: cookie,
      Origin: options.origin ?? SITE,
      ...(options.json ? { Accept: 'application/json' } : {}),
    },
    body: form,
  });
}

/** The first bytes of a PNG, then filler: enough for the fake API, which only records it. */
export function pngBytes(size = 64): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < size; i++) bytes[i] = i % 251;
  return bytes;
}
