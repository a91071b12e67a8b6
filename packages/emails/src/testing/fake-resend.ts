import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Resend's API: a real HTTP server on 127.0.0.1 that answers
 * `POST /emails` the way Resend does: Bearer API key (401 without one, 403 for
 * a wrong one), 422 for a missing field or a malformed address, and
 * idempotency keys honoured like Resend's (a repeat with the same key and
 * body gets the first answer and sends nothing; the same key with another
 * body is a 409). It records every request, keeps the e-mails it "delivered",
 * and lets a test script failures (500, 429 with retry-after, …).
 */

export interface RecordedResendRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The JSON body, parsed (null when it was not JSON). */
  body: Record<string, unknown> | null;
  /** What the fake answered. */
  status: number;
}

export interface DeliveredEmail {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  /** The custom headers Resend would add to the message (List-Unsubscribe, …). */
  headers: Record<string, string>;
}

/** An answer to force on the next `POST /emails`, instead of handling it. */
export interface FakeResendFailure {
  status: 429 | 500 | 502 | 503 | 401 | 403 | 422;
  /** Resend's error name; a sensible one for the status by default. */
  name?: string;
  message?: string;
  /** Seconds, sent as retry-after (429 only; Resend sends 1 by default). */
  retryAfter?: number;
}

export interface FakeResend {
  /** Base URL for the SDK's `baseUrl` (RESEND_BASE_URL). */
  url: string;
  apiKey: string;
  requests: RecordedResendRequest[];
  /** E-mails accepted and "sent", once each, in order. */
  delivered: DeliveredEmail[];
  /** Answers the next requests with these failures, one each, in order. */
  failNext(...failures: FakeResendFailure[]): void;
  /** Answers every request with this failure until called with null. */
  failAlways(failure: FakeResendFailure | null): void;
  /**
   * Handles requests as usual (the e-mail counts as sent) but answers none
   * until the returned function is called: a client that dies meanwhile
   * never learns that Resend accepted its e-mail.
   */
  holdAnswers(): () => void;
  /** Forgets requests, deliveries, idempotency keys and scripted failures. */
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_ERRORS: Record<FakeResendFailure['status'], { name: string; message: string }> = {
  401: {
    name: 'missing_api_key',
    message: 'Missing API key in the authorization header.',
  },
  403: { name: 'invalid_api_key', message: 'API key is invalid' },
  422: { name: 'validation_error', message: 'Invalid `to` field.' },
  429: {
    name: 'rate_limit_exceeded',
    message: 'Too many requests. You can only make 2 requests per second.',
  },
  500: { name: 'internal_server_error', message: 'An unexpected error occurred.' },
  502: { name: 'internal_server_error', message: 'Bad gateway.' },
  503: { name: 'internal_server_error', message: 'Service unavailable.' },
};

const ADDRESS = /^[^@\s<>]+@[^@\s<>]+$/;
const FROM = /^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/;

export async function startFakeResend(options: { apiKey?: string } = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? `re_test_${randomUUID().replaceAll('-', '')}`;
  const requests: RecordedResendRequest[] = [];
  const delivered: DeliveredEmail[] = [];
  /** Idempotency key → the body it came with and the answer it got. */
  const idempotent = new Map<string, { body: string; id: string }>();
  let scripted: FakeResendFailure[] = [];
  let always: FakeResendFailure | null = null;
  let held: (() => void)[] | null = null;

  function answer(
    res: ServerResponse,
    record: RecordedResendRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    record.status = status;
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (held) held.push(send);
    else send();
  }
  const error = (
    res: ServerResponse,
    record: RecordedResendRequest,
    status: number,
    name: string,
    message: string,
    headers: Record<string, string> = {},
  ) => answer(res, record, status, { statusCode: status, name, message }, headers);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const record: RecordedResendRequest = {
        method: req.method ?? 'GET',
        path,
        headers: req.headers,
        body,
        status: 0,
      };
      requests.push(record);

      if (req.method !== 'POST' || path !== '/emails') {
        return error(res, record, 404, 'not_found', 'The requested endpoint does not exist.');
      }
      const auth = req.headers.authorization;
      if (!auth?.startsWith('Bearer ')) {
        return error(res, record, 401, 'missing_api_key', DEFAULT_ERRORS[401].message);
      }
      if (auth.slice('Bearer '.length) !== apiKey) {
        return error(res, record, 403, 'invalid_api_key', 'API key is invalid');
      }
      const failure = scripted.shift() ?? always;
      if (failure) {
        const fallback = DEFAULT_ERRORS[failure.status];
        const headers: Record<string, string> =
          failure.status === 429 ? { 'retry-after': String(failure.retryAfter ?? 1) } : {};
        return error(
          res,
          record,
          failure.status,
          failure.name ?? fallback.name,
          failure.message ?? fallback.message,
          headers,
        );
      }
      if (!body) return error(res, record, 422, 'validation_error', 'Invalid JSON body.');
      for (const field of ['from', 'to', 'subject'] as const) {
        if (!body[field]) {
          return error(res, record, 422, 'missing_required_field', `Missing \`${field}\` field.`);
        }
      }
      const to = Array.isArray(body.to) ? body.to.map(String) : [String(body.to)];
      if (!to.every((address) => ADDRESS.test(address))) {
        return error(res, record, 422, 'validation_error', 'Invalid `to` field.');
      }
      if (!FROM.test(String(body.from))) {
        return error(res, record, 422, 'validation_error', 'Invalid `from` field.');
      }

      // Resend takes custom headers as an object of strings and refuses anything else.
      const custom = body.headers ?? {};
      if (
        typeof custom !== 'object' ||
        Array.isArray(custom) ||
        !Object.values(custom as object).every((value) => typeof value === 'string')
      ) {
        return error(res, record, 422, 'validation_error', 'Invalid `headers` field.');
      }

      const key = req.headers['idempotency-key'];
      const idempotencyKey = typeof key === 'string' ? key : null;
      if (idempotencyKey !== null) {
        if (idempotencyKey.length === 0 || idempotencyKey.length > 256) {
          return error(
            res,
            record,
            400,
            'invalid_idempotency_key',
            'The key must be between 1-256 chars.',
          );
        }
        const seen = idempotent.get(idempotencyKey);
        if (seen) {
          if (seen.body !== raw) {
            return error(
              res,
              record,
              409,
              'invalid_idempotent_request',
              'Same idempotency key used with a different request payload.',
            );
          }
          return answer(res, record, 200, { id: seen.id });
        }
      }
      const id = randomUUID();
      if (idempotencyKey !== null) idempotent.set(idempotencyKey, { body: raw, id });
      delivered.push({
        id,
        idempotencyKey,
        from: String(body.from),
        to,
        subject: String(body.subject),
        html: typeof body.html === 'string' ? body.html : undefined,
        text: typeof body.text === 'string' ? body.text : undefined,
        headers: { ...(custom as Record<string, string>) },
      });
      return answer(res, record, 200, { id });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    delivered,
    failNext(...failures) {
      scripted.push(...failures);
    },
    failAlways(failure) {
      always = failure;
    },
    holdAnswers() {
      const mine: (() => void)[] = [];
      held = mine;
      return () => {
        if (held === mine) held = null;
        for (const send of mine.splice(0)) send();
      };
    },
    reset() {
      held = null;
      requests.length = 0;
      delivered.length = 0;
      idempotent.clear();
      scripted = [];
      always = null;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
