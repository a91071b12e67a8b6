import { randomUUID } from 'node:crypto';
import type { FakeAnswer } from './fake-api';

// Catalog answers as the API sends them (PromptCard, PromptDetail, SellerPublic).

export const SELLER_ID = '3c1d9e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
export const PROMPT_ID = '9b8a7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';

export const categories = [
  {
    id: '5f2b8c1e-2d4a-4c36-9a52-3f7e4b1d2c10',
    slug: 'coding',
    name: 'Coding',
    description: 'Prompts that write and review code.',
    promptCount: 12,
  },
  {
    id: '0b7c2f0e-8a51-4b8e-9a0f-6b1d2e3c4f50',
    slug: 'image-generation',
    name: 'Image generation',
    description: 'Midjourney and Stable Diffusion prompts.',
    promptCount: 7,
  },
];

export function promptCard(overrides: Record<string, unknown> = {}) {
  const id = (overrides.id as string | undefined) ?? randomUUID();
  return {
    id,
    slug: `prompt-${id.slice(0, 8)}`,
    title: 'Code review buddy',
    description: 'Reviews a diff like a senior engineer.',
    category: { slug: 'coding', name: 'Coding' },
    targetModel: 'claude',
    tags: ['code-review'],
    price: { amount: 499, currency: 'usd' },
    rating: { average: 4.5, count: 12 },
    salesCount: 40,
    seller: {
      id: SELLER_ID,
      username: 'demo_seller',
      displayName: 'Demo Seller',
      avatarUrl: null,
    },
    coverUrl: 'https://files.example/cover.webp?sig=1',
    publishedAt: '2025-03-01T00:00:00Z',
    ...overrides,
  };
}

export function promptList(count: number, nextCursor: string | null = null) {
  return { items: Array.from({ length: count }, () => promptCard()), nextCursor };
}

export function promptDetail(overrides: Record<string, unknown> = {}) {
  return {
    ...promptCard({ id: PROMPT_ID, slug: 'code-review-buddy' }),
    status: 'published',
    assets: [
      {
        id: randomUUID(),
        kind: 'example',
        url: 'https://files.example/full.webp?sig=2',
        thumbnailUrl: 'https://files.example/thumb.webp?sig=3',
        width: 960,
        height: 640,
        altText: 'Example output 1 of 1 for Code review buddy',
      },
      {
        id: randomUUID(),
        kind: 'example',
        url: 'javascript:alert(1)',
        thumbnailUrl: null,
        width: 640,
        height: 640,
        altText: 'A bad address',
      },
    ],
    versions: [
      {
        id: randomUUID(),
        version: 1,
        changelog: 'First release.',
        variables: [],
        testedModels: ['claude'],
        publishedAt: '2025-03-01T00:00:00Z',
      },
      {
        id: randomUUID(),
        version: 2,
        changelog: 'Handles larger diffs.',
        variables: [
          {
            name: 'diff',
            type: 'long_text',
            description: 'The change to review',
            example: '--- a/app.ts',
          },
        ],
        testedModels: ['claude', 'chatgpt'],
        publishedAt: '2025-04-01T00:00:00Z',
      },
    ],
    currentVersion: 2,
    reviewSummary: { average: 4.5, count: 12, distribution: [0, 1, 1, 2, 8] },
    sellerStats: { rating: { average: 4.6, count: 50 }, promptCount: 9, salesCount: 300 },
    viewer: { owns: false, isSeller: false, favorited: false },
    ...overrides,
  };
}

export function sellerPublic(overrides: Record<string, unknown> = {}) {
  return {
    id: SELLER_ID,
    username: 'demo_seller',
    displayName: 'Demo Seller',
    avatarUrl: 'https://files.example/avatar.webp?sig=4',
    bio: 'I write prompts.',
    links: [
      { label: 'Site', url: 'https://seller.example/' },
      { label: 'Sneaky', url: 'javascript:alert(1)' },
    ],
    joinedAt: '2024-01-01T00:00:00Z',
    rating: { average: 4.6, count: 50 },
    promptCount: 9,
    salesCount: 300,
    ...overrides,
  };
}

/** A problem+json answer, as the API's error handler sends it. */
export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
): FakeAnswer {
  return {
    status,
    contentType: 'application/problem+json',
    body: {
      type: `https://promptnx.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : 'Error',
      status,
      code,
      ...extra,
    },
  };
}
