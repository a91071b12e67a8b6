import sharp from 'sharp';
import { AppError } from './errors.js';

export type ImageKind = 'png' | 'jpeg' | 'webp';

export const MIME_OF: Record<ImageKind, 'image/png' | 'image/jpeg' | 'image/webp'> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** What the bytes are, by their first bytes, whatever the request calls them. */
export function sniffImage(bytes: Uint8Array): ImageKind | undefined {
  const b = Buffer.from(bytes.subarray(0, 12));
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

export interface ImageLimits {
  maxBytes: number;
  maxPixels: number;
  /** Longest side allowed, in pixels. */
  maxSide?: number;
}

/**
 * Checks an upload before anything is stored: not empty, not too large, a
 * PNG/JPEG/WebP by its bytes, decodable, within the pixel limits. Answers with
 * a sharp pipeline over it (EXIF orientation applied) and its kind.
 */
export async function openImage(bytes: Uint8Array, limits: ImageLimits) {
  if (bytes.byteLength === 0) throw new AppError('BAD_REQUEST', 'the image is empty');
  if (bytes.byteLength > limits.maxBytes) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `the image is larger than ${limits.maxBytes / 1024 / 1024} MB`,
    );
  }
  const kind = sniffImage(bytes);
  if (!kind) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the file is not a PNG, JPEG or WebP image');
  }
  try {
    const info = await sharp(bytes, {
      limitInputPixels: limits.maxPixels,
      failOn: 'error',
    }).metadata();
    if (info.format !== kind) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image data does not match its format');
    }
    const side = Math.max(info.width ?? 0, info.height ?? 0);
    if (limits.maxSide && side > limits.maxSide) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `the image is more than ${limits.maxSide} pixels on a side`,
      );
    }
    // Decode fully once, so a truncated or corrupt file fails here and not later.
    await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).stats();
    return {
      kind,
      image: () => sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).rotate(),
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const message = error instanceof Error ? error.message : '';
    if (/pixel limit/i.test(message)) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `the image has more than ${limits.maxPixels / 1_000_000} million pixels`,
      );
    }
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image cannot be read');
  }
}
