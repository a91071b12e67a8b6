import { type Database, type JwtClaims, withUser } from '@promptnx/db';
import type { PromptCard, PromptDetail, SellerPublic } from '@promptnx/schema';
import { AppError } from '../../lib/errors.js';
import type { Storage } from '../storage/local-storage.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  type CardRow,
  type CatalogSort,
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

/** Signed file URLs last a day and stay stable within it, so pages and CDNs can cache them. */
const FILE_URL_TTL = 24 * 3600;
const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

// Catalog reads run as the request's role, so RLS guards them too.
export function createCatalogService(db: Database, storage: Storage) {
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

  return {
    getCategories: (claims: JwtClaims) => withUser(db, claims, (tx) => listCategories(tx)),

    async getCategory(claims: JwtClaims, slug: string) {
      const category = await withUser(db, claims, (tx) => findCategoryBySlug(tx, slug));
      if (!category) throw new AppError('NOT_FOUND', `category '${slug}' was not found`);
      return category;
    },

    async listPrompts(
      claims: JwtClaims,
      query: ListFilters & {
        sort?: CatalogSort | undefined;
        cursor?: string | undefined;
        limit: number;
      },
    ) {
      const sort: CatalogSort = query.sort ?? (query.q ? 'relevance' : 'newest');
      const cursor = decodeCursor(query.cursor);
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
