import { Resend } from 'resend';
import type { EmailTransport, SendResult } from './transport.js';

export interface ResendConfig {
  apiKey: string;
  /** `PromptNX <hello@example.com>`: an address on a domain verified in Resend. */
  from: string;
  /** Another API address (tests: a local fake); defaults to https://api.resend.com. */
  baseUrl?: string | undefined;
  /** Longest wait for Resend's answer; default 15 s. The row stays locked meanwhile. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
// Resend answers 429 with retry-after in seconds; without it, wait this long.
const DEFAULT_RATE_LIMIT_WAIT_MS = 1000;
const MAX_RATE_LIMIT_WAIT_MS = 3_600_000;

/**
 * Sends through Resend's API with the official SDK. The row's dedupe key is
 * the Idempotency-Key: Resend answers a repeat within 24 hours with the first
 * answer and sends nothing, which covers a crash between sending and marking
 * the row sent.
 */
export function resendTransport(config: ResendConfig): EmailTransport {
  const resend = new Resend(config.apiKey, config.baseUrl ? { baseUrl: config.baseUrl } : {});
  return {
    provider: 'resend',
    async send(message): Promise<SendResult> {
      const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const signal = AbortSignal.timeout(timeoutMs);
      const { data, error, headers } = await resend.emails.send(
        {
          from: config.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          // Resend passes custom headers on as they are (List-Unsubscribe and its -Post).
          ...(message.headers && Object.keys(message.headers).length > 0
            ? { headers: message.headers }
            : {}),
        },
        { idempotencyKey: message.dedupeKey, signal },
      );
      if (data) return { ok: true, messageId: data.id };
      // The SDK reports an aborted request as unreachable; say what happened. Resend may
      // have sent it: the retry carries the same idempotency key.
      if (signal.aborted) {
        return { ok: false, retry: 'later', error: `resend timed out after ${timeoutMs} ms` };
      }
      const status = error?.statusCode ?? null;
      const text = `resend ${status ?? 'unreachable'} ${error?.name ?? 'unknown_error'}: ${error?.message ?? 'no answer'}`;
      if (status === 429) {
        return {
          ok: false,
          retry: 'rate-limited',
          error: text,
          retryAfterMs: retryAfterMs(headers?.['retry-after']),
        };
      }
      return {
        ok: false,
        retry: isPermanent(status, error?.name) ? 'never' : 'later',
        error: text,
      };
    },
  };
}

/**
 * A refusal of this message itself (bad address, missing field, the same key
 * with another body) fails it at once; anything else (5xx, no connection, a
 * bad API key or sender, which an operator fixes) is retried with backoff.
 */
function isPermanent(status: number | null, name: string | undefined): boolean {
  if (name === 'invalid_idempotent_request') return true;
  if (name === 'concurrent_idempotent_requests') return false;
  return status === 400 || status === 422;
}

function retryAfterMs(header: string | undefined): number {
  const seconds = header === undefined ? Number.NaN : Number(header);
  if (!Number.isFinite(seconds) || seconds <= 0) return DEFAULT_RATE_LIMIT_WAIT_MS;
  return Math.min(seconds * 1000, MAX_RATE_LIMIT_WAIT_MS);
}
