/** @jsxRuntime automatic */
/** @jsxImportSource react */
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';

// Inline styles only: many mail clients drop <style> blocks.
const colors = { ink: '#1a1a1a', muted: '#555555', brand: '#4338ca', line: '#e5e7eb' };
const body: CSSProperties = {
  backgroundColor: '#f6f6f9',
  color: colors.ink,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
  margin: 0,
  padding: '24px 0',
};
const container: CSSProperties = {
  backgroundColor: '#ffffff',
  borderRadius: '8px',
  maxWidth: '560px',
  padding: '24px 32px',
};
const brand: CSSProperties = {
  color: colors.brand,
  fontSize: '18px',
  fontWeight: 700,
  letterSpacing: '0.02em',
  margin: 0,
};
const heading: CSSProperties = { fontSize: '22px', lineHeight: '1.3', margin: '24px 0 8px' };
export const paragraph: CSSProperties = { fontSize: '15px', lineHeight: '1.6', margin: '12px 0' };
const button: CSSProperties = {
  backgroundColor: colors.brand,
  borderRadius: '6px',
  color: '#ffffff',
  fontSize: '15px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
};
const small: CSSProperties = { color: colors.muted, fontSize: '12px', lineHeight: '1.5' };

export interface EmailLayoutProps {
  /** The line mail clients show after the subject. */
  preview: string;
  heading: string;
  /** Why the reader got this e-mail, shown in the footer. */
  reason: string;
  /** Under the reason: the unsubscribe links of notification e-mails. */
  footer?: ReactNode;
  children: ReactNode;
}

/** Every PromptNX e-mail: brand header, heading, body, footer saying why it was sent. */
export function EmailLayout({
  preview,
  heading: title,
  reason,
  footer,
  children,
}: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Section>
            <Text style={brand}>PromptNX</Text>
          </Section>
          <Heading as="h1" style={heading}>
            {title}
          </Heading>
          {children}
          <Hr style={{ borderColor: colors.line, margin: '24px 0 12px' }} />
          <Text style={small}>{reason}</Text>
          {footer}
          <Text style={small}>PromptNX, the marketplace for AI prompts.</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A paragraph of body text. */
export function P({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

/**
 * The e-mail's one call to action: a button, and the address spelled out for
 * clients that hide buttons. The plain text shows the address once.
 */
export function Action({ label, url }: { label: string; url: string }) {
  return (
    <>
      <Section style={{ margin: '20px 0' }}>
        <Button href={url} style={button}>
          {label}
        </Button>
      </Section>
      <Text style={small} data-skip-in-text="true">
        Or paste this link into your browser:{' '}
        <Link href={url} style={{ color: colors.brand, wordBreak: 'break-all' }}>
          {url}
        </Link>
      </Text>
    </>
  );
}

/**
 * The footer of an e-mail a user can turn off: a one-click unsubscribe link
 * for this kind of e-mail (the page asks to confirm) and the settings page.
 */
export function UnsubscribeLinks({
  what,
  unsubscribeUrl,
  settingsUrl,
}: {
  /** "e-mails about messages" */
  what: string;
  unsubscribeUrl: string;
  settingsUrl: string;
}) {
  return (
    <Text style={small}>
      <Link href={unsubscribeUrl} style={{ color: colors.muted, textDecoration: 'underline' }}>
        Unsubscribe from {what}
      </Link>{' '}
      ·{' '}
      <Link href={settingsUrl} style={{ color: colors.muted, textDecoration: 'underline' }}>
        Notification settings
      </Link>
    </Text>
  );
}
