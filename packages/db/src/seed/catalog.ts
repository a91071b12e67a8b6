import { promptAssets, prompts, promptTemplates, promptVersions } from '../schema/index.js';
import type { AccountPlan } from './accounts.js';
import { type InsertTarget, into, type RowOf } from './bulk.js';
import { at, DAY, HOUR, MINUTE, type SeedContext } from './context.js';
import { assetPaths, type FileJob, type PoolImage } from './images.js';
import {
  CATEGORY_BANKS,
  IMAGE_MODELS,
  MODEL_INFO,
  REJECTION_REASONS,
  type SeedModel,
  TEXT_MODELS,
} from './phrases-catalog.js';
import { type Rng, ROW, rngFor, seededUuid } from './random.js';
import { categoryBank, listingText, slugify, versionContents } from './text.js';

export type PlannedStatus = 'draft' | 'pending_review' | 'published' | 'rejected' | 'archived';

export interface PlannedVersion {
  id: string;
  number: number;
  createdAt: Date;
  /** null for a draft version. */
  publishedAt: Date | null;
}

/** A prompt before its text exists: enough to plan sales, reviews and chats. */
export interface PlannedPrompt {
  index: number;
  id: string;
  seller: number;
  category: string;
  model: SeedModel;
  status: PlannedStatus;
  priceAmount: number;
  createdAt: Date;
  publishedAt: Date | null;
  updatedAt: Date;
  versions: PlannedVersion[];
  /** The version buyers get (the latest published one). */
  current: PlannedVersion | null;
  images: number;
  // Set by the commerce plan; the prompt row carries them, the triggers agree.
  salesCount: number;
  ratingSum: number;
  ratingCount: number;
  // Set when the text is generated.
  title: string;
  testedModel: string;
}

const MAX_VERSIONS = 4;
const MAX_IMAGES = 4;
const PRICES = [
  [199, 1],
  [299, 3],
  [399, 3],
  [499, 4],
  [599, 2],
  [799, 2],
  [999, 3],
  [1499, 1],
  [1999, 1],
  [2999, 0.5],
] as const;
const STATUSES = [
  ['published', 86],
  ['archived', 2],
  ['draft', 5],
  ['pending_review', 4],
  ['rejected', 3],
] as const;

export const isSellable = (p: PlannedPrompt) =>
  (p.status === 'published' || p.status === 'archived') && p.current !== null;

/** The latest version published at or before `time`. */
export function versionAt(prompt: PlannedPrompt, time: number): PlannedVersion {
  let found: PlannedVersion | null = null;
  for (const v of prompt.versions) {
    if (v.publishedAt && v.publishedAt.getTime() <= time) found = v;
  }
  if (!found)
    throw new Error(
      `prompt ${prompt.id} had no published version at ${new Date(time).toISOString()}`,
    );
  return found;
}

class WeightedIndex {
  private readonly cumulative: number[] = [];

  constructor(weights: number[]) {
    let total = 0;
    for (const w of weights) {
      total += w;
      this.cumulative.push(total);
    }
  }

  pick(rng: Rng): number {
    const total = this.cumulative[this.cumulative.length - 1] ?? 0;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

export { WeightedIndex };

/** How many of the prompts belong to the demo seller (the first ones). */
export function demoSellerShare(promptCount: number): number {
  return Math.min(promptCount, Math.max(4, Math.min(30, Math.round(promptCount * 0.025))));
}

function planVersions(
  rng: Rng,
  ctx: SeedContext,
  seed: number,
  index: number,
  status: PlannedStatus,
  createdAt: Date,
): PlannedVersion[] {
  const now = ctx.now.getTime();
  const id = (v: number) => seededUuid(seed, ROW.version, index * MAX_VERSIONS + v);
  if (status !== 'published' && status !== 'archived') {
    return [{ id: id(0), number: 1, createdAt, publishedAt: null }];
  }
  const wanted = rng.weighted([
    [1, 55],
    [2, 30],
    [3, 15],
  ]);
  const versions: PlannedVersion[] = [];
  let created = createdAt.getTime();
  let published = created + rng.int(2 * HOUR, 3 * DAY);
  for (let v = 0; v < wanted; v++) {
    if (published > now - HOUR) break;
    versions.push({ id: id(v), number: v + 1, createdAt: at(created), publishedAt: at(published) });
    created = published + rng.int(5, 60) * DAY;
    published = created + rng.int(HOUR, 2 * DAY);
  }
  if (versions.length === 0) {
    // Too recent to have gone through review: publish it an hour ago.
    versions.push({ id: id(0), number: 1, createdAt, publishedAt: at(now - HOUR) });
  }
  if (status === 'published' && rng.chance(0.08)) {
    // A new version in the works.
    const last = versions[versions.length - 1]!;
    const draftAt = Math.min(last.publishedAt!.getTime() + rng.int(1, 20) * DAY, now - HOUR);
    versions.push({
      id: id(versions.length),
      number: versions.length + 1,
      createdAt: at(draftAt),
      publishedAt: null,
    });
  }
  return versions;
}

/** Skeletons of every prompt: seller, category, model, status, price, versions, dates. */
export function planCatalog(
  ctx: SeedContext,
  promptCount: number,
  accounts: AccountPlan,
  categorySlugs: readonly string[],
): PlannedPrompt[] {
  const { seed, now } = ctx;
  const sellerCount = accounts.sellers.length;
  const otherSellers = new WeightedIndex(
    Array.from({ length: Math.max(1, sellerCount - 1) }, (_, s) => 1 / (s + 1) ** 0.8),
  );
  const categoryWeights: (readonly [string, number])[] = categorySlugs.map((slug) => [
    slug,
    CATEGORY_BANKS[slug]?.kind === 'image' ? 1.6 : 1,
  ]);
  const demoShare = demoSellerShare(promptCount);
  const forced: (readonly [PlannedStatus, 'paid' | 'free'])[] = [
    ['published', 'paid'],
    ['published', 'free'],
    ['draft', 'paid'],
    ['pending_review', 'paid'],
  ];

  const planned: PlannedPrompt[] = [];
  for (let index = 0; index < promptCount; index++) {
    const rng = rngFor(seed, 'prompt', index);
    const seller = index < demoShare || sellerCount === 1 ? 0 : 1 + otherSellers.pick(rng);
    const category = rng.weighted(categoryWeights);
    const bank = categoryBank(category);
    const model = rng.weighted<SeedModel>(bank.kind === 'image' ? IMAGE_MODELS : TEXT_MODELS);
    const force = index < demoShare ? forced[index] : undefined;
    const status: PlannedStatus = force?.[0] ?? rng.weighted(STATUSES);
    const free = force ? force[1] === 'free' : rng.chance(0.12);
    const priceAmount = free ? 0 : rng.weighted(PRICES);
    const recent = status === 'draft' || status === 'pending_review' || status === 'rejected';
    const createdAt = at(
      now.getTime() - (recent ? rng.int(1, 30) : rng.int(2, 420)) * DAY - rng.int(0, DAY - 1),
    );
    const versions = planVersions(rng, ctx, seed, index, status, createdAt);
    const published = versions.filter((v) => v.publishedAt !== null);
    const current = published[published.length - 1] ?? null;
    let updated = createdAt.getTime();
    for (const v of versions)
      updated = Math.max(updated, v.createdAt.getTime(), v.publishedAt?.getTime() ?? 0);
    planned.push({
      index,
      id: seededUuid(seed, ROW.prompt, index),
      seller,
      category,
      model,
      status,
      priceAmount,
      createdAt,
      publishedAt: published[0]?.publishedAt ?? null,
      updatedAt: at(updated + (status === 'archived' ? rng.int(1, 30) * MINUTE : 0)),
      versions,
      current,
      images: bank.kind === 'image' ? rng.int(2, MAX_IMAGES) : rng.chance(0.35) ? 1 : 0,
      salesCount: 0,
      ratingSum: 0,
      ratingCount: 0,
      title: '',
      testedModel: '',
    });
  }
  return planned;
}

/** round(sum / count, 2) the way Postgres' numeric round does (half away from zero). */
export function ratingAverage(sum: number, count: number): number {
  if (count === 0) return 0;
  return Math.floor((sum * 200 + count) / (2 * count)) / 100;
}

/** Hands out unique slugs: the title's, then `-2`, `-3`… for repeats. */
export class SlugRegistry {
  private readonly taken = new Set<string>();
  private readonly next = new Map<string, number>();

  claim(base: string): string {
    let n = this.next.get(base) ?? 1;
    let slug = n === 1 ? base : `${base}-${n}`;
    while (this.taken.has(slug)) slug = `${base}-${++n}`;
    this.next.set(base, n + 1);
    this.taken.add(slug);
    return slug;
  }
}

export interface CatalogChunk {
  targets: InsertTarget[];
  files: FileJob[];
  versionCount: number;
  assetCount: number;
}

/**
 * The rows of a slice of planned prompts: listing, versions, templates and
 * asset rows, plus the files the assets need. Fills in each prompt's title.
 */
export function buildCatalogChunk(
  ctx: SeedContext,
  slice: PlannedPrompt[],
  accounts: AccountPlan,
  categoryIds: ReadonlyMap<string, string>,
  pool: readonly PoolImage[],
  slugs: SlugRegistry,
): CatalogChunk {
  const promptRows: RowOf<typeof prompts>[] = [];
  const versionRows: RowOf<typeof promptVersions>[] = [];
  const templateRows: RowOf<typeof promptTemplates>[] = [];
  const assetRows: RowOf<typeof promptAssets>[] = [];
  const files: FileJob[] = [];

  for (const p of slice) {
    const rng = rngFor(ctx.seed, 'prompt-text', p.index);
    const bank = categoryBank(p.category);
    const offer = rng.pick(bank.offers);
    const contents = versionContents(rng, bank, offer, p.model, p.versions.length);
    const shown = p.current ?? p.versions[p.versions.length - 1]!;
    const shownContent = contents[shown.number - 1]!;
    const listing = listingText(rng, bank, offer, {
      model: p.model,
      variableNames: shownContent.variables.map((v) => v.name),
      testedModels: shownContent.testedModels,
      exampleImages: p.images,
    });
    p.title = listing.title;
    p.testedModel = shownContent.testedModels[0] ?? MODEL_INFO[p.model].tested[0]!;

    const slug = slugs.claim(slugify(listing.title) || 'prompt');

    const sellerId = accounts.sellers[p.seller]!.id;
    const sellable = isSellable(p);
    promptRows.push({
      id: p.id,
      seller_id: sellerId,
      category_id: categoryIds.get(p.category)!,
      slug,
      title: listing.title,
      description: listing.description,
      target_model: p.model,
      tags: listing.tags,
      price_amount: p.priceAmount,
      currency: 'usd',
      status: p.status,
      rejection_reason: p.status === 'rejected' ? rng.pick(REJECTION_REASONS) : null,
      current_version_id: p.current?.id ?? null,
      published_at: p.publishedAt,
      rating_avg: ratingAverage(p.ratingSum, p.ratingCount),
      rating_count: p.ratingCount,
      sales_count: p.salesCount,
      view_count: sellable ? p.salesCount * rng.int(15, 40) + rng.int(0, 400) : 0,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    });

    for (const v of p.versions) {
      const content = contents[v.number - 1]!;
      const updatedAt = v.publishedAt ?? v.createdAt;
      versionRows.push({
        id: v.id,
        prompt_id: p.id,
        version: v.number,
        variables: content.variables,
        tested_models: content.testedModels,
        changelog: content.changelog,
        // A prompt waiting for review has its version waiting too (decision 0013).
        status: v.publishedAt
          ? 'published'
          : p.status === 'pending_review'
            ? 'pending_review'
            : 'draft',
        published_at: v.publishedAt,
        created_at: v.createdAt,
        updated_at: updatedAt,
      });
      templateRows.push({
        version_id: v.id,
        prompt_id: p.id,
        template: content.template,
        instructions: content.instructions,
        model_params: content.modelParams,
        created_at: v.createdAt,
        updated_at: updatedAt,
      });
    }

    const picks: number[] = [];
    while (picks.length < Math.min(p.images, pool.length)) {
      const pick = rng.int(0, pool.length - 1);
      if (!picks.includes(pick)) picks.push(pick);
    }
    picks.forEach((poolIndex, position) => {
      const image = pool[poolIndex]!;
      const id = seededUuid(ctx.seed, ROW.asset, p.index * MAX_IMAGES + position);
      const thumbnailId = seededUuid(ctx.seed, ROW.thumbnail, p.index * MAX_IMAGES + position);
      const createdAt = at(p.createdAt.getTime() + position * MINUTE);
      const paths = assetPaths(sellerId, createdAt, id, thumbnailId);
      assetRows.push({
        id,
        prompt_id: p.id,
        version_id: shown.id,
        kind: bank.kind === 'image' ? 'example' : 'cover',
        storage_path: paths.storagePath,
        thumbnail_path: paths.thumbnailPath,
        mime_type: 'image/webp',
        size_bytes: image.full.length,
        width: image.width,
        height: image.height,
        position,
        alt_text:
          bank.kind === 'image'
            ? `Example output ${position + 1} of ${picks.length} for ${listing.title}`
            : `Cover image for ${listing.title}`,
        created_at: createdAt,
      });
      files.push({ path: paths.storagePath, pool: poolIndex, thumb: false });
      files.push({ path: paths.thumbnailPath, pool: poolIndex, thumb: true });
    });
  }

  return {
    targets: [
      into(prompts, promptRows),
      into(promptVersions, versionRows),
      into(promptTemplates, templateRows),
      into(promptAssets, assetRows),
    ],
    files,
    versionCount: versionRows.length,
    assetCount: assetRows.length,
  };
}
