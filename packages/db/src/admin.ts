import { sql } from 'drizzle-orm';
import type { Database } from './client.js';
import { auditLogs } from './schema/index.js';

/**
 * Makes the account with this e-mail an admin, and writes the decision to the
 * audit log. For operators (`pnpm admin:grant`), not for request code.
 */
export async function grantAdmin(
  db: Database,
  email: string,
): Promise<'granted' | 'already-admin' | 'no-such-user'> {
  return db.transaction(async (tx) => {
    const [user] = await tx.execute<{ id: string; role: string | null }>(sql`
      select u.id, p.role from auth.users u left join public.profiles p on p.id = u.id
      where lower(u.email) = ${email.toLowerCase()} and u.deleted_at is null`);
    if (!user) return 'no-such-user';
    if (user.role === 'admin') return 'already-admin';
    await tx.execute(sql`
      insert into public.profiles (id, role) values (${user.id}, 'admin')
      on conflict (id) do update set role = 'admin'`);
    await tx.insert(auditLogs).values({
      actorId: null,
      action: 'user.role_granted',
      entityType: 'profile',
      entityId: user.id,
      before: { role: user.role },
      after: { role: 'admin' },
      reason: 'pnpm admin:grant',
    });
    return 'granted';
  });
}
