// Notification answers as the API sends them (Notification, NotificationPreferences).

export const NOTIFICATION_ID = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
export const NOTIFICATION_2_ID = '1c2d3e4f-5a6b-4c7d-9e8f-0a1b2c3d4e5f';
export const UNSUBSCRIBE_TOKEN = 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCD';

export function notification(overrides: Record<string, unknown> = {}) {
  return {
    id: NOTIFICATION_ID,
    type: 'sale',
    title: 'You sold “Code review buddy” for $4.99',
    body: '',
    data: { orderItemId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' },
    path: '/sell',
    readAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

const TYPES = [
  ['message', true, true],
  ['sale', true, true],
  ['purchase', true, false],
  ['review', false, true],
  ['review_reply', false, true],
  ['payout', true, true],
  ['moderation', true, true],
  ['system', true, true],
] as const;

export function preferences(overrides: Record<string, boolean> = {}) {
  return {
    items: TYPES.map(([type, emailDefault, emailConfigurable]) => ({
      type,
      inApp: true,
      email: overrides[type] ?? emailDefault,
      emailConfigurable,
      emailDefault,
    })),
  };
}
