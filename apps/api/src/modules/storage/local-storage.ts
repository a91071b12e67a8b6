import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Files kept by PromptNX: avatars now, example outputs with the catalog. */
export interface Storage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  remove(key: string): Promise<void>;
  /**
   * A URL anyone holding it may fetch: signed and expiring after about
   * `ttlSeconds` on local disk; on Supabase the bucket's public URL, which
   * never expires (decision 0012). Synchronous: called for every card of a listing.
   */
  signedUrl(key: string, ttlSeconds: number): string;
}

const KEY = /^[0-9a-f-]{36}\/[a-z]+\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.(png|jpe?g|webp)$/;

/** Whether a key has the shape `storageKey` makes (no `..`, no stray folders). */
export const isStorageKey = (key: string) => KEY.test(key);

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/** `{userId}/{entity}/{yyyy}/{mm}/{uuid}.{ext}` (DESIGN §3). */
export function storageKey(
  userId: string,
  entity: string,
  id: string,
  ext: string,
  now = new Date(),
) {
  const yyyy = String(now.getUTCFullYear());
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${userId}/${entity}/${yyyy}/${mm}/${id}.${ext}`;
}

/**
 * Local-disk storage: files under one root, served by the API at
 * /files/<key>?exp=…&sig=… with an HMAC over key and expiry.
 */
export class LocalStorage implements Storage {
  constructor(
    private readonly root: string,
    private readonly secret: string,
    private readonly publicUrl: string,
  ) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: 'wx' });
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private signature(key: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${key}\n${expires}`).digest('base64url');
  }

  signedUrl(key: string, ttlSeconds: number): string {
    // Expiry rounded up to the TTL, so URLs stay the same (cacheable) for a while.
    const now = Math.floor(Date.now() / 1000);
    const expires = (Math.floor(now / ttlSeconds) + 2) * ttlSeconds;
    return `${this.publicUrl}/files/${key}?exp=${expires}&sig=${this.signature(key, expires)}`;
  }

  /** The file behind a signed URL, or why it cannot be served. */
  async open(key: string, expires: number, signature: string) {
    if (!KEY.test(key)) return { error: 'not found' as const };
    if (!Number.isInteger(expires) || expires < Date.now() / 1000)
      return { error: 'expired' as const };
    const expected = Buffer.from(this.signature(key, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { error: 'bad signature' as const };
    }
    const file = this.pathOf(key);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return { error: 'not found' as const };
    return {
      stream: createReadStream(file),
      size: info.size,
      contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      maxAge: Math.max(0, expires - Math.floor(Date.now() / 1000)),
    };
  }
}
