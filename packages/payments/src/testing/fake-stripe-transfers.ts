import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received. */
export interface RecordedStripeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** An error answer in Stripe's shape. */
export interface StripeErrorAnswer {
  status: number;
  type: string;
  code?: string;
  message: string;
}

export interface FakeTransfer {
  id: string;
  object: 'transfer';
  amount: number;
  currency: string;
  destination: string;
  transfer_group: string | null;
  metadata: Record<string, string>;
  reversed: boolean;
  created: number;
}

export interface FakeStripeTransfers {
  /** http://127.0.0.1:PORT, for createStripeClient(key, url). */
  url: string;
  requests: RecordedStripeRequest[];
  /** Transfers made, in order: one per idempotency key, as Stripe does. */
  transfers: FakeTransfer[];
  /** The next POSTs fail with these, in order (429, 500: before Stripe runs the request). */
  failNext(...answers: StripeErrorAnswer[]): void;
  /** Every transfer to this destination is refused with this answer until `accept`. */
  refuse(destination: string, answer: StripeErrorAnswer): void;
  accept(destination: string): void;
  /** POST /v1/transfers requests' Idempotency-Key headers, in order. */
  postedKeys(): string[];
  close(): Promise<void>;
}

/** What Stripe says when the connected account cannot receive transfers. */
export const NO_TRANSFERS_CAPABILITY: StripeErrorAnswer = {
  status: 400,
  type: 'invalid_request_error',
  code: 'insufficient_capabilities_for_transfer',
  message:
    'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
};

export const RATE_LIMITED: StripeErrorAnswer = {
  status: 429,
  type: 'rate_limit_error',
  code: 'rate_limit',
  message: 'Too many requests hit the API too quickly.',
};

export const STRIPE_500: StripeErrorAnswer = {
  status: 500,
  type: 'api_error',
  message: 'An unknown error occurred',
};

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'request-id': `req_${randomBytes(6).toString('hex')}`,
  });
  response.end(text);
}

const errorBody = (a: StripeErrorAnswer) => ({
  error: { type: a.type, message: a.message, ...(a.code ? { code: a.code } : {}) },
});

/**
 * A local server that answers the Stripe transfer endpoints the way Stripe
 * does, for the real SDK: POST /v1/transfers honours Idempotency-Key (the
 * same key replays the first answer, never a second transfer), GET
 * /v1/transfers filters by transfer_group; failures on demand. Records every
 * request. Listens on 127.0.0.1 only.
 */
export async function startFakeStripeTransfers(): Promise<FakeStripeTransfers> {
  const requests: RecordedStripeRequest[] = [];
  const transfers: FakeTransfer[] = [];
  const byKey = new Map<string, { status: number; body: unknown }>();
  const failures: StripeErrorAnswer[] = [];
  const refusals = new Map<string, StripeErrorAnswer>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: RecordedStripeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      if (req.headers.authorization !== 'Bearer sk_test_promptnx_fake') {
        return send(res, 401, {
          error: { type: 'invalid_request_error', message: 'Invalid API Key provided' },
        });
      }
      if (request.method === 'POST') {
        const fail = failures.shift();
        if (fail) return send(res, fail.status, errorBody(fail));
      }
      const key = req.headers['idempotency-key'];
      if (request.method === 'POST' && typeof key === 'string' && byKey.has(key)) {
        const saved = byKey.get(key)!;
        return send(res, saved.status, saved.body);
      }
      const remember = (status: number, body: unknown) => {
        if (request.method === 'POST' && typeof key === 'string') byKey.set(key, { status, body });
        send(res, status, body);
      };
      if (request.method === 'POST' && request.path === '/v1/transfers') {
        const f = request.form;
        const destination = f.get('destination') ?? '';
        const refused = refusals.get(destination);
        if (refused) return remember(refused.status, errorBody(refused));
        const metadata: Record<string, string> = {};
        for (const [k, v] of f) {
          const m = /^metadata\[(.+)\]$/.exec(k);
          if (m) metadata[m[1]!] = v;
        }
        const transfer: FakeTransfer = {
          id: `tr_${randomBytes(8).toString('hex')}`,
          object: 'transfer',
          amount: Number(f.get('amount')),
          currency: f.get('currency') ?? '',
          destination,
          transfer_group: f.get('transfer_group'),
          metadata,
          reversed: false,
          created: Math.floor(Date.now() / 1000),
        };
        transfers.push(transfer);
        return remember(200, transfer);
      }
      if (request.method === 'GET' && request.path === '/v1/transfers') {
        const group = request.query.get('transfer_group');
        const data = transfers.filter((t) => group === null || t.transfer_group === group);
        return send(res, 200, { object: 'list', url: '/v1/transfers', has_more: false, data });
      }
      send(res, 404, {
        error: { type: 'invalid_request_error', message: `Unrecognized request URL` },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    transfers,
    failNext: (...answers) => {
      failures.push(...answers);
    },
    refuse: (destination, answer) => {
      refusals.set(destination, answer);
    },
    accept: (destination) => {
      refusals.delete(destination);
    },
    postedKeys: () =>
      requests
        .filter((r) => r.method === 'POST' && r.path === '/v1/transfers')
        .map((r) => String(r.headers['idempotency-key'])),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
