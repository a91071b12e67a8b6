import { type Database, type JwtClaims, queryAsUser, withUser } from '@promptnx/db';
import type { PromptCard, PromptDetail, SellerPublic } from '@promptnx/schema';
import type { SearchEngine, SearchQuery } from '@promptnx/search';
import { AppError } from '../../lib/errors.js';
import type { Storage } from '../storage/local-storage.js';
import { type Cursor, decodeCursor, encodeCursor, MAX_OFFSET } from './cursor.js';
import { createPostgresSearchEngine } from './postgres-search.js';
import {
  type CardRow,
  type CatalogSort,
  cardsByIdsQuery,
  findCategoryBySlug,
  findPromptDetail,
  findPublicSeller,
  type ListFilters,
  listAssets,
  listCategories,
  listPromptCards,
  listPublishedVersions,
  ratingDistribution,
  sellerStats,
  viewerState,
} from './queries.js';
import { type SearchCacheOptions, withSearchCache } from './search-cache.js';

/** Signed file URLs last a day and stay stable within it, so pages and CDNs can cache them. */
const FILE_URL_TTL = 24 * 3600;
const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export interface CatalogServiceOptions {
  /** Finds the ids of a search's page (phase 1); Postgres unless given. */
  engine?: SearchEngine;
  /** The in-process cache of phase-1 answers (search-cache.ts); false for none. */
  searchCache?: SearchCacheOptions | false;
}

/** How a search's page was found, for the Server-Timing header. */
export interface SearchInfo {
  engine: SearchEngine['name'];
  /** Whether phase 1 came from the cache; 'off' without one or when the client asked for fresh. */
  cache: 'hit' | 'miss' | 'off';
  /** Milliseconds spent in phase 1 (the engine, or the cache). */
  ms: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Catalog reads run as the request's role, so RLS guards them too. A search
// first asks the engine for one page of ids (system code over published
// prompts), then loads those cards as the request's role (decision 0010).
export function createCatalogService(
  db: Database,
  storage: Storage,
  options: CatalogServiceOptions = {},
) {
  const engine = options.engine ?? createPostgresSearchEngine(db);
  const cached =
    options.searchCache === false ? undefined : withSearchCache(engine, options.searchCache);
  const fileUrl = (path: string | null) => (path ? storage.signedUrl(path, FILE_URL_TTL) : null);

  function toCard(row: CardRow): PromptCard {
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      category: { slug: row.category_slug, name: row.category_name },
      targetModel: row.target_model as PromptCard['targetModel'],
      tags: row.tags,
      price: { amount: row.price_amount, currency: row.currency },
      rating: { average: Number(row.rating_avg), count: row.rating_count },
      salesCount: row.sales_count,
      seller: {
        id: row.seller_id,
        username: row.seller_username,
        displayName: row.seller_display_name,
        avatarUrl: fileUrl(row.seller_avatar_path),
      },
      coverUrl: fileUrl(row.cover_path),
      publishedAt: iso(row.published_at),
    };
  }

  async function search(
    claims: JwtClaims,
    query: ListFilters & { q: string; sort?: CatalogSort | undefined; limit: number },
    cursor: Cursor | undefined,
    fresh: boolean,
  ) {
    const offset = cursor && 'o' in cursor ? cursor.o : 0;
    const started = performance.now();
    const searchQuery: SearchQuery = {
      q: query.q,
      category: query.category,
      targetModel: query.model,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      free: query.free,
      sellerId: query.sellerId,
      sort: query.sort ?? 'relevance',
      offset,
      limit: query.limit,
    };
    const { page, hit } = cached
      ? await cached.lookup(searchQuery, fresh)
      : { page: await engine.search(searchQuery), hit: undefined };
    const info: SearchInfo = {
      engine: engine.name,
      cache: hit === undefined || fresh ? 'off' : hit ? 'hit' : 'miss',
      ms: performance.now() - started,
    };
    const ids = [...new Set(page.ids.filter((id) => UUID.test(id)))].slice(0, query.limit);
    // One round trip (begin, role, cards, commit pipelined), as the request's role.
    const rows = ids.length ? await queryAsUser<CardRow>(db, claims, cardsByIdsQuery(ids)) : [];
    const next = offset + query.limit;
    return {
      items: rows.map(toCard),
      nextCursor:
        page.hasMore && next <= MAX_OFFSET ? encodeCursor({ s: 'offset', o: next }) : null,
      search: info,
    };
  }

  return {
    /** Hits and misses of the search cache since start (undefined without one). */
    searchCacheStats: () => cached?.stats(),

    getCategories: (claims: JwtClaims) => withUser(db, claims, (tx) => listCategories(tx)),

    async getCategory(claims: JwtClaims, slug: string) {
      const category = await withUser(db, claims, (tx) => findCategoryBySlug(tx, slug));
      if (!category) throw new AppError('NOT_FOUND', `category '${slug}' was not found`);
      return category;
    },

    /** A listing, or a search when `q` is given; `fresh` skips the search cache. */
    async listPrompts(
      claims: JwtClaims,
      query: ListFilters & {
        sort?: CatalogSort | undefined;
        cursor?: string | undefined;
        limit: number;
      },
      { fresh = false }: { fresh?: boolean } = {},
    ): Promise<{ items: PromptCard[]; nextCursor: string | null; search?: SearchInfo }> {
      const cursor = decodeCursor(query.cursor);
      if (query.q) return search(claims, { ...query, q: query.q }, cursor, fresh);
      const sort = !query.sort || query.sort === 'relevance' ? 'newest' : query.sort;
      const { rows, next } = await withUser(db, claims, (tx) =>
        listPromptCards(tx, query, sort, cursor, query.limit),
      );
      return { items: rows.map(toCard), nextCursor: next ? encodeCursor(next) : null };
    },

    async listFavorites(
      claims: JwtClaims,
      userId: string,
      cursor: string | undefined,
      limit: number,
    ) {
      const { rows, next } = await withUser(db, claims, (tx) =>
        listPromptCards(tx, { favoritesOf: userId }, 'newest', decodeCursor(cursor), limit),
      );
      return { items: rows.map(toCard), nextCursor: next ? encodeCursor(next) : null };
    },

    async getPrompt(claims: JwtClaims, idOrSlug: string): Promise<PromptDetail> {
      return withUser(db, claims, async (tx) => {
        const row = await findPromptDetail(tx, idOrSlug);
        if (!row) throw new AppError('NOT_FOUND', `prompt '${idOrSlug}' was not found`);
        const [assets, versions, distribution, stats, viewer] = await Promise.all([
          listAssets(tx, row.id),
          listPublishedVersions(tx, row.id),
          ratingDistribution(tx, row.id),
          sellerStats(tx, row.seller_id),
          claims.sub ? viewerState(tx, row.id, claims.sub) : { owns: false, favorited: false },
        ]);
        const stars = [0, 0, 0, 0, 0];
        for (const d of distribution) stars[d.rating - 1] = d.n;
        const card = toCard(row);
        return {
          ...card,
          description: row.full_description,
          status: row.status as PromptDetail['status'],
          assets: assets.map((a) => ({
            id: a.id,
            kind: a.kind,
            url: fileUrl(a.storage_path) ?? '',
            thumbnailUrl: fileUrl(a.thumbnail_path),
            width: a.width,
            height: a.height,
            altText: a.alt_text,
          })),
          versions: versions.map((v) => ({
            id: v.id,
            version: v.version,
            changelog: v.changelog,
            variables: (typeof v.variables === 'string'
              ? JSON.parse(v.variables)
              : v.variables) as PromptDetail['versions'][number]['variables'],
            testedModels: v.tested_models,
            publishedAt: iso(v.published_at),
          })),
          currentVersion: row.current_version,
          reviewSummary: { ...card.rating, distribution: stars },
          sellerStats: stats,
          viewer: { ...viewer, isSeller: claims.sub === row.seller_id },
        };
      });
    },

    async getSeller(claims: JwtClaims, idOrUsername: string): Promise<SellerPublic> {
      return withUser(db, claims, async (tx) => {
        const row = await findPublicSeller(tx, idOrUsername);
        if (!row) throw new AppError('NOT_FOUND', `seller '${idOrUsername}' was not found`);
        const stats = await sellerStats(tx, row.id);
        const links = (
          typeof row.links === 'string' ? JSON.parse(row.links) : row.links
        ) as SellerPublic['links'];
        return {
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          avatarUrl: fileUrl(row.avatar_path),
          bio: row.bio,
          links,
          joinedAt: new Date(row.created_at).toISOString(),
          ...stats,
        };
      });
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
