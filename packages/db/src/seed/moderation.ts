import { auditLogs, notifications } from '../schema/index.js';
import type { AccountPlan } from './accounts.js';
import { type InsertTarget, into, type RowOf } from './bulk.js';
import type { PlannedPrompt } from './catalog.js';
import { at, DAY, HOUR, readAtFor, type SeedContext, type SeedIds } from './context.js';
import { ROW, rngFor } from './random.js';

/** The admin's decisions on prompts: approvals of some published ones, every rejection. */
export function buildPromptModerationRows(
  ctx: SeedContext,
  ids: SeedIds,
  catalog: PlannedPrompt[],
  accounts: AccountPlan,
): { auditLogs: InsertTarget; notifications: InsertTarget } {
  const now = ctx.now.getTime();
  const auditRows: RowOf<typeof auditLogs>[] = [];
  const notificationRows: RowOf<typeof notifications>[] = [];
  const admin = accounts.admin.id;
  let approvals = 0;
  for (const p of catalog) {
    const rng = rngFor(ctx.seed, 'moderation', p.index);
    const seller = accounts.sellers[p.seller]!.id;
    if (p.status === 'rejected') {
      const decidedAt = Math.min(now - HOUR, p.createdAt.getTime() + rng.int(HOUR, 3 * DAY));
      auditRows.push({
        actor_id: admin,
        action: 'prompt.reject',
        entity_type: 'prompt',
        entity_id: p.id,
        before: { status: 'pending_review' },
        after: { status: 'rejected' },
        reason: 'Does not meet the listing guidelines; see the rejection reason.',
        created_at: at(decidedAt),
      });
      notificationRows.push({
        id: ids.next(ROW.notification),
        user_id: seller,
        type: 'moderation',
        title: `Changes needed: ${p.title}`.slice(0, 200),
        body: 'Your prompt was not approved. Open it to see why and resubmit.',
        data: { promptId: p.id },
        read_at: readAtFor(rng, decidedAt, now),
        created_at: at(decidedAt),
      });
    } else if (p.status === 'published' && p.publishedAt && approvals < 40 && rng.chance(0.1)) {
      approvals++;
      auditRows.push({
        actor_id: admin,
        action: 'prompt.approve',
        entity_type: 'prompt',
        entity_id: p.id,
        before: { status: 'pending_review' },
        after: { status: 'published', versionId: p.versions[0]!.id },
        reason: null,
        created_at: at(p.publishedAt.getTime()),
      });
    }
  }
  return {
    auditLogs: into(auditLogs, auditRows),
    notifications: into(notifications, notificationRows),
  };
}
