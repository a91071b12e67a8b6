import { describe, expect, it } from 'vitest';
import {
  NOTIFICATION_2_ID,
  NOTIFICATION_ID,
  notification,
  preferences,
  UNSUBSCRIBE_TOKEN,
} from '../test/notifications';
import { renderRoute } from '../test/render-route';

// The HTML the server sends for the notification pages, from loader data: forms that work
// without JavaScript (with the CSRF token), labels, and what users wrote as inert text.

const rootData = { csrfToken: 'page-token' };

describe('the notifications page HTML', () => {
  it('renders each notification with its open and mark-read forms, escaped', async () => {
    const { default: Page } = await import('./notifications');
    const html = await renderRoute(Page, {
      url: '/notifications',
      rootData,
      loaderData: {
        items: [
          {
            ...notification({ title: '<img src=x onerror=alert(1)> sold' }),
            href: '/sell/dashboard',
          },
          {
            ...notification({
              id: NOTIFICATION_2_ID,
              type: 'system',
              title: 'Welcome',
              readAt: '2026-11-20T11:00:00.000Z',
            }),
            href: null,
          },
        ],
        nextCursor: 'next',
        cursor: null,
        unreadOnly: false,
        notice: null,
      },
    });
    expect(html).toContain('<h1>Notifications</h1>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; sold');
    expect(html).toContain(`name="notificationId" value="${NOTIFICATION_ID}"`);
    expect(html).toContain('name="intent" value="open"');
    expect(html).toContain('name="intent" value="read-all"');
    expect(html).toContain('name="csrf" value="page-token"');
    // Only the unread one can be marked read; the read one without a link is plain text.
    expect(html.match(/value="read"/g)).toHaveLength(1);
    expect(html).toContain('<p class="notification-title">Welcome</p>');
    expect(html).toContain('href="/notifications?cursor=next"');
    expect(html).toContain('href="/account/notifications"');
  });

  it('says when there is nothing', async () => {
    const { default: Page } = await import('./notifications');
    const html = await renderRoute(Page, {
      url: '/notifications?unread=1',
      rootData,
      loaderData: { items: [], nextCursor: null, cursor: null, unreadOnly: true, notice: null },
    });
    expect(html).toContain('You have read everything.');
    expect(html).not.toContain('value="read-all"');
  });
});

describe('the notification settings HTML', () => {
  it('has a labelled e-mail switch per type; receipts cannot be switched off', async () => {
    const { default: Page } = await import('./account.notifications');
    const html = await renderRoute(Page, {
      url: '/account/notifications',
      rootData,
      loaderData: { preferences: preferences({ sale: false }).items, saved: null },
    });
    expect(html).toContain('<label for="email-sale">Sales</label>');
    const box = (type: string) =>
      html.match(new RegExp(`<input type="checkbox" id="email-${type}"[^>]*>`))?.[0] ?? '';
    expect(box('sale')).toContain('name="email.sale"');
    expect(box('sale')).toContain('aria-describedby="email-sale-hint"');
    expect(box('sale')).not.toContain('checked');
    expect(box('message')).toContain('checked=""');
    expect(box('purchase')).toContain('disabled=""');
    expect(box('purchase')).toContain('checked=""');
    expect(box('review')).not.toContain('disabled');
    expect(html).toContain('name="csrf" value="page-token"');
  });
});

describe('the unsubscribe page HTML', () => {
  it('asks with a button that posts the token', async () => {
    const { default: Page } = await import('./unsubscribe');
    const html = await renderRoute(Page, {
      url: `/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`,
      rootData,
      loaderData: { token: UNSUBSCRIBE_TOKEN, type: 'payout', unsubscribed: false },
    });
    expect(html).toContain('Stop e-mails about payouts?');
    expect(html).toContain(`name="token" value="${UNSUBSCRIBE_TOKEN}"`);
    expect(html).toContain('name="csrf" value="page-token"');
  });

  it('says it is done', async () => {
    const { default: Page } = await import('./unsubscribe');
    const html = await renderRoute(Page, {
      url: `/unsubscribe?token=${UNSUBSCRIBE_TOKEN}`,
      rootData,
      loaderData: { token: UNSUBSCRIBE_TOKEN, type: 'payout', unsubscribed: true },
    });
    expect(html).toContain('You are unsubscribed');
    expect(html).not.toContain('name="token"');
  });
});
