import { link, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { type Rng, rngFor } from './random.js';

// Example images, made locally: abstract art drawn as SVG and encoded to WebP
// by sharp. Rendering is the slow part (~30 ms an image), so a pool of
// distinct images is rendered once and every asset gets its own file with the
// bytes of one of them.

export const THUMBNAIL_WIDTH = 320;

export interface PoolImage {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const SIZES = [
  [768, 768],
  [640, 960],
  [960, 640],
] as const;

const hsl = (h: number, s: number, l: number, a = 1) =>
  `hsla(${Math.round(((h % 360) + 360) % 360)},${s}%,${l}%,${a})`;

function palette(rng: Rng): number[] {
  const base = rng.int(0, 359);
  const scheme = rng.pick([
    [0, 30, 60, 90],
    [0, 180, 20, 200],
    [0, 120, 240, 60],
    [0, 15, 200, 215],
  ]);
  return scheme.map((offset) => base + offset);
}

function orbs(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = '';
  for (let i = 0; i < rng.int(7, 15); i++) {
    const r = rng.int(Math.round(w * 0.05), Math.round(w * 0.35));
    out += `<circle cx="${rng.int(0, w)}" cy="${rng.int(0, h)}" r="${r}" fill="${hsl(rng.pick(hues), rng.int(55, 90), rng.int(45, 75), 0.35 + rng.next() * 0.45)}"/>`;
  }
  return out;
}

function waves(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = '';
  const bands = rng.int(4, 7);
  for (let i = 0; i < bands; i++) {
    const y = Math.round((h / (bands + 1)) * (i + 1));
    const amp = rng.int(20, Math.round(h / 5));
    const c1 = rng.int(0, w);
    const c2 = rng.int(0, w);
    out += `<path d="M0 ${y} C ${c1} ${y - amp}, ${c2} ${y + amp}, ${w} ${y} L ${w} ${h} L 0 ${h} Z" fill="${hsl(hues[i % hues.length]!, rng.int(50, 85), rng.int(30, 70), 0.55)}"/>`;
  }
  return out;
}

function mosaic(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = '';
  const cell = rng.pick([48, 64, 96, 128]);
  for (let x = 0; x < w; x += cell) {
    for (let y = 0; y < h; y += cell) {
      if (rng.chance(0.45)) continue;
      const shape = rng.int(0, 2);
      const fill = hsl(rng.pick(hues), rng.int(45, 85), rng.int(35, 75), 0.85);
      if (shape === 0)
        out += `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${fill}"/>`;
      else if (shape === 1)
        out += `<circle cx="${x + cell / 2}" cy="${y + cell / 2}" r="${cell / 2}" fill="${fill}"/>`;
      else
        out += `<path d="M${x} ${y + cell} L${x + cell / 2} ${y} L${x + cell} ${y + cell} Z" fill="${fill}"/>`;
    }
  }
  return out;
}

function rays(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = '';
  const cx = rng.int(0, w);
  const cy = rng.int(0, h);
  const count = rng.int(12, 28);
  const reach = Math.max(w, h) * 1.5;
  for (let i = 0; i < count; i++) {
    if (i % 2 === 1) continue;
    const a1 = (i / count) * Math.PI * 2;
    const a2 = ((i + 1) / count) * Math.PI * 2;
    const p = (a: number) =>
      `${Math.round(cx + Math.cos(a) * reach)} ${Math.round(cy + Math.sin(a) * reach)}`;
    out += `<path d="M${cx} ${cy} L${p(a1)} L${p(a2)} Z" fill="${hsl(rng.pick(hues), 70, rng.int(45, 70), 0.4)}"/>`;
  }
  const r = rng.int(Math.round(w * 0.06), Math.round(w * 0.18));
  return `${out}<circle cx="${cx}" cy="${cy}" r="${r}" fill="${hsl(hues[3]!, 90, 80, 0.9)}"/>`;
}

function rings(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = '';
  const cx = rng.int(Math.round(w * 0.2), Math.round(w * 0.8));
  const cy = rng.int(Math.round(h * 0.2), Math.round(h * 0.8));
  for (let r = Math.max(w, h); r > 10; r -= rng.int(18, 60)) {
    out += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${hsl(rng.pick(hues), 75, rng.int(40, 80), 0.7)}" stroke-width="${rng.int(4, 22)}"/>`;
  }
  return out;
}

function peaks(rng: Rng, w: number, h: number, hues: number[]): string {
  let out = `<circle cx="${rng.int(0, w)}" cy="${rng.int(Math.round(h * 0.1), Math.round(h * 0.4))}" r="${rng.int(30, 90)}" fill="${hsl(hues[1]!, 90, 85, 0.9)}"/>`;
  const layers = rng.int(3, 5);
  for (let i = 0; i < layers; i++) {
    const base = Math.round(h * (0.45 + (i / layers) * 0.45));
    let d = `M0 ${h} L0 ${base}`;
    for (let x = 0; x <= w; x += rng.int(60, 160))
      d += ` L${x} ${base - rng.int(0, Math.round(h * 0.25))}`;
    d += ` L${w} ${base} L${w} ${h} Z`;
    out += `<path d="${d}" fill="${hsl(hues[0]!, 40, 55 - i * 10, 1)}"/>`;
  }
  return out;
}

const STYLES = [orbs, waves, mosaic, rays, rings, peaks];

/** One abstract picture as SVG: a gradient and shapes in a palette. */
export function artSvg(rng: Rng, width: number, height: number): string {
  const hues = palette(rng);
  const style = rng.pick(STYLES);
  const angle = rng.int(0, 359);
  const radial = rng.chance(0.3);
  const stops = `<stop offset="0" stop-color="${hsl(hues[0]!, 60, rng.int(12, 35))}"/><stop offset="1" stop-color="${hsl(hues[2]!, 70, rng.int(45, 70))}"/>`;
  const gradient = radial
    ? `<radialGradient id="bg" cx="50%" cy="40%" r="80%">${stops}</radialGradient>`
    : `<linearGradient id="bg" gradientTransform="rotate(${angle} .5 .5)">${stops}</linearGradient>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${gradient}</defs><rect width="${width}" height="${height}" fill="url(#bg)"/>${style(rng, width, height, hues)}</svg>`;
}

/** Renders `count` distinct images with their thumbnails, in parallel. */
export async function renderImagePool(seed: number, count: number): Promise<PoolImage[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const rng = rngFor(seed, 'image', i);
      const [width, height] = rng.pick(SIZES);
      // Rasterise the SVG once; encode the picture and its thumbnail from the pixels.
      const { data, info } = await sharp(Buffer.from(artSvg(rng, width, height)))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const pixels = { raw: { width: info.width, height: info.height, channels: info.channels } };
      const [full, thumb] = await Promise.all([
        sharp(data, pixels).webp({ quality: 80 }).toBuffer(),
        sharp(data, pixels).resize({ width: THUMBNAIL_WIDTH }).webp({ quality: 72 }).toBuffer(),
      ]);
      return { full, thumb, width, height };
    }),
  );
}

export function thumbnailHeight(image: PoolImage): number {
  return Math.round((image.height * THUMBNAIL_WIDTH) / image.width);
}

/**
 * `{userId}/prompts/{yyyy}/{mm}/{uuid}.webp` (DESIGN §3) for the picture and,
 * beside it, for its thumbnail (a uuid of its own, so it fits the same rule).
 */
export function assetPaths(
  sellerId: string,
  createdAt: Date,
  assetId: string,
  thumbnailId: string,
) {
  const yyyy = String(createdAt.getUTCFullYear());
  const mm = String(createdAt.getUTCMonth() + 1).padStart(2, '0');
  const dir = `${sellerId}/prompts/${yyyy}/${mm}`;
  return { storagePath: `${dir}/${assetId}.webp`, thumbnailPath: `${dir}/${thumbnailId}.webp` };
}

export interface FileJob {
  path: string;
  pool: number;
  thumb: boolean;
}

/**
 * Writes asset files under a storage root. `copy` writes every file's bytes;
 * `link` writes each pool image once and hard-links the rest to it (every
 * asset still has its own path, but big catalogs take pool-sized disk space).
 */
export class AssetFileWriter {
  private readonly dirs = new Set<string>();
  private readonly firstPath = new Map<string, string>();
  readonly written: string[] = [];

  constructor(
    private readonly root: string,
    private readonly pool: PoolImage[],
    private readonly mode: 'copy' | 'link',
  ) {}

  async writeAll(jobs: FileJob[], concurrency = 64): Promise<void> {
    const dirs = new Set<string>();
    for (const job of jobs) {
      const dir = path.dirname(job.path);
      if (!this.dirs.has(dir)) dirs.add(dir);
    }
    for (const dir of dirs) {
      await mkdir(path.join(this.root, dir), { recursive: true });
      this.dirs.add(dir);
    }
    for (let start = 0; start < jobs.length; start += concurrency) {
      await Promise.all(jobs.slice(start, start + concurrency).map((job) => this.write(job)));
    }
  }

  private async write(job: FileJob): Promise<void> {
    const target = path.join(this.root, job.path);
    const image = this.pool[job.pool];
    if (!image) throw new Error(`no pool image ${job.pool}`);
    const key = `${job.pool}:${job.thumb}`;
    const first = this.mode === 'link' ? this.firstPath.get(key) : undefined;
    this.written.push(target);
    if (first) {
      try {
        await link(first, target);
        return;
      } catch {
        // another file system or no hard links: fall back to a copy
      }
    }
    await writeFile(target, job.thumb ? image.thumb : image.full);
    if (this.mode === 'link' && !first) this.firstPath.set(key, target);
  }

  /** Removes what this writer wrote (after a failed seed). */
  async removeWritten(): Promise<void> {
    for (let start = 0; start < this.written.length; start += 256) {
      await Promise.all(
        this.written.slice(start, start + 256).map((file) => rm(file, { force: true })),
      );
    }
  }
}
