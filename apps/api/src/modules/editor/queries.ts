import {
  categories,
  type DbOrTx,
  type PromptVariable,
  promptAssets,
  prompts,
  promptTemplates,
  promptVersions,
} from '@promptnx/db';
import { asc, desc, eq, sql } from 'drizzle-orm';

/** The prompt as its editor needs it; RLS decides whether the asker sees it at all. */
export async function findEditorPrompt(db: DbOrTx, promptId: string) {
  const [row] = await db
    .select({
      id: prompts.id,
      sellerId: prompts.sellerId,
      slug: prompts.slug,
      title: prompts.title,
      description: prompts.description,
      categorySlug: categories.slug,
      categoryName: categories.name,
      targetModel: prompts.targetModel,
      tags: prompts.tags,
      priceAmount: prompts.priceAmount,
      currency: prompts.currency,
      status: prompts.status,
      rejectionReason: prompts.rejectionReason,
      currentVersionId: prompts.currentVersionId,
      publishedAt: prompts.publishedAt,
      createdAt: prompts.createdAt,
      updatedAt: prompts.updatedAt,
    })
    .from(prompts)
    .innerJoin(categories, eq(categories.id, prompts.categoryId))
    .where(eq(prompts.id, promptId));
  return row;
}
export type EditorPromptRow = NonNullable<Awaited<ReturnType<typeof findEditorPrompt>>>;

/** Every version with its template (the seller's and admins' view), newest first. */
export function listEditorVersions(db: DbOrTx, promptId: string) {
  return db
    .select({
      id: promptVersions.id,
      version: promptVersions.version,
      status: promptVersions.status,
      variables: promptVersions.variables,
      testedModels: promptVersions.testedModels,
      changelog: promptVersions.changelog,
      publishedAt: promptVersions.publishedAt,
      createdAt: promptVersions.createdAt,
      updatedAt: promptVersions.updatedAt,
      template: promptTemplates.template,
      instructions: promptTemplates.instructions,
      modelParams: promptTemplates.modelParams,
    })
    .from(promptVersions)
    .leftJoin(promptTemplates, eq(promptTemplates.versionId, promptVersions.id))
    .where(eq(promptVersions.promptId, promptId))
    .orderBy(desc(promptVersions.version));
}
export type EditorVersionRow = Awaited<ReturnType<typeof listEditorVersions>>[number];

export function listEditorAssets(db: DbOrTx, promptId: string) {
  return db
    .select()
    .from(promptAssets)
    .where(eq(promptAssets.promptId, promptId))
    .orderBy(asc(promptAssets.position), asc(promptAssets.createdAt));
}

/**
 * The seller's own prompts, any status, most recently changed first. The
 * subqueries name `prompts.` explicitly: in a one-table select Drizzle writes
 * its columns unqualified, which inside a subquery would mean the inner table's.
 */
export function listOwnPrompts(db: DbOrTx, sellerId: string) {
  return db
    .select({
      id: prompts.id,
      slug: prompts.slug,
      title: prompts.title,
      status: prompts.status,
      priceAmount: prompts.priceAmount,
      currency: prompts.currency,
      rejectionReason: prompts.rejectionReason,
      updatedAt: prompts.updatedAt,
      versionCount: sql<number>`(select count(*)::int from public.prompt_versions v where v.prompt_id = prompts.id)`,
      pendingVersions: sql<number>`(select count(*)::int from public.prompt_versions v where v.prompt_id = prompts.id and v.status = 'pending_review')`,
      currentVersion: sql<
        number | null
      >`(select v.version from public.prompt_versions v where v.id = prompts.current_version_id)`,
      coverPath: sql<
        string | null
      >`(select coalesce(a.thumbnail_path, a.storage_path) from public.prompt_assets a where a.prompt_id = prompts.id order by a.position, a.created_at limit 1)`,
    })
    .from(prompts)
    .where(eq(prompts.sellerId, sellerId))
    .orderBy(desc(prompts.updatedAt), asc(prompts.id))
    .limit(500);
}

export type VersionValues = {
  variables: PromptVariable[];
  testedModels: string[];
  changelog: string;
};
