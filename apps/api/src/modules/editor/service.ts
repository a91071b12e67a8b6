import { randomBytes, randomUUID } from 'node:crypto';
import {
  auditLogs,
  categories,
  type Database,
  type DbOrTx,
  promptAssets,
  prompts,
  promptTemplates,
  promptVersions,
  sqlStateOfError,
  withUser,
} from '@promptnx/db';
import {
  ASSET_MAX_BYTES,
  ASSET_MAX_PIXELS,
  ASSET_MAX_SIDE,
  ASSETS_PER_PROMPT,
  type createPromptSchema,
  type createVersionSchema,
  type EditorAsset,
  type EditorPrompt,
  type SellerPromptSummary,
  type UpdateAsset,
  type updatePromptSchema,
  type updateVersionSchema,
} from '@promptnx/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, notFound } from '../../lib/errors.js';
import { MIME_OF, openImage } from '../../lib/images.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { type Storage, storageKey } from '../storage/local-storage.js';
import {
  type EditorPromptRow,
  type EditorVersionRow,
  findEditorPrompt,
  listEditorAssets,
  listEditorVersions,
  listOwnPrompts,
} from './queries.js';
import { checkVersion, slugFor } from './validation.js';

const FILE_URL_TTL = 3600;
const THUMBNAIL_SIDE = 480;
const VERSIONS_PER_PROMPT = 50;
/** Models whose output is an image: their prompts need an example before review. */
const IMAGE_MODELS = new Set(['midjourney', 'dall-e', 'stable-diffusion', 'flux']);

type CreatePrompt = z.output<typeof createPromptSchema>;
type UpdatePrompt = z.output<typeof updatePromptSchema>;
type CreateVersion = z.output<typeof createVersionSchema>;
type UpdateVersion = z.output<typeof updateVersionSchema>;
type AssetRow = Awaited<ReturnType<typeof listEditorAssets>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the seller may do next with a prompt in this state. */
export function allowedActions(prompt: { status: string }, versions: { status: string }[]) {
  const drafts = versions.filter((v) => v.status === 'draft').length;
  const open = ['draft', 'rejected', 'published'].includes(prompt.status);
  return {
    edit: prompt.status !== 'pending_review',
    addVersion: open,
    submit: open && drafts > 0,
    delete: prompt.status === 'draft' && !versions.some((v) => v.status === 'published'),
  };
}

/**
 * The seller's side of the catalog. Writes run as the seller (RLS and column
 * grants are the second wall); the few transitions a request role may not
 * make (status changes on submission) run as system code after the checks.
 */
export function createEditorService(db: Database, storage: Storage) {
  const fileUrl = (path: string) => storage.signedUrl(path, FILE_URL_TTL);

  function toAsset(row: AssetRow): EditorAsset {
    return {
      id: row.id,
      kind: row.kind,
      url: fileUrl(row.storagePath),
      thumbnailUrl: row.thumbnailPath ? fileUrl(row.thumbnailPath) : null,
      width: row.width,
      height: row.height,
      altText: row.altText,
      versionId: row.versionId,
      position: row.position,
      mimeType: row.mimeType,
      sizeBytes: row.sizeBytes,
    };
  }

  function toVersion(row: EditorVersionRow) {
    return {
      id: row.id,
      version: row.version,
      status: row.status,
      template: row.template ?? '',
      instructions: row.instructions ?? '',
      variables: row.variables,
      modelParams: (row.modelParams ?? {}) as Record<string, string | number | boolean>,
      testedModels: row.testedModels,
      changelog: row.changelog,
      publishedAt: iso(row.publishedAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  async function readEditor(tx: DbOrTx, row: EditorPromptRow): Promise<EditorPrompt> {
    const [versions, assets] = await Promise.all([
      listEditorVersions(tx, row.id),
      listEditorAssets(tx, row.id),
    ]);
    const current = versions.find((v) => v.id === row.currentVersionId);
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      category: { slug: row.categorySlug, name: row.categoryName },
      targetModel: row.targetModel,
      tags: row.tags,
      price: { amount: row.priceAmount, currency: row.currency },
      status: row.status,
      rejectionReason: row.rejectionReason,
      currentVersion: current?.version ?? null,
      publishedAt: iso(row.publishedAt),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      versions: versions.map(toVersion),
      assets: assets.map(toAsset),
      can: allowedActions(row, versions),
    };
  }

  /** The prompt if the account is its seller (admins may read any); 404 otherwise. */
  async function ownPrompt(tx: DbOrTx, account: Account, promptId: string, write = false) {
    const row = await findEditorPrompt(tx, promptId);
    const mine = row?.sellerId === account.id;
    if (!row || (!mine && account.role !== 'admin') || (write && !mine)) {
      throw notFound(`prompt ${promptId}`);
    }
    return row;
  }

  async function categoryId(tx: DbOrTx, slug: string) {
    const [row] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.slug, slug));
    if (!row) {
      throw new AppError('VALIDATION_FAILED', `there is no category '${slug}'`, [
        { field: 'category', message: `there is no category '${slug}'` },
      ]);
    }
    return row.id;
  }

  function assertEditable(row: EditorPromptRow) {
    if (row.status === 'pending_review') {
      throw new AppError(
        'CONFLICT',
        'the prompt is with the moderator; it can be edited again once reviewed',
      );
    }
  }

  function assertOpenForVersions(row: EditorPromptRow) {
    if (!['draft', 'rejected', 'published'].includes(row.status)) {
      throw new AppError(
        'CONFLICT',
        `a prompt that is ${row.status.replace('_', ' ')} takes no new versions`,
      );
    }
  }

  async function draftVersionOf(tx: DbOrTx, promptId: string, versionId: string) {
    const [version] = await tx
      .select()
      .from(promptVersions)
      .where(and(eq(promptVersions.id, versionId), eq(promptVersions.promptId, promptId)));
    if (!version) throw notFound(`version ${versionId}`);
    if (version.status !== 'draft') {
      throw new AppError(
        'CONFLICT',
        version.status === 'published'
          ? `version ${version.version} is published and never changes; add a new version instead`
          : `version ${version.version} is with the moderator and cannot change now`,
      );
    }
    return version;
  }

  const asSeller = <T>(account: Account, fn: (tx: DbOrTx) => Promise<T>) =>
    withUser(db, accountClaims(account), fn);

  return {
    async mine(account: Account): Promise<SellerPromptSummary[]> {
      const rows = await asSeller(account, (tx) => listOwnPrompts(tx, account.id));
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        status: r.status,
        price: { amount: r.priceAmount, currency: r.currency },
        rejectionReason: r.rejectionReason,
        versionCount: r.versionCount,
        currentVersion: r.currentVersion,
        pendingVersions: r.pendingVersions,
        coverUrl: r.coverPath ? fileUrl(r.coverPath) : null,
        updatedAt: r.updatedAt.toISOString(),
      }));
    },

    get: (account: Account, promptId: string) =>
      asSeller(account, async (tx) => readEditor(tx, await ownPrompt(tx, account, promptId))),

    async create(account: Account, input: CreatePrompt): Promise<EditorPrompt> {
      return asSeller(account, async (tx) => {
        const category = await categoryId(tx, input.category);
        const id = randomUUID();
        await tx.insert(prompts).values({
          id,
          sellerId: account.id,
          categoryId: category,
          slug: slugFor(input.title, randomBytes(4).toString('hex').slice(0, 6)),
          title: input.title,
          description: input.description,
          targetModel: input.targetModel,
          tags: [...new Set(input.tags)],
          priceAmount: input.price.amount,
          currency: input.price.currency,
        });
        return readEditor(tx, await ownPrompt(tx, account, id, true));
      });
    },

    async update(account: Account, promptId: string, changes: UpdatePrompt) {
      return asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        assertEditable(row);
        const set: Partial<typeof prompts.$inferInsert> = {};
        if (changes.title !== undefined) set.title = changes.title;
        if (changes.description !== undefined) set.description = changes.description;
        if (changes.category !== undefined) set.categoryId = await categoryId(tx, changes.category);
        if (changes.targetModel !== undefined) set.targetModel = changes.targetModel;
        if (changes.tags !== undefined) set.tags = [...new Set(changes.tags)];
        if (changes.price !== undefined) {
          set.priceAmount = changes.price.amount;
          set.currency = changes.price.currency;
        }
        if (Object.keys(set).length > 0) {
          await tx.update(prompts).set(set).where(eq(prompts.id, promptId));
        }
        return readEditor(tx, await ownPrompt(tx, account, promptId, true));
      });
    },

    async remove(account: Account, promptId: string): Promise<void> {
      const files = await asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        if (row.status !== 'draft') {
          throw new AppError(
            'CONFLICT',
            'only a draft can be deleted; a prompt that was submitted or sold stays on record',
          );
        }
        const assets = await listEditorAssets(tx, promptId);
        const deleted = await tx
          .delete(prompts)
          .where(eq(prompts.id, promptId))
          .returning({ id: prompts.id });
        if (deleted.length === 0) throw notFound(`prompt ${promptId}`);
        return assets.flatMap((a) => [a.storagePath, a.thumbnailPath ?? []].flat());
      });
      await Promise.all(files.map((f) => storage.remove(f).catch(() => {})));
    },

    async addVersion(account: Account, promptId: string, input: CreateVersion) {
      const variables = checkVersion(input.template, input.variables);
      try {
        return await asSeller(account, async (tx) => {
          const row = await ownPrompt(tx, account, promptId, true);
          assertOpenForVersions(row);
          const [last] = await tx
            .select({
              max: sql<number>`coalesce(max(${promptVersions.version}), 0)::int`,
              count: sql<number>`count(*)::int`,
            })
            .from(promptVersions)
            .where(eq(promptVersions.promptId, promptId));
          if ((last?.count ?? 0) >= VERSIONS_PER_PROMPT) {
            throw new AppError('CONFLICT', `a prompt has at most ${VERSIONS_PER_PROMPT} versions`);
          }
          const id = randomUUID();
          await tx.insert(promptVersions).values({
            id,
            promptId,
            version: (last?.max ?? 0) + 1,
            variables,
            testedModels: [...new Set(input.testedModels)],
            changelog: input.changelog,
          });
          await tx.insert(promptTemplates).values({
            versionId: id,
            promptId,
            template: input.template,
            instructions: input.instructions,
            modelParams: input.modelParams,
          });
          return readEditor(tx, row);
        });
      } catch (error) {
        if (sqlStateOfError(error) === '23505') {
          throw new AppError('CONFLICT', 'another version was added at the same moment; try again');
        }
        throw error;
      }
    },

    async updateVersion(
      account: Account,
      promptId: string,
      versionId: string,
      changes: UpdateVersion,
    ) {
      return asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        const version = await draftVersionOf(tx, promptId, versionId);
        const [template] = await tx
          .select()
          .from(promptTemplates)
          .where(eq(promptTemplates.versionId, versionId));
        const text = changes.template ?? template?.template;
        if (text === undefined) {
          throw new AppError('VALIDATION_FAILED', 'this version has no template yet', [
            { field: 'template', message: 'is required' },
          ]);
        }
        const variables = checkVersion(text, changes.variables ?? version.variables);
        await tx
          .update(promptVersions)
          .set({
            variables,
            ...(changes.testedModels ? { testedModels: [...new Set(changes.testedModels)] } : {}),
            ...(changes.changelog !== undefined ? { changelog: changes.changelog } : {}),
          })
          .where(eq(promptVersions.id, versionId));
        const templateFields = {
          template: text,
          ...(changes.instructions !== undefined ? { instructions: changes.instructions } : {}),
          ...(changes.modelParams !== undefined ? { modelParams: changes.modelParams } : {}),
        };
        if (template) {
          await tx
            .update(promptTemplates)
            .set(templateFields)
            .where(eq(promptTemplates.versionId, versionId));
        } else {
          await tx.insert(promptTemplates).values({ versionId, promptId, ...templateFields });
        }
        return readEditor(tx, row);
      });
    },

    async removeVersion(account: Account, promptId: string, versionId: string) {
      return asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        await draftVersionOf(tx, promptId, versionId);
        await tx.delete(promptVersions).where(eq(promptVersions.id, versionId));
        return readEditor(tx, row);
      });
    },

    /**
     * Checks an example output (magic bytes, size, pixels), stores it
     * re-encoded without metadata plus a WebP thumbnail, then records it.
     * Nothing is stored when a check fails; files are removed if the row is not written.
     */
    async uploadAsset(
      account: Account,
      promptId: string,
      bytes: Uint8Array,
      options: { versionId?: string | undefined; altText: string },
    ): Promise<EditorAsset> {
      // Cheap checks first, before any image work.
      await asSeller(account, async (tx) => {
        await ownPrompt(tx, account, promptId, true);
        const [{ n } = { n: 0 }] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(promptAssets)
          .where(eq(promptAssets.promptId, promptId));
        if (n >= ASSETS_PER_PROMPT) {
          throw new AppError(
            'CONFLICT',
            `a prompt has at most ${ASSETS_PER_PROMPT} example outputs`,
          );
        }
      });
      const { kind, image } = await openImage(bytes, {
        maxBytes: ASSET_MAX_BYTES,
        maxPixels: ASSET_MAX_PIXELS,
        maxSide: ASSET_MAX_SIDE,
      });
      // Re-encoding drops EXIF (camera, GPS) and applies the orientation.
      const encoded =
        kind === 'png'
          ? image().png({ compressionLevel: 9 })
          : kind === 'jpeg'
            ? image().jpeg({ quality: 88, mozjpeg: true })
            : image().webp({ quality: 88 });
      const main = await encoded.toBuffer({ resolveWithObject: true });
      if (main.data.byteLength > ASSET_MAX_BYTES) {
        throw new AppError('PAYLOAD_TOO_LARGE', 'the image is too large once re-encoded');
      }
      const thumbnail = await image()
        .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer();

      const id = randomUUID();
      const ext = kind === 'jpeg' ? 'jpg' : kind;
      const mainKey = storageKey(account.id, 'prompts', id, ext);
      const thumbKey = storageKey(account.id, 'prompts', randomUUID(), 'webp');
      await storage.put(mainKey, main.data, MIME_OF[kind]);
      try {
        await storage.put(thumbKey, thumbnail, 'image/webp');
        const row = await asSeller(account, async (tx) => {
          await ownPrompt(tx, account, promptId, true);
          const [{ next } = { next: 0 }] = await tx
            .select({ next: sql<number>`coalesce(max(${promptAssets.position}) + 1, 0)::int` })
            .from(promptAssets)
            .where(eq(promptAssets.promptId, promptId));
          const [inserted] = await tx
            .insert(promptAssets)
            .values({
              id,
              promptId,
              versionId: options.versionId ?? null,
              kind: 'example',
              storagePath: mainKey,
              thumbnailPath: thumbKey,
              mimeType: MIME_OF[kind],
              sizeBytes: main.data.byteLength,
              width: main.info.width,
              height: main.info.height,
              position: next,
              altText: options.altText,
            })
            .returning();
          if (!inserted) throw new Error('asset insert returned nothing');
          return inserted;
        });
        return toAsset(row);
      } catch (error) {
        await Promise.all(
          [storage.remove(mainKey), storage.remove(thumbKey)].map((p) => p.catch(() => {})),
        );
        if (sqlStateOfError(error) === '42501' && options.versionId) {
          throw new AppError('VALIDATION_FAILED', 'the version is not one of this prompt’s', [
            { field: 'query.versionId', message: 'is not a version of this prompt' },
          ]);
        }
        if (sqlStateOfError(error) === '23503') {
          throw new AppError('VALIDATION_FAILED', 'the version does not exist', [
            { field: 'query.versionId', message: 'does not exist' },
          ]);
        }
        throw error;
      }
    },

    async updateAsset(account: Account, promptId: string, assetId: string, changes: UpdateAsset) {
      return asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        const set: Partial<typeof promptAssets.$inferInsert> = {};
        if (changes.altText !== undefined) set.altText = changes.altText;
        if (changes.position !== undefined) set.position = changes.position;
        if (Object.keys(set).length > 0) {
          const updated = await tx
            .update(promptAssets)
            .set(set)
            .where(and(eq(promptAssets.id, assetId), eq(promptAssets.promptId, promptId)))
            .returning({ id: promptAssets.id });
          if (updated.length === 0) throw notFound(`example ${assetId}`);
        }
        if (changes.versionId !== undefined) {
          // version_id has no column grant: system code sets it once the version is checked.
          if (changes.versionId !== null) {
            const [version] = await tx
              .select({ id: promptVersions.id })
              .from(promptVersions)
              .where(
                and(
                  eq(promptVersions.id, changes.versionId),
                  eq(promptVersions.promptId, promptId),
                ),
              );
            if (!version) {
              throw new AppError('VALIDATION_FAILED', 'the version is not one of this prompt’s', [
                { field: 'versionId', message: 'is not a version of this prompt' },
              ]);
            }
          }
          const updated = await db
            .update(promptAssets)
            .set({ versionId: changes.versionId })
            .where(and(eq(promptAssets.id, assetId), eq(promptAssets.promptId, promptId)))
            .returning({ id: promptAssets.id });
          if (updated.length === 0) throw notFound(`example ${assetId}`);
        }
        return readEditor(tx, row);
      });
    },

    async removeAsset(account: Account, promptId: string, assetId: string) {
      const { editor, files } = await asSeller(account, async (tx) => {
        const row = await ownPrompt(tx, account, promptId, true);
        const [deleted] = await tx
          .delete(promptAssets)
          .where(and(eq(promptAssets.id, assetId), eq(promptAssets.promptId, promptId)))
          .returning();
        if (!deleted) throw notFound(`example ${assetId}`);
        return {
          editor: await readEditor(tx, row),
          files: [deleted.storagePath, deleted.thumbnailPath].filter((f): f is string => !!f),
        };
      });
      await Promise.all(files.map((f) => storage.remove(f).catch(() => {})));
      return editor;
    },

    /**
     * Sends the draft versions to the moderator. Status columns are not the
     * seller's to write, so after the checks this runs as system code, with
     * the prompt row locked against a concurrent submit or approval.
     */
    async submit(account: Account, promptId: string, flagNearDuplicates: NearDuplicateCheck) {
      const row = await asSeller(account, (tx) => ownPrompt(tx, account, promptId, true));
      await db.transaction(async (tx) => {
        const [locked] = await tx
          .select({ status: prompts.status, sellerId: prompts.sellerId })
          .from(prompts)
          .where(eq(prompts.id, promptId))
          .for('update');
        if (!locked || locked.sellerId !== account.id) throw notFound(`prompt ${promptId}`);
        if (!['draft', 'rejected', 'published'].includes(locked.status)) {
          throw new AppError(
            'CONFLICT',
            locked.status === 'pending_review'
              ? 'the prompt is already with the moderator'
              : `a prompt that is ${locked.status} cannot be submitted`,
          );
        }
        const drafts = await tx
          .select({
            id: promptVersions.id,
            version: promptVersions.version,
            template: promptTemplates.template,
          })
          .from(promptVersions)
          .leftJoin(promptTemplates, eq(promptTemplates.versionId, promptVersions.id))
          .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'draft')));
        const errors = [];
        if (drafts.length === 0) {
          errors.push({ field: 'versions', message: 'add a version before submitting' });
        }
        for (const d of drafts) {
          if (!d.template) {
            errors.push({ field: 'versions', message: `version ${d.version} has no template` });
          }
        }
        if (locked.status !== 'published') {
          if (row.description.trim().length < 20) {
            errors.push({
              field: 'description',
              message: 'describe the prompt in at least 20 characters before submitting',
            });
          }
          if (IMAGE_MODELS.has(row.targetModel)) {
            const [{ n } = { n: 0 }] = await tx
              .select({ n: sql<number>`count(*)::int` })
              .from(promptAssets)
              .where(eq(promptAssets.promptId, promptId));
            if (n === 0) {
              errors.push({
                field: 'assets',
                message: 'an image prompt needs at least one example output',
              });
            }
          }
        }
        if (errors.length > 0) {
          throw new AppError('VALIDATION_FAILED', 'the prompt is not ready for review', errors);
        }
        await tx
          .update(promptVersions)
          .set({ status: 'pending_review' })
          .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'draft')));
        if (locked.status !== 'published') {
          await tx
            .update(prompts)
            .set({ status: 'pending_review', rejectionReason: null })
            .where(eq(prompts.id, promptId));
        }
        await flagNearDuplicates(
          tx,
          account.id,
          promptId,
          drafts.map((d) => ({ id: d.id, template: d.template ?? '' })),
        );
        await tx.insert(auditLogs).values({
          actorId: account.id,
          action: 'prompt.submitted',
          entityType: 'prompt',
          entityId: promptId,
          before: { status: locked.status },
          after: {
            status: locked.status === 'published' ? 'published' : 'pending_review',
            versions: drafts.map((d) => d.version),
          },
        });
      });
      return asSeller(account, async (tx) =>
        readEditor(tx, await ownPrompt(tx, account, promptId)),
      );
    },

    /** The editor view of any prompt, for system code (moderation answers). */
    readAsSystem: async (promptId: string) => {
      const row = await findEditorPrompt(db, promptId);
      if (!row) throw notFound(`prompt ${promptId}`);
      return readEditor(db, row);
    },
  };
}

export type NearDuplicateCheck = (
  tx: DbOrTx,
  sellerId: string,
  promptId: string,
  versions: { id: string; template: string }[],
) => Promise<void>;

export type EditorService = ReturnType<typeof createEditorService>;
