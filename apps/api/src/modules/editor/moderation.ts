import {
  auditLogs,
  type Database,
  type DbOrTx,
  moderationFlags,
  notifications,
  prompts,
  promptVersions,
} from '@promptnx/db';
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
    /**
     * Publishes every version in review; the newest becomes the one buyers get.
     * Returns the prompt's status after it: 'hidden' when its seller is
     * suspended (a trigger parks it until reinstatement, decision 0019).
     */
    async approve(admin: Account, promptId: string, ip: string | null = null) {
      return db.transaction(async (tx) => {
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
        const [updated] = await tx
          .update(prompts)
          .set({
            status: prompt.status === 'pending_review' ? 'published' : prompt.status,
            currentVersionId: newest?.id ?? null,
            publishedAt: prompt.publishedAt ?? sql`now()`,
            rejectionReason: null,
          })
          .where(eq(prompts.id, promptId))
          .returning({ status: prompts.status });
        const status = updated!.status;
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
          ip,
        });
        await tx.insert(notifications).values({
          userId: prompt.sellerId,
          type: 'moderation',
          title:
            status === 'hidden'
              ? `“${prompt.title}” is approved; it is listed once your account is reinstated`
              : prompt.status === 'pending_review'
                ? `“${prompt.title}” is published`
                : `Version ${versions.join(', ')} of “${prompt.title}” is published`,
          data: { promptId, slug: prompt.slug, versions },
        });
        return status;
      });
    },

    /** Sends the versions in review back to draft with the reason; a published prompt stays published. */
    async reject(admin: Account, promptId: string, reason: string, ip: string | null = null) {
      return db.transaction(async (tx) => {
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
          ip,
        });
        await tx.insert(notifications).values({
          userId: prompt.sellerId,
          type: 'moderation',
          title: `“${prompt.title}” needs changes`,
          body: reason,
          data: { promptId, slug: prompt.slug, versions },
        });
        return status;
      });
    },
  };
}
