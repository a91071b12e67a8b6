/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Section, Text } from '@react-email/components';
import type { EmailDefinition } from '../render.js';
import { Action, EmailLayout, P, paragraph, UnsubscribeLinks } from './layout.js';
import { NOTIFICATION_EMAIL_TOPICS } from './notification.js';

export interface MessageDigestData {
  /** Who wrote (the other participant's display name). */
  senderName: string;
  /** The thread's subject; may be empty. */
  subject: string;
  /** The unread messages, oldest first, as plain text (at most a few, each shortened). */
  messages: { body: string; sentAt: string }[];
  /** Unread messages not shown here. */
  moreCount: number;
  threadUrl: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}

const quote = {
  ...paragraph,
  borderLeft: '3px solid #e5e7eb',
  margin: '8px 0',
  paddingLeft: '12px',
  whiteSpace: 'pre-wrap' as const,
};
const meta = { color: '#555555', fontSize: '12px', margin: '12px 0 0' };

/** Unread chat messages of one thread, sent once per unread streak (decision 0021). */
export function MessageDigestEmail(data: MessageDigestData) {
  const count = data.messages.length + data.moreCount;
  const topic = NOTIFICATION_EMAIL_TOPICS.message;
  return (
    <EmailLayout
      preview={data.messages[0]?.body.slice(0, 120) ?? `${data.senderName} wrote to you.`}
      heading={`${data.senderName} wrote to you`}
      reason={`You received this e-mail because ${topic.why} and ${topic.what} are on in your PromptNX settings. We send one per conversation until you read it.`}
      footer={
        <UnsubscribeLinks
          what={topic.what}
          unsubscribeUrl={data.unsubscribeUrl}
          settingsUrl={data.settingsUrl}
        />
      }
    >
      <P>
        {count === 1 ? 'You have an unread message' : `You have ${count} unread messages`}
        {data.subject ? ` in the conversation ${data.subject}` : ''}:
      </P>
      {data.messages.map((message, i) => (
        // Messages of one fixed e-mail: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed list
        <Section key={i}>
          <Text style={meta}>{message.sentAt}</Text>
          <Text style={quote}>{message.body}</Text>
        </Section>
      ))}
      {data.moreCount > 0 ? (
        <P>
          …and {data.moreCount} more {data.moreCount === 1 ? 'message' : 'messages'}.
        </P>
      ) : null}
      <Action label="Reply" url={data.threadUrl} />
    </EmailLayout>
  );
}

export const messageDigest: EmailDefinition<MessageDigestData> = {
  subject: (data) =>
    data.subject
      ? `${data.senderName} wrote to you: ${data.subject}`
      : `${data.senderName} wrote to you`,
  Component: MessageDigestEmail,
  sample: {
    senderName: 'Ada Lovelace',
    subject: 'About “Neon city poster”',
    messages: [
      { body: 'Does it work with Midjourney v7?', sentAt: '22 Nov 2026, 14:02 UTC' },
      {
        body: 'And could you add a variant for square posters?',
        sentAt: '22 Nov 2026, 14:03 UTC',
      },
    ],
    moreCount: 0,
    threadUrl: 'http://localhost:3000/inbox/0e2d8f7c-6b5a-4c3d-9e1f-2a3b4c5d6e7f',
    unsubscribeUrl: 'http://localhost:3000/unsubscribe?token=sample-token-0123456789abcdefghijkl',
    settingsUrl: 'http://localhost:3000/account/notifications',
  },
};
