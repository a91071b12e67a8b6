import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

/** One request the fake Storage received, body kept as bytes. */
export interface StorageRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface StoredObject {
  bytes: Buffer;
  contentType: string;
  cacheControl: string | undefined;
}

/** What the next requests get instead of Storage's normal answer (status, JSON or text body). */
export interface StorageFailure {
  status: number;
  body: unknown;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
  });
  res.end(text);
};

// Storage's error bodies: HTTP 400 with the "real" status in statusCode (storage-api v1).
const storageError = (res: ServerResponse, statusCode: string, error: string, message: string) =>
  json(res, 400, { statusCode, error, message });

/**
 * A stand-in for Supabase Storage on 127.0.0.1 (closed after the test file):
 * upload (POST /storage/v1/object/<bucket>/<key>), delete (DELETE
 * /storage/v1/object/<bucket> with `prefixes`), public download, the bucket's
 * MIME list and size limit, and the service key check. Records every request.
 */
export async function startFakeSupabaseStorage(options: {
  serviceKey: string;
  bucket?: string;
  allowedMimeTypes?: string[];
  fileSizeLimit?: number;
}) {
  const bucket = options.bucket ?? 'promptnx-media';
  const allowed = options.allowedMimeTypes ?? ['image/png', 'image/jpeg', 'image/webp'];
  const limit = options.fileSizeLimit ?? 10 * 1024 * 1024;
  const objects = new Map<string, StoredObject>();
  const requests: StorageRequest[] = [];
  const failures: StorageFailure[] = [];
  let hang = false;

  const authorised = (headers: IncomingHttpHeaders) =>
    headers.apikey === options.serviceKey &&
    headers.authorization === `Bearer ${options.serviceKey}`;

  function handle(request: StorageRequest, res: ServerResponse) {
    if (hang) return; // never answers: the client's timeout must end the call
    const failure = failures.shift();
    if (failure) return json(res, failure.status, failure.body);

    const publicPrefix = `/storage/v1/object/public/${bucket}/`;
    if (request.method === 'GET' && request.path.startsWith(publicPrefix)) {
      const stored = objects.get(decodeURIComponent(request.path.slice(publicPrefix.length)));
      if (!stored) return storageError(res, '404', 'not_found', 'Object not found');
      res.writeHead(200, {
        'content-type': stored.contentType,
        'cache-control': stored.cacheControl ?? 'no-cache',
      });
      return res.end(stored.bytes);
    }

    if (!authorised(request.headers)) {
      return storageError(res, '403', 'Unauthorized', 'Invalid Compact JWS');
    }
    const match = /^\/storage\/v1\/object\/([^/]+)(?:\/(.+))?$/.exec(request.path);
    if (!match || match[1] !== bucket) {
      return storageError(res, '404', 'Bucket not found', 'Bucket not found');
    }
    const key = match[2] ? decodeURIComponent(match[2]) : undefined;

    if (request.method === 'POST' && key) {
      const contentType = String(request.headers['content-type'] ?? '');
      if (!allowed.includes(contentType)) {
        return json(res, 415, {
          statusCode: '415',
          error: 'invalid_mime_type',
          message: `mime type ${contentType} is not supported`,
        });
      }
      if (request.body.byteLength > limit) {
        return json(res, 413, {
          statusCode: '413',
          error: 'Payload too large',
          message: 'The object exceeded the maximum allowed size',
        });
      }
      if (objects.has(key) && request.headers['x-upsert'] !== 'true') {
        return storageError(res, '409', 'Duplicate', 'The resource already exists');
      }
      objects.set(key, {
        bytes: request.body,
        contentType,
        cacheControl: request.headers['cache-control'] as string | undefined,
      });
      return json(res, 200, { Key: `${bucket}/${key}`, Id: randomUUID() });
    }

    if (request.method === 'DELETE' && !key) {
      const { prefixes } = JSON.parse(request.body.toString('utf8')) as { prefixes: string[] };
      const deleted = prefixes.filter((p) => objects.delete(p));
      return json(
        res,
        200,
        deleted.map((name) => ({ name, bucket_id: bucket, id: randomUUID(), metadata: {} })),
      );
    }
    return json(res, 404, { statusCode: '404', error: 'not_found', message: 'Route not found' });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: StorageRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://127.0.0.1').pathname,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      handle(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  afterAll(close);

  return {
    /** http://127.0.0.1:PORT, as SUPABASE_URL. */
    url: `http://127.0.0.1:${port}`,
    requests,
    objects,
    /** The next requests fail with these answers, in order. */
    failNext: (...answers: StorageFailure[]) => failures.push(...answers),
    /** From now on, accept requests and never answer (until set back). */
    setHanging: (value: boolean) => {
      hang = value;
    },
    close,
  };
}

export type FakeSupabaseStorage = Awaited<ReturnType<typeof startFakeSupabaseStorage>>;

/** A key shaped like a Supabase service role JWT (not signed: the fake only compares it). */
export function fakeServiceRoleKey(role = 'service_role'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ iss: 'supabase', ref: 'local', role })}.${randomUUID()}`;
}
