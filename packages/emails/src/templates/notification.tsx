/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { NotificationType } from '@promptnx/db';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P, UnsubscribeLinks } from './layout.js';

/** How each kind of notification is named in its e-mail: the footer and the button. */
export const NOTIFICATION_EMAIL_TOPICS: Record<
  NotificationType,
  { what: string; why: string; action: string }
> = {
  message: {
    what: 'e-mails about new messages',
    why: 'someone wrote to you',
    action: 'Read the messages',
  },
  sale: { what: 'e-mails about your sales', why: 'you sell prompts', action: 'See your sales' },
  purchase: {
    what: 'e-mails about your purchases',
    why: 'you bought a prompt',
    action: 'Open your order',
  },
  review: {
    what: 'e-mails about reviews of your prompts',
    why: 'a buyer reviewed your prompt',
    action: 'Read the review',
  },
  review_reply: {
    what: 'e-mails about replies to your reviews',
    why: 'a seller replied to your review',
    action: 'Read the reply',
  },
  payout: {
    what: 'e-mails about your payouts',
    why: 'you are paid out for your sales',
    action: 'See your payouts',
  },
  moderation: {
    what: 'e-mails about moderation decisions',
    why: 'a moderator decided about your work',
    action: 'See the details',
  },
  system: {
    what: 'e-mails about your account',
    why: 'something changed about your account',
    action: 'Open PromptNX',
  },
};

export interface NotificationEmailData {
  type: NotificationType;
  /** The notification's title: the subject and the heading. */
  title: string;
  /** Its body (may be empty); paragraphs on blank lines. */
  body: string;
  /** The related page (an order, a prompt, a payout), absolute; null when there is none. */
  url: string | null;
  /** The storefront's confirm page for the one-click unsubscribe. */
  unsubscribeUrl: string;
  settingsUrl: string;
}

/** Every notification that is e-mailed without an e-mail of its own. */
export function NotificationEmail(data: NotificationEmailData) {
  const topic = NOTIFICATION_EMAIL_TOPICS[data.type];
  const paragraphs = data.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return (
    <EmailLayout
      preview={paragraphs[0] ?? data.title}
      heading={data.title}
      reason={`You received this e-mail because ${topic.why} and ${topic.what} are on in your PromptNX settings.`}
      footer={
        <UnsubscribeLinks
          what={topic.what}
          unsubscribeUrl={data.unsubscribeUrl}
          settingsUrl={data.settingsUrl}
        />
      }
    >
      {paragraphs.map((paragraph, i) => (
        // Paragraphs of one fixed text: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed text
        <P key={i}>{paragraph}</P>
      ))}
      {data.url ? <Action label={topic.action} url={data.url} /> : null}
    </EmailLayout>
  );
}

export const notification: EmailDefinition<NotificationEmailData> = {
  subject: (data) => data.title,
  Component: NotificationEmail,
  sample: {
    type: 'moderation',
    title: '“Neon city poster” needs changes',
    body: 'The example outputs do not match the template. Please replace them and submit again.',
    url: 'http://localhost:3000/sell/prompts/5b0c6a4e-8d3f-4c2a-9e1b-7f6d5c4b3a21',
    unsubscribeUrl: 'http://localhost:3000/unsubscribe?token=sample-token-0123456789abcdefghijkl',
    settingsUrl: 'http://localhost:3000/account/notifications',
  },
};
