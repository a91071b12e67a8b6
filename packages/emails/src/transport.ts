/** One queued e-mail as the transport sends it. */
export interface OutboundMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Unique per e-mail: the provider's idempotency key, so a resend is never a second e-mail. */
  dedupeKey: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post); empty for most e-mails. */
  headers?: Record<string, string>;
}

/**
 * What became of one send. `later`: try again after the backoff (the
 * provider is down or refused the credentials). `never`: this message can
 * never go (an invalid address, say). `rate-limited`: the provider asked us to
 * slow down; not counted as an attempt.
 */
export type SendResult =
  | { ok: true; messageId: string }
  | { ok: false; retry: 'later' | 'never'; error: string }
  | { ok: false; retry: 'rate-limited'; error: string; retryAfterMs: number };

/** Where e-mail goes: Resend in production; tests wrap it to simulate crashes. */
export interface EmailTransport {
  /** Written to outbound_emails.provider. */
  readonly provider: string;
  /** Never throws for a provider error (those are results); a throw rolls the delivery back. */
  send(message: OutboundMessage): Promise<SendResult>;
}
