import { DRAFT_ID, editorPrompt, editorVersion } from './editor';

// The admin API's answers as the API sends them (the moderation console).

export const REVIEW_ID = '5d6e7f8a-9b0c-4d1e-8f2a-4b5c6d7e8f9a';
export const REPORT_ID = '6e7f8a9b-0c1d-4e2f-9a3b-5c6d7e8f9a0b';
export const TARGET_USER_ID = '7f8a9b0c-1d2e-4f3a-8b4c-6d7e8f9a0b1c';
export const OTHER_ID = '8a9b0c1d-2e3f-4a4b-9c5d-7e8f9a0b1c2d';

export function person(overrides: Record<string, unknown> = {}) {
  return {
    id: TARGET_USER_ID,
    displayName: 'Grace',
    username: 'grace',
    status: 'active',
    ...overrides,
  };
}

export function history(overrides: Record<string, unknown> = {}) {
  return {
    userId: TARGET_USER_ID,
    role: 'buyer',
    status: 'active',
    suspendedReason: null,
    accountCreatedAt: '2026-01-01T00:00:00.000Z',
    accountAgeDays: 300,
    reviews: { written: 3, published: 2, pending: 1, rejected: 0, hidden: 0 },
    reportsAgainst: { total: 1, open: 1 },
    reportsFiled: 0,
    orders: 4,
    refunds: { asBuyer: 1, asSeller: 0 },
    sales: 0,
    prompts: { total: 0, published: 0, hidden: 0 },
    ...overrides,
  };
}

export function auditEntry(overrides: Record<string, unknown> = {}) {
  return {
    id: 42,
    actor: { id: OTHER_ID, displayName: 'Admin', username: null, email: 'admin@example.com' },
    action: 'review.hidden',
    entityType: 'review',
    entityId: REVIEW_ID,
    before: { status: 'published' },
    after: { status: 'hidden' },
    reason: 'Insults',
    ip: '127.0.0.1',
    createdAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

export function report(overrides: Record<string, unknown> = {}) {
  return {
    id: REPORT_ID,
    kind: 'review',
    targetId: REVIEW_ID,
    reason: 'spam',
    details: 'Looks fake',
    status: 'open',
    reporter: person({ id: OTHER_ID, displayName: 'Reporter' }),
    createdAt: '2026-11-21T09:00:00.000Z',
    resolvedAt: null,
    ...overrides,
  };
}

export function reviewItem(overrides: Record<string, unknown> = {}) {
  return {
    id: REVIEW_ID,
    status: 'pending',
    rating: 4,
    body: 'Worked **first** time.',
    bodyHtml: '<p>Worked <strong>first</strong> time.</p>',
    modelUsed: 'claude',
    moderationReason: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    editedAt: null,
    queuedAt: '2026-11-20T10:00:00.000Z',
    prompt: {
      id: DRAFT_ID,
      slug: 'watercolor-dusk',
      title: 'Watercolor dusk',
      status: 'published',
    },
    buyer: person(),
    seller: person({ id: OTHER_ID, displayName: 'Seller' }),
    reports: { open: 0, total: 0, reasons: [], lastReportedAt: null },
    ...overrides,
  };
}

export function reviewDetail(overrides: Record<string, unknown> = {}) {
  return {
    ...reviewItem(),
    sellerReply: null,
    purchase: {
      orderId: null,
      orderItemId: null,
      orderStatus: null,
      itemStatus: null,
      price: null,
      paidAt: null,
      entitlement: null,
      versionBought: 1,
      currentVersion: 1,
    },
    buyerHistory: history(),
    sellerHistory: history({ userId: OTHER_ID, role: 'seller' }),
    reportList: [],
    revisions: [],
    audit: [],
    ...overrides,
  };
}

export function promptQueueItem(overrides: Record<string, unknown> = {}) {
  return {
    id: DRAFT_ID,
    slug: 'watercolor-dusk',
    title: 'Watercolor dusk',
    status: 'pending_review',
    hiddenCause: null,
    price: { amount: 499, currency: 'usd' },
    seller: person({ id: OTHER_ID, displayName: 'Seller' }),
    pendingVersions: [1],
    flags: [],
    reports: { open: 0, total: 0, reasons: [], lastReportedAt: null },
    submittedAt: '2026-11-20T10:00:00.000Z',
    queuedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function adminPromptDetail(overrides: Record<string, unknown> = {}) {
  return {
    prompt: editorPrompt({
      status: 'pending_review',
      versions: [editorVersion({ status: 'pending_review' })],
    }),
    hiddenCause: null,
    hiddenAt: null,
    seller: person({ id: OTHER_ID, displayName: 'Seller' }),
    sellerHistory: history({ userId: OTHER_ID, role: 'seller' }),
    flags: [],
    reports: { open: 0, total: 0, reasons: [], lastReportedAt: null },
    reportList: [],
    audit: [],
    ...overrides,
  };
}

export function userDetail(overrides: Record<string, unknown> = {}) {
  return {
    id: TARGET_USER_ID,
    email: 'grace@example.com',
    username: 'grace',
    displayName: 'Grace',
    role: 'seller',
    status: 'active',
    createdAt: '2026-01-01T00:00:00.000Z',
    suspendedReason: null,
    suspendedAt: null,
    sellerStatus: 'active',
    history: history(),
    audit: [],
    ...overrides,
  };
}

export function overview() {
  return {
    reviews: { pending: 3, reported: 1 },
    prompts: { pending: 2, reported: 0, hidden: 1 },
    refunds: { requested: 0 },
    users: { suspended: 1 },
  };
}

export function bulkResult(ids: string[], failed: string[] = []) {
  const results = ids.map((id) =>
    failed.includes(id)
      ? { id, ok: false, status: null, error: { code: 'CONFLICT', detail: 'decided already' } }
      : { id, ok: true, status: 'published', error: null },
  );
  return { results, succeeded: ids.length - failed.length, failed: failed.length };
}
