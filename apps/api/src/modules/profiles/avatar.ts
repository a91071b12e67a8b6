import { openImage } from '../../lib/images.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const SIZE = 256;

/** Checks an uploaded image and makes the 256×256 WebP avatar from it. */
export async function makeAvatar(bytes: Uint8Array): Promise<Uint8Array> {
  const { image } = await openImage(bytes, { maxBytes: AVATAR_MAX_BYTES, maxPixels: MAX_PIXELS });
  return await image().resize(SIZE, SIZE, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
}
