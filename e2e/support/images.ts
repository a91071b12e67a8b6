import { deflateSync } from 'node:zlib';

// Small, valid images for upload tests, made here: e2e has no image library.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * An RGB PNG of `width`×`height`: a vertical gradient from `top` to `bottom` with a soft
 * round "lantern" of `glow` in the middle, so screenshots show something.
 */
export function makePng(
  width: number,
  height: number,
  colors: {
    top: [number, number, number];
    bottom: [number, number, number];
    glow: [number, number, number];
  },
): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.min(width, height) / 3;
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0; // filter: none
    const t = y / Math.max(1, height - 1);
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x - cx, y - cy) / radius;
      const glow = Math.max(0, 1 - d * d);
      for (let c = 0; c < 3; c++) {
        const base = colors.top[c]! * (1 - t) + colors.bottom[c]! * t;
        raw[y * row + 1 + x * 3 + c] = Math.round(base * (1 - glow) + colors.glow[c]! * glow);
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 96×64 blue-green gradient JPEG (499 bytes). */
export const SMALL_JPEG = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCABAAGADASIAAhEBAxEB/8QAFgABAQEAAAAAAAAAAAAAAAAAAgUG/8QAFhAAAwAAAAAAAAAAAAAAAAAAAAEC/8QAFwEBAQEBAAAAAAAAAAAAAAAABAIGBf/EABYRAQEBAAAAAAAAAAAAAAAAAAIAAf/aAAwDAQACEQMRAD8AzSkakakak7eqEFBSNSNSNSRqlBQUjUjUjUkapIUFI1I1I1JGqSFBSNSNSNSRqkhQUjUjUjUkapIVEUjUjUjUidVigoKRqRqRqSNUkKCkakakakjVJCgpGpEpGpI1SQoqRqRKRqSNUkKCkakakakjVKCoqkakSkakTqsSFBSNSNSNSRqkhQUjUjUjUkapIUFI1I1I1JGqUFBSNSNSNSRqkhQUjUjUjUkapIVEUjUjUjUidViQoKRqRqRqSNUoKCkakakakjVJCgpGpGpGpI1SQoKRqRKRqSNUkKKkakSkakjVJCv/2Q==',
  'base64',
);
