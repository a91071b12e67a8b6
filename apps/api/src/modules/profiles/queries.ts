import { type DbOrTx, profiles, sellerProfiles } from '@promptnx/db';
import { eq } from 'drizzle-orm';
import { authUsers } from 'drizzle-orm/supabase';

/** The owner's view of a profile (system read: includes the suspension reason). */
export async function findOwnProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      id: profiles.id,
      email: authUsers.email,
      username: profiles.username,
      displayName: profiles.displayName,
      bio: profiles.bio,
      avatarPath: profiles.avatarPath,
      links: profiles.links,
      role: profiles.role,
      status: profiles.status,
      suspendedReason: profiles.suspendedReason,
      createdAt: profiles.createdAt,
      sellerStatus: sellerProfiles.status,
      chargesEnabled: sellerProfiles.chargesEnabled,
      payoutsEnabled: sellerProfiles.payoutsEnabled,
      headline: sellerProfiles.headline,
    })
    .from(profiles)
    .leftJoin(authUsers, eq(authUsers.id, profiles.id))
    .leftJoin(sellerProfiles, eq(sellerProfiles.userId, profiles.id))
    .where(eq(profiles.id, userId));
  return row;
}

export type OwnProfileRow = NonNullable<Awaited<ReturnType<typeof findOwnProfile>>>;

/** Updates the user-editable columns; runs as the user (column grants allow only these). */
export function updateProfileFields(
  tx: DbOrTx,
  userId: string,
  fields: Partial<
    Pick<typeof profiles.$inferInsert, 'username' | 'displayName' | 'bio' | 'links' | 'avatarPath'>
  >,
) {
  return tx
    .update(profiles)
    .set(fields)
    .where(eq(profiles.id, userId))
    .returning({ id: profiles.id });
}
