import sharp from 'sharp';
import { AppError } from '../../lib/errors.js';

export const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const SIZE = 256;

// What the bytes are, by their first bytes, whatever the request calls them.
function sniff(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | undefined {
  const b = Buffer.from(bytes.subarray(0, 12));
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

/** Checks an uploaded image and makes the 256×256 WebP avatar from it. */
export async function makeAvatar(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'the image is empty');
  if (bytes.byteLength > AVATAR_MAX_BYTES) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `the image is larger than ${AVATAR_MAX_BYTES / 1024 / 1024} MB`,
    );
  }
  const kind = sniff(bytes);
  if (!kind) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the file is not a PNG, JPEG or WebP image');
  }
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const info = await image.metadata();
    if (info.format !== kind && !(kind === 'jpeg' && info.format === 'jpeg')) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image data does not match its format');
    }
    return await image
      .rotate()
      .resize(SIZE, SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `the image has more than ${MAX_PIXELS / 1_000_000} million pixels`,
      );
    }
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image cannot be read');
  }
}
