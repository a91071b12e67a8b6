import {
  auditLogs,
  type Database,
  type DbOrTx,
  moderationFlags,
  notifications,
  prompts,
  promptVersions,
} from '@promptnx/db';
import type { ModerationQueueItem } from '@promptnx/schema';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import type { Account } from '../../plugins/authenticate.js';
import type { NearDuplicateCheck } from './service.js';

/** Templates this similar (pg_trgm, 0–1) to another seller's published one are flagged. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * Finds other sellers' published templates nearly the same as each submitted
 * one (the trigram index on prompt_templates serves the `%` operator) and
 * records a flag for the moderator. System code: it must read templates the
 * submitting seller may not.
 */
export const flagNearDuplicates: NearDuplicateCheck = async (tx, sellerId, promptId, versions) => {
  if (versions.length === 0) return;
  await tx.execute(
    sql`select set_config('pg_trgm.similarity_threshold', ${String(NEAR_DUPLICATE_THRESHOLD)}, true)`,
  );
  for (const version of versions) {
    const matches = await tx.execute<{ prompt_id: string; similarity: number }>(sql`
      select t.prompt_id, max(similarity(t.template, ${version.template}))::real as similarity
      from public.prompt_templates t
      join public.prompt_versions v on v.id = t.version_id and v.status = 'published'
      join public.prompts p on p.id = t.prompt_id and p.status = 'published'
      where t.template operator(public.%) ${version.template}
        and p.seller_id <> ${sellerId}
      group by t.prompt_id
      order by 2 desc
      limit 5`);
    for (const match of matches) {
      await tx.insert(moderationFlags).values({
        promptId,
        versionId: version.id,
        kind: 'near_duplicate',
        similarPromptId: match.prompt_id,
        similarity: Math.min(1, Number(match.similarity)),
      });
    }
  }
};

/** Prompts and versions waiting for a moderator, oldest submission first, with their flags. */
export async function moderationQueue(db: Database): Promise<ModerationQueueItem[]> {
  const rows = await db.execute<{
    id: string;
    slug: string;
    title: string;
    status: ModerationQueueItem['status'];
    seller_id: string;
    seller_display_name: string;
    seller_username: string | null;
    pending_versions: number[];
    submitted_at: string;
    flags: {
      versionId: string;
      similarPromptId: string;
      slug: string;
      title: string;
      similarity: number;
      createdAt: string;
    }[];
  }>(sql`
    select p.id, p.slug, p.title, p.status, s.id as seller_id, s.display_name as seller_display_name,
           s.username as seller_username,
           array_agg(v.version order by v.version) as pending_versions,
           max(v.updated_at) as submitted_at,
           coalesce((
             select json_agg(json_build_object(
               'versionId', f.version_id, 'similarPromptId', f.similar_prompt_id, 'slug', o.slug,
               'title', o.title, 'similarity', f.similarity, 'createdAt', f.created_at)
               order by f.similarity desc)
             from public.moderation_flags f join public.prompts o on o.id = f.similar_prompt_id
             where f.prompt_id = p.id and f.resolved_at is null
           ), '[]'::json) as flags
    from public.prompts p
    join public.prompt_versions v on v.prompt_id = p.id and v.status = 'pending_review'
    join public.profiles s on s.id = p.seller_id
    group by p.id, s.id
    order by max(v.updated_at), p.id
    limit 200`);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    status: r.status,
    seller: { id: r.seller_id, displayName: r.seller_display_name, username: r.seller_username },
    pendingVersions: r.pending_versions.map(Number),
    submittedAt: new Date(r.submitted_at).toISOString(),
    flags: r.flags.map((f) => ({
      kind: 'near_duplicate' as const,
      versionId: f.versionId,
      similarPrompt: { id: f.similarPromptId, slug: f.slug, title: f.title },
      similarity: Number(f.similarity),
      createdAt: new Date(f.createdAt).toISOString(),
    })),
  }));
}

async function lockForDecision(tx: DbOrTx, promptId: string) {
  const [prompt] = await tx.select().from(prompts).where(eq(prompts.id, promptId)).for('update');
  if (!prompt) throw notFound(`prompt ${promptId}`);
  const pending = await tx
    .select({ id: promptVersions.id, version: promptVersions.version })
    .from(promptVersions)
    .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'pending_review')))
    .orderBy(asc(promptVersions.version));
  if (pending.length === 0) {
    throw new AppError('CONFLICT', 'nothing of this prompt is waiting for review');
  }
  return { prompt, pending };
}

/**
 * Admin decisions on submitted prompts (the console and its queues come with
 * moderation; this is the API action). One transaction each: the versions,
 * the prompt, the flags, the audit entry and the seller's notification.
 */
export function createPromptModeration(db: Database) {
  return {
    queue: () => moderationQueue(db),

    /** Publishes every version in review; the newest becomes the one buyers get. */
    async approve(admin: Account, promptId: string) {
      await db.transaction(async (tx) => {
        const { prompt, pending } = await lockForDecision(tx, promptId);
        await tx
          .update(promptVersions)
          .set({ status: 'published', publishedAt: sql`now()` })
          .where(
            and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'pending_review')),
          );
        const [newest] = await tx
          .select({ id: promptVersions.id, version: promptVersions.version })
          .from(promptVersions)
          .where(and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'published')))
          .orderBy(sql`${promptVersions.version} desc`)
          .limit(1);
        const status = prompt.status === 'pending_review' ? 'published' : prompt.status;
        await tx
          .update(prompts)
          .set({
            status,
            currentVersionId: newest?.id ?? null,
            publishedAt: prompt.publishedAt ?? sql`now()`,
            rejectionReason: null,
          })
          .where(eq(prompts.id, promptId));
        await tx
          .update(moderationFlags)
          .set({ resolvedAt: sql`now()` })
          .where(and(eq(moderationFlags.promptId, promptId), isNull(moderationFlags.resolvedAt)));
        const versions = pending.map((v) => v.version);
        await tx.insert(auditLogs).values({
          actorId: admin.id,
          action: 'prompt.approved',
          entityType: 'prompt',
          entityId: promptId,
          before: { status: prompt.status, currentVersionId: prompt.currentVersionId },
          after: { status, currentVersionId: newest?.id ?? null, publishedVersions: versions },
        });
        await tx.insert(notifications).values({
          userId: prompt.sellerId,
          type: 'moderation',
          title:
            prompt.status === 'pending_review'
              ? `“${prompt.title}” is published`
              : `Version ${versions.join(', ')} of “${prompt.title}” is published`,
          data: { promptId, slug: prompt.slug, versions },
        });
      });
    },

    /** Sends the versions in review back to draft with the reason; a published prompt stays published. */
    async reject(admin: Account, promptId: string, reason: string) {
      await db.transaction(async (tx) => {
        const { prompt, pending } = await lockForDecision(tx, promptId);
        await tx
          .update(promptVersions)
          .set({ status: 'draft' })
          .where(
            and(eq(promptVersions.promptId, promptId), eq(promptVersions.status, 'pending_review')),
          );
        const status = prompt.status === 'pending_review' ? 'rejected' : prompt.status;
        await tx
          .update(prompts)
          .set({ status, rejectionReason: reason })
          .where(eq(prompts.id, promptId));
        await tx
          .update(moderationFlags)
          .set({ resolvedAt: sql`now()` })
          .where(and(eq(moderationFlags.promptId, promptId), isNull(moderationFlags.resolvedAt)));
        const versions = pending.map((v) => v.version);
        await tx.insert(auditLogs).values({
          actorId: admin.id,
          action: 'prompt.rejected',
          entityType: 'prompt',
          entityId: promptId,
          before: { status: prompt.status },
          after: { status, returnedVersions: versions },
          reason,
        });
        await tx.insert(notifications).values({
          userId: prompt.sellerId,
          type: 'moderation',
          title: `“${prompt.title}” needs changes`,
          body: reason,
          data: { promptId, slug: prompt.slug, versions },
        });
      });
    },
  };
}
