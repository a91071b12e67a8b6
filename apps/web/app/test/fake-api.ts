import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API received. */
export interface RecordedCall {
  method: string;
  /** Path and query, e.g. /auth/v1/token?grant_type=refresh_token */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The body's bytes as sent (for uploads). */
  raw: Buffer;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  contentType?: string;
  delayMs?: number;
}

export type FakeHandler = (call: RecordedCall) => FakeAnswer | undefined;

export const USER_ID = '7d6f1c2a-3b4e-4f5a-8b9c-0d1e2f3a4b5c';

/** A user as GoTrue answers with it. */
export function authUser(email = 'ada@example.com', displayName = 'Ada') {
  return {
    id: USER_ID,
    aud: 'authenticated',
    role: 'authenticated',
    email,
    email_confirmed_at: '2025-01-01T00:00:00Z',
    app_metadata: { provider: 'email', providers: ['email'] },
    user_metadata: { display_name: displayName },
    created_at: '2025-01-01T00:00:00Z',
  };
}

/** A GoTrue session whose tokens are unique, expiring in `expiresIn` seconds. */
export function authSession(expiresIn = 3600, user = authUser()) {
  const id = randomUUID();
  return {
    access_token: `access-${id}`,
    token_type: 'bearer',
    expires_in: expiresIn,
    expires_at: Math.floor(Date.now() / 1000) + expiresIn,
    refresh_token: `refresh-${id}`,
    user,
  };
}

/** GoTrue's error body. */
export function authError(status: number, errorCode: string, msg: string): FakeAnswer {
  return { status, body: { code: status, error_code: errorCode, msg } };
}

/** The signed-in user's profile as GET /api/me answers. */
export function me(overrides: Record<string, unknown> = {}) {
  return {
    id: USER_ID,
    email: 'ada@example.com',
    username: null,
    displayName: 'Ada',
    bio: '',
    avatarUrl: null,
    links: [],
    role: 'buyer',
    status: 'active',
    suspendedReason: null,
    seller: null,
    createdAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

/**
 * A local HTTP server on 127.0.0.1 that answers like the auth API and the PromptNX API do,
 * through `handler`, and records every request. Unhandled requests get a 404 problem.
 */
export async function startFakeApi(handler: FakeHandler) {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: unknown = raw;
    if ((req.headers['content-type'] ?? '').includes('json') && raw) body = JSON.parse(raw);
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body,
      raw: bytes,
    };
    calls.push(call);
    const answer = handler(call) ?? {
      status: 404,
      contentType: 'application/problem+json',
      body: {
        type: 'https://promptnx.dev/problems/route-not-found',
        title: 'Not Found',
        status: 404,
        code: 'ROUTE_NOT_FOUND',
      },
    };
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.statusCode = answer.status;
    if (answer.body === undefined) return res.end();
    res.setHeader('content-type', answer.contentType ?? 'application/json');
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An address where nothing listens any more. */
export async function deadUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}
