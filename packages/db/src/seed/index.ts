import bcrypt from 'bcryptjs';
import { sql } from 'drizzle-orm';
import type { Database, Transaction } from '../client.js';
import { defaultStorageRoot } from '../paths.js';
import { categories } from '../schema/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, insertAccounts, planAccounts } from './accounts.js';
import { BulkWriter } from './bulk.js';
import { deferKeysAndSearchIndexes } from './bulk-load.js';
import { buildCatalogChunk, planCatalog, SlugRegistry } from './catalog.js';
import { demoCategories } from './categories.js';
import { buildChatRows } from './chat.js';
import { buildCommerceRows, planCommerce } from './commerce.js';
import { type SeedContext, SeedIds } from './context.js';
import { AssetFileWriter, renderImagePool } from './images.js';
import { buildPromptModerationRows } from './moderation.js';
import { buildReviewRows } from './reviews.js';

export { defaultStorageRoot } from '../paths.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.js';
export { demoCategories } from './categories.js';

export const DEFAULT_SEED = 20261121;
export const DEMO_PROMPTS = 1000;

export interface SeedOptions {
  /** Prompts to create; 1,000 for the demo. */
  prompts?: number;
  /** Sellers (the demo seller included); max(50, prompts / 200) by default. */
  sellers?: number;
  /** Buyers (the demo buyer included); max(200, prompts / 20) by default. */
  buyers?: number;
  /** Folder of local storage that receives the example images; `.data/storage` by default. */
  storageRoot?: string;
  /** PRNG seed: the same seed (and `now`) gives the same data. */
  seed?: number;
  /** The moment the catalog's history ends; dates lie up to two years before it. */
  now?: Date;
  /** Distinct images rendered with sharp (120 by default); assets reuse their bytes. */
  imagePool?: number;
  /**
   * How asset files are made from the pool: `copy` writes every file,
   * `link` hard-links repeats. Default: copy up to 5,000 prompts, link above.
   */
  assetFiles?: 'copy' | 'link';
  /**
   * Load like pg_restore: drop the loaded tables' foreign keys and GIN
   * indexes, insert, then rebuild and re-validate them (in the same
   * transaction). Faster for big catalogs, but it locks those tables until
   * the commit. Default: on above 5,000 prompts.
   */
  bulkLoad?: boolean;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  phase:
    | 'images'
    | 'accounts'
    | 'prompts'
    | 'orders'
    | 'reviews'
    | 'chat'
    | 'indexes'
    | 'analyze'
    | 'done';
  promptsWritten: number;
  promptsTotal: number;
}

export interface SeedCounts {
  categories: number;
  sellers: number;
  buyers: number;
  prompts: number;
  versions: number;
  assets: number;
  orders: number;
  orderItems: number;
  entitlements: number;
  ledgerEntries: number;
  payouts: number;
  reviews: number;
  reviewReports: number;
  favorites: number;
  chatThreads: number;
  chatMessages: number;
  notifications: number;
  auditLogs: number;
}

export type SeedResult =
  | ({ seeded: true; storageRoot: string } & SeedCounts)
  | { seeded: false; reason: string; categories: number };

const PROMPTS_PER_CHUNK = 1000;
/** Advisory lock key: one seeder at a time, even when two dev servers start together. */
const SEED_LOCK = 7355608;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`seed option '${name}' must be a positive integer (got ${value})`);
  }
  return value;
}

/** Inserts the catalog's categories where missing; returns slug → id of all of them. */
export async function seedCategories(db: Database | Transaction): Promise<Map<string, string>> {
  await db
    .insert(categories)
    .values(
      demoCategories.map(([slug, name, description], i) => ({
        slug,
        name,
        description,
        sortOrder: i,
      })),
    )
    .onConflictDoNothing({ target: categories.slug });
  const rows = await db.select({ id: categories.id, slug: categories.slug }).from(categories);
  return new Map(rows.map((r) => [r.slug, r.id]));
}

async function alreadySeeded(db: Database | Transaction): Promise<string | null> {
  const rows = await db.execute<{ prompts: boolean; admin: boolean }>(sql`
    select exists (select 1 from public.prompts) as prompts,
           exists (select 1 from auth.users where lower(email) = ${DEMO_ACCOUNTS.admin.email}) as admin`);
  const row = rows[0];
  if (row?.prompts) return 'the database already has prompts';
  if (row?.admin) return `the database already has the demo account ${DEMO_ACCOUNTS.admin.email}`;
  return null;
}

async function countCategories(db: Database): Promise<number> {
  const rows = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from public.categories`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Spreads each published prompt's `view_count` over the UTC days from its publication (at
 * most 90 days back) to `now`, the newer days taking the remainder, so the counters add up
 * to the count exactly.
 */
async function seedViewDays(tx: Database | Transaction, now: Date) {
  await tx.execute(sql`
    insert into public.prompt_view_days (prompt_id, day, seller_id, views)
    select p.id, d.day, p.seller_id,
           p.view_count / d.n + case when d.i <= p.view_count % d.n then 1 else 0 end
    from public.prompts p
    cross join lateral (
      select g::date as day, row_number() over (order by g desc) as i, count(*) over () as n
      from generate_series(
             (greatest(p.published_at, ${now.toISOString()}::timestamptz - interval '89 days')
               at time zone 'utc')::date::timestamp,
             (${now.toISOString()}::timestamptz at time zone 'utc')::date::timestamp,
             interval '1 day') g
    ) d
    where p.status = 'published' and p.view_count > 0 and p.published_at is not null
      and p.view_count / d.n + case when d.i <= p.view_count % d.n then 1 else 0 end > 0`);
}

/**
 * Loads the demo marketplace (or, with `prompts`, a catalog of any size) into
 * a database without prompts, in one transaction: accounts, prompts with
 * versions and example images, orders, the ledger, reviews, chats and
 * notifications. A database that already has prompts or the demo admin is
 * left alone (`seeded: false`), so `pnpm dev` can call this on every start.
 */
export async function seedDemoData(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const promptCount = positiveInteger('prompts', options.prompts ?? DEMO_PROMPTS);
  const sellerCount = positiveInteger(
    'sellers',
    options.sellers ?? Math.max(50, Math.ceil(promptCount / 200)),
  );
  const buyerCount = positiveInteger(
    'buyers',
    options.buyers ?? Math.max(200, Math.ceil(promptCount / 20)),
  );
  const storageRoot = options.storageRoot ?? defaultStorageRoot;
  const ctx: SeedContext = { seed: options.seed ?? DEFAULT_SEED, now: options.now ?? new Date() };
  const report = (phase: SeedProgress['phase'], promptsWritten = 0) =>
    options.onProgress?.({ phase, promptsWritten, promptsTotal: promptCount });

  // Cheap check first, so a dev server start with data costs one query.
  const skip = await alreadySeeded(db);
  if (skip) return { seeded: false, reason: skip, categories: await countCategories(db) };

  const accounts = planAccounts(ctx, sellerCount, buyerCount);
  const slugs = demoCategories.map(([slug]) => slug);
  const catalog = planCatalog(ctx, promptCount, accounts, slugs);
  const ids = new SeedIds(ctx.seed);
  const commerce = planCommerce(ctx, ids, catalog, accounts);

  report('images');
  const imagesNeeded = catalog.reduce((n, p) => n + p.images, 0);
  const poolSize =
    imagesNeeded === 0 ? 0 : Math.min(imagesNeeded, Math.max(4, options.imagePool ?? 120));
  // One hash for every account: bcrypt is slow on purpose, and these are demo accounts.
  const [pool, passwordHash] = await Promise.all([
    renderImagePool(ctx.seed, poolSize),
    bcrypt.hash(DEMO_PASSWORD, 10),
  ]);
  const big = promptCount > 5000;
  const files = new AssetFileWriter(
    storageRoot,
    pool,
    options.assetFiles ?? (big ? 'link' : 'copy'),
  );

  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
      const skipNow = await alreadySeeded(tx);
      if (skipNow) {
        const n = await tx.execute<{ n: number }>(
          sql`select count(*)::int as n from public.categories`,
        );
        return { seeded: false as const, reason: skipNow, categories: n[0]?.n ?? 0 };
      }

      // The commit need not wait for its WAL flush: seed data can be made again.
      await tx.execute(sql`set local synchronous_commit = off`);
      const categoryIds = await seedCategories(tx);
      report('accounts');
      const writer = new BulkWriter(tx);
      await insertAccounts(tx, writer, ctx, accounts, passwordHash);
      const restoreKeysAndIndexes =
        (options.bulkLoad ?? big) ? await deferKeysAndSearchIndexes(tx) : null;
      const pendingFiles: Promise<void>[] = [];

      const slugRegistry = new SlugRegistry();
      let versions = 0;
      let assets = 0;
      report('prompts');
      for (let start = 0; start < catalog.length; start += PROMPTS_PER_CHUNK) {
        const slice = catalog.slice(start, start + PROMPTS_PER_CHUNK);
        const chunk = buildCatalogChunk(ctx, slice, accounts, categoryIds, pool, slugRegistry);
        // Files are written while Postgres inserts; at most two chunks ahead.
        const writing = files.writeAll(chunk.files);
        writing.catch(() => {});
        pendingFiles.push(writing);
        await writer.together(chunk.targets);
        if (pendingFiles.length > 2) await pendingFiles.shift();
        versions += chunk.versionCount;
        assets += chunk.assetCount;
        report('prompts', start + slice.length);
      }

      report('orders', catalog.length);
      const money = buildCommerceRows(ctx, ids, commerce, accounts);
      await writer.rows(money.orders);
      await writer.grouped(money.orderItems, (row) => row.prompt_id);
      await writer.rows(money.refunds);
      await writer.rows(money.payouts);
      await writer.rows(money.entitlements);
      await writer.rows(money.ledger);
      await writer.rows(money.favorites);
      await writer.rows(money.notifications);

      report('reviews', catalog.length);
      const reviewRows = buildReviewRows(ctx, ids, commerce, accounts);
      await writer.grouped(reviewRows.reviews, (row) => row.prompt_id);
      await writer.rows(reviewRows.reports);
      await writer.rows(reviewRows.notifications);
      await writer.rows(reviewRows.auditLogs);
      const moderation = buildPromptModerationRows(ctx, ids, catalog, accounts);
      await writer.rows(moderation.auditLogs);
      await writer.rows(moderation.notifications);

      report('chat', catalog.length);
      const chat = buildChatRows(ctx, ids, catalog, commerce, accounts);
      await writer.rows(chat.threads);
      await writer.rows(chat.messages);
      await writer.rows(chat.notifications);

      await writer.flush();
      await Promise.all(pendingFiles);
      if (restoreKeysAndIndexes) {
        report('indexes', catalog.length);
        await restoreKeysAndIndexes();
      }

      // Trending order from day one (the worker keeps it fresh afterwards).
      await tx.execute(sql`select public.refresh_trending_scores()`);

      // The dashboard's view counters (decision 0017): each published prompt's views
      // spread over its last 90 days. Benchmark catalogs skip them (millions of rows).
      if (!big) await seedViewDays(tx, ctx.now);

      // Fresh statistics, so the first catalog queries get good plans.
      report('analyze', catalog.length);
      await tx.execute(
        sql`analyze auth.users, public.profiles, public.prompts, public.prompt_versions, public.prompt_assets, public.orders, public.order_items, public.entitlements, public.ledger_entries, public.reviews, public.notifications`,
      );
      report('done', catalog.length);

      return {
        seeded: true as const,
        storageRoot,
        categories: categoryIds.size,
        sellers: accounts.sellers.length,
        buyers: accounts.buyers.length,
        prompts: catalog.length,
        versions,
        assets,
        orders: money.orders.rows.length,
        orderItems: money.orderItems.rows.length,
        entitlements: money.entitlements.rows.length,
        ledgerEntries: money.ledger.rows.length,
        payouts: money.payouts.rows.length,
        reviews: reviewRows.reviews.rows.length,
        reviewReports: reviewRows.reports.rows.length,
        favorites: money.favorites.rows.length,
        chatThreads: chat.threads.rows.length,
        chatMessages: chat.messages.rows.length,
        notifications:
          money.notifications.rows.length +
          reviewRows.notifications.rows.length +
          moderation.notifications.rows.length +
          chat.notifications.rows.length,
        auditLogs: reviewRows.auditLogs.rows.length + moderation.auditLogs.rows.length,
      };
    });
  } catch (error) {
    // The transaction rolled back; take the files with it.
    await files.removeWritten();
    throw error;
  }
}
