import { type Database, type DbOrTx, profiles } from '@promptnx/db';
import type { AdminUserDetail } from '@promptnx/schema';
import { eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { auditOf } from './moderation-audit.js';
import { type Actor, audit, iso, notify } from './moderation-common.js';
import { userHistory } from './moderation-history.js';

/** GET /api/admin/users/:id: the account, its record and the decisions about it. */
export async function userDetail(db: DbOrTx, userId: string): Promise<AdminUserDetail> {
  const [row] = await db.execute<{
    id: string;
    email: string | null;
    username: string | null;
    display_name: string;
    role: AdminUserDetail['role'];
    status: AdminUserDetail['status'];
    suspended_reason: string | null;
    suspended_at: string | null;
    created_at: string;
    seller_status: string | null;
  }>(sql`
    select p.id, u.email, p.username, p.display_name, p.role, p.status, p.suspended_reason,
           p.suspended_at, p.created_at, sp.status as seller_status
    from public.profiles p
    left join auth.users u on u.id = p.id
    left join public.seller_profiles sp on sp.user_id = p.id
    where p.id = ${userId}`);
  if (!row) throw notFound(`user ${userId}`);
  const [history, auditTrail] = await Promise.all([
    userHistory(db, userId),
    auditOf(db, 'user', [userId]),
  ]);
  return {
    id: row.id,
    email: row.email ?? '',
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    status: row.status,
    createdAt: iso(row.created_at),
    suspendedReason: row.suspended_reason,
    suspendedAt: iso(row.suspended_at),
    sellerStatus: row.seller_status,
    history: history!,
    audit: auditTrail,
  };
}

async function lockProfile(tx: DbOrTx, userId: string) {
  const [profile] = await tx.select().from(profiles).where(eq(profiles.id, userId)).for('update');
  if (!profile) throw notFound(`user ${userId}`);
  return profile;
}

const countPrompts = async (tx: DbOrTx, userId: string) => {
  const [row] = await tx.execute<{ published: number; suspended: number }>(sql`
    select count(*) filter (where status = 'published')::int as published,
           count(*) filter (where status = 'hidden' and hidden_cause = 'seller_suspended')::int as suspended
    from public.prompts where seller_id = ${userId}`);
  return { published: Number(row?.published ?? 0), suspended: Number(row?.suspended ?? 0) };
};

/**
 * Suspends an account: it can still sign in and read (its purchases, orders,
 * the reason), but every write is refused (requireActiveUser and the RLS
 * helpers check profiles.status), and the trigger of migration
 * suspended_sellers_leave_catalog takes its published prompts out of the
 * catalog and search in this same transaction.
 */
export async function suspendUser(db: Database, actor: Actor, userId: string, reason: string) {
  if (userId === actor.id) {
    throw new AppError('CONFLICT', 'you cannot suspend your own account');
  }
  await db.transaction(async (tx) => {
    const profile = await lockProfile(tx, userId);
    if (profile.status === 'suspended') {
      throw new AppError('CONFLICT', 'this account is suspended already');
    }
    const before = await countPrompts(tx, userId);
    await tx
      .update(profiles)
      .set({ status: 'suspended', suspendedReason: reason, suspendedAt: sql`now()` })
      .where(eq(profiles.id, userId));
    const after = await countPrompts(tx, userId);
    await audit(tx, actor, {
      action: 'user.suspended',
      entityType: 'user',
      entityId: userId,
      before: { status: profile.status, publishedPrompts: before.published },
      after: {
        status: 'suspended',
        publishedPrompts: after.published,
        promptsHiddenBySuspension: after.suspended,
      },
      reason,
    });
    await notify(tx, {
      userId,
      type: 'system',
      title: 'Your PromptNX account is suspended',
      body: `${reason}\n\nYou can still sign in and use what you bought, but you cannot post, sell or change anything until the account is reinstated.`,
      data: { path: '/account' },
    });
  });
  return userDetail(db, userId);
}

/** Lifts a suspension; the seller's prompts hidden by it return to the catalog. */
export async function reinstateUser(db: Database, actor: Actor, userId: string, reason: string) {
  await db.transaction(async (tx) => {
    const profile = await lockProfile(tx, userId);
    if (profile.status !== 'suspended') {
      throw new AppError('CONFLICT', 'this account is not suspended');
    }
    const before = await countPrompts(tx, userId);
    await tx
      .update(profiles)
      .set({ status: 'active', suspendedReason: null, suspendedAt: null })
      .where(eq(profiles.id, userId));
    const after = await countPrompts(tx, userId);
    await audit(tx, actor, {
      action: 'user.reinstated',
      entityType: 'user',
      entityId: userId,
      before: {
        status: 'suspended',
        suspendedReason: profile.suspendedReason,
        promptsHiddenBySuspension: before.suspended,
      },
      after: { status: 'active', publishedPrompts: after.published },
      reason,
    });
    await notify(tx, {
      userId,
      type: 'system',
      title: 'Your PromptNX account is reinstated',
      body: reason,
      data: { path: '/account' },
    });
  });
  return userDetail(db, userId);
}

/** GET /api/admin/overview: how much waits in each queue. */
export async function overview(db: DbOrTx) {
  const [row] = await db.execute<Record<string, number>>(sql`
    select
      (select count(*) from public.reviews where status = 'pending')::int as reviews_pending,
      (select count(distinct review_id) from public.review_reports where status = 'open')::int as reviews_reported,
      (select count(distinct prompt_id) from public.prompt_versions where status = 'pending_review')::int as prompts_pending,
      (select count(distinct prompt_id) from public.prompt_reports where status = 'open')::int as prompts_reported,
      (select count(*) from public.prompts where status = 'hidden')::int as prompts_hidden,
      (select count(*) from public.refunds where status = 'requested')::int as refunds_requested,
      (select count(*) from public.profiles where status = 'suspended')::int as users_suspended`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  return {
    reviews: { pending: n('reviews_pending'), reported: n('reviews_reported') },
    prompts: {
      pending: n('prompts_pending'),
      reported: n('prompts_reported'),
      hidden: n('prompts_hidden'),
    },
    refunds: { requested: n('refunds_requested') },
    users: { suspended: n('users_suspended') },
  };
}
