import { PROMPT_ID, SELLER_ID } from './catalog';

// Orders, library and refund answers as the API sends them (Order, LibraryItem,
// PromptContent, Refund).

export const ORDER_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
export const ITEM_ID = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
export const ITEM_2_ID = 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f';
export const REFUND_ID = 'd4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f8a';
export const CONTENT_V1_ID = 'e5f6a7b8-c9d0-4e1f-8a2b-4c5d6e7f8a9b';
export const CONTENT_V2_ID = 'f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8a9b0c';

export function orderItem(overrides: Record<string, unknown> = {}) {
  return {
    id: ITEM_ID,
    prompt: { id: PROMPT_ID, slug: 'code-review-buddy', title: 'Code review buddy' },
    seller: { id: SELLER_ID, displayName: 'Demo Seller', username: 'demo_seller' },
    version: 2,
    status: 'paid',
    price: { amount: 499, currency: 'usd' },
    refundedAt: null,
    ...overrides,
  };
}

export function order(overrides: Record<string, unknown> = {}) {
  return {
    id: ORDER_ID,
    status: 'paid',
    subtotal: { amount: 499, currency: 'usd' },
    total: { amount: 499, currency: 'usd' },
    refunded: { amount: 0, currency: 'usd' },
    items: [orderItem()],
    paidAt: '2026-11-22T10:05:00Z',
    createdAt: '2026-11-22T10:00:00Z',
    checkoutUrl: null,
    receiptNumber: 'A1B2C3D4',
    ...overrides,
  };
}

/** A pending order with its (embedded) test checkout page. */
export function pendingOrder(overrides: Record<string, unknown> = {}) {
  return order({
    status: 'pending',
    paidAt: null,
    items: [orderItem({ status: 'pending' })],
    checkoutUrl: 'http://127.0.0.1:4000/test-checkout/cs_test_123',
    ...overrides,
  });
}

export function libraryItem(overrides: Record<string, unknown> = {}) {
  return {
    prompt: {
      id: PROMPT_ID,
      slug: 'code-review-buddy',
      title: 'Code review buddy',
      targetModel: 'claude',
      coverUrl: '/storage/v1/object/sign/prompt-assets/c.webp?token=1',
      status: 'published',
    },
    seller: {
      id: SELLER_ID,
      username: 'demo_seller',
      displayName: 'Demo Seller',
      avatarUrl: null,
    },
    source: 'purchase',
    grantedAt: '2026-11-22T10:05:00Z',
    latestVersion: 2,
    orderId: ORDER_ID,
    ...overrides,
  };
}

/** GET /api/prompts/:id/content: two versions, newest first, with every variable type. */
export function promptContent(overrides: Record<string, unknown> = {}) {
  return {
    promptId: PROMPT_ID,
    title: 'Code review buddy',
    access: 'buyer',
    versions: [
      {
        id: CONTENT_V2_ID,
        version: 2,
        template:
          'Review this [language] diff for a [audience] reader in [points] points:\n[diff]\nSECRET-V2',
        instructions: 'Paste the diff, then ask follow-up questions.',
        variables: [
          {
            name: 'language',
            type: 'text',
            description: 'The programming language',
            example: 'TypeScript',
          },
          {
            name: 'diff',
            type: 'long_text',
            description: 'The change to review',
            example: '--- a/app.ts',
          },
          { name: 'points', type: 'number', description: 'How many points', example: '5' },
          {
            name: 'audience',
            type: 'choice',
            description: 'Who reads the review',
            example: 'senior',
            options: ['junior', 'senior'],
          },
        ],
        modelParams: { temperature: 0.2 },
        testedModels: ['claude', 'chatgpt'],
        changelog: 'Handles larger diffs.',
        publishedAt: '2025-04-01T00:00:00Z',
      },
      {
        id: CONTENT_V1_ID,
        version: 1,
        template: 'Review this diff: [diff] SECRET-V1',
        instructions: '',
        variables: [
          { name: 'diff', type: 'long_text', description: 'The change', example: '--- a/x' },
        ],
        modelParams: {},
        testedModels: ['claude'],
        changelog: 'First release.',
        publishedAt: '2025-03-01T00:00:00Z',
      },
    ],
    ...overrides,
  };
}

export function refund(overrides: Record<string, unknown> = {}) {
  return {
    id: REFUND_ID,
    orderId: ORDER_ID,
    status: 'requested',
    amount: { amount: 499, currency: 'usd' },
    itemIds: [ITEM_ID],
    reason: 'It does not work with my model.',
    decisionReason: null,
    failureReason: null,
    createdAt: '2026-11-23T09:00:00Z',
    decidedAt: null,
    ...overrides,
  };
}
