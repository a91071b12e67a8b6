import { StorageClient, type StorageError } from '@supabase/storage-js';
import { isStorageKey, type Storage } from './local-storage.js';

export interface SupabaseStorageOptions {
  /** The project URL, e.g. https://abcd.supabase.co (SUPABASE_URL). */
  url: string;
  /** Writes bypass Storage's RLS: the API has checked the bytes, size and pixels itself. */
  serviceRoleKey: string;
  bucket: string;
  /** Per request; a hung Storage must not hold an upload request open forever. */
  timeoutMs?: number;
}

/** How long browsers and CDNs may keep a file; keys never change, but deletions should land. */
const CACHE_SECONDS = String(24 * 3600);

/**
 * A call to Supabase Storage that failed. Deliberately no `statusCode`: the
 * error handler then answers 500 and logs it, instead of passing Storage's
 * 4xx (our fault, not the caller's) on to the client.
 */
export class StorageRequestError extends Error {
  override name = 'StorageRequestError';
  constructor(
    message: string,
    /** Storage's HTTP status, when it answered at all. */
    readonly storageStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function failure(action: string, key: string, error: StorageError) {
  const status = error.status;
  const code =
    error.statusCode && error.statusCode !== String(status) ? ` ${error.statusCode}` : '';
  const answer = status
    ? `answered ${status}${code}: ${error.message}`
    : `failed: ${error.message}`;
  return new StorageRequestError(`Supabase Storage ${action} of ${key} ${answer}`, status, {
    cause: error,
  });
}

/**
 * Supabase Storage (decision 0012): the API uploads with the service role key
 * into one public-read bucket, and file URLs are the bucket's public URLs, so
 * listing 24 cards costs no round-trip to Storage.
 */
export class SupabaseStorage implements Storage {
  // Private fields: logging or inspecting the adapter never shows the key.
  readonly #files: ReturnType<StorageClient['from']>;
  readonly #publicBase: string;

  constructor({ url, serviceRoleKey, bucket, timeoutMs = 15_000 }: SupabaseStorageOptions) {
    const api = `${url.replace(/\/+$/, '')}/storage/v1`;
    const timed: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
    const client = new StorageClient(
      api,
      { apikey: serviceRoleKey, Authorization: `Bearer ${serviceRoleKey}` },
      timed,
    );
    this.#files = client.from(bucket);
    this.#publicBase = `${api}/object/public/${encodeURIComponent(bucket)}/`;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
    const { error } = await this.#files.upload(key, bytes, {
      contentType,
      upsert: false,
      cacheControl: CACHE_SECONDS,
    });
    if (error) throw failure('upload', key, error);
  }

  async remove(key: string): Promise<void> {
    if (!isStorageKey(key)) throw new Error(`not a storage key: ${key}`);
    // Storage answers 200 with the objects it deleted: a missing one is no error.
    const { error } = await this.#files.remove([key]);
    if (error) throw failure('delete', key, error);
  }

  /**
   * The file's public URL: the bucket is public-read, so this neither signs nor
   * expires (`ttlSeconds` is ignored), and it stays the same, which caches well.
   */
  signedUrl(key: string, _ttlSeconds?: number): string {
    return this.#publicBase + key.split('/').map(encodeURIComponent).join('/');
  }
}
