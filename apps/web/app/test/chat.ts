import type { ChatMessage, ChatThread } from '@promptnx/schema';
import { USER_ID } from './fake-api';

// Chat answers as the API gives them.

export const THREAD_ID = '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const SELLER_ID = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const PROMPT_ID = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
export const MESSAGE_ID = '6e5d4c3b-2a19-4f8e-8d7c-6b5a4f3e2d1c';

export function thread(overrides: Partial<ChatThread> = {}): ChatThread {
  return {
    id: THREAD_ID,
    subject: 'About “Cold e-mail opener”',
    buyer: { id: USER_ID, username: null, displayName: 'Ada', avatarUrl: null },
    seller: { id: SELLER_ID, username: 'grace', displayName: 'Grace', avatarUrl: null },
    role: 'buyer',
    prompt: { id: PROMPT_ID, slug: 'cold-email-opener', title: 'Cold e-mail opener' },
    order: null,
    lastMessage: {
      id: MESSAGE_ID,
      senderId: SELLER_ID,
      preview: 'Yes, it does.',
      createdAt: '2026-11-20T10:00:00.000Z',
    },
    lastMessageAt: '2026-11-20T10:00:00.000Z',
    unreadCount: 2,
    buyerReadAt: null,
    sellerReadAt: '2026-11-20T10:00:00.000Z',
    blockedByMe: false,
    canSend: true,
    createdAt: '2026-11-20T09:00:00.000Z',
    ...overrides,
  };
}

export function message(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: MESSAGE_ID,
    threadId: THREAD_ID,
    senderId: SELLER_ID,
    body: 'Yes, **it does**.',
    bodyHtml: '<p>Yes, <strong>it does</strong>.</p>',
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}
