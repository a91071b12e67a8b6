import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { grantAdmin } from './admin.js';
import { createUser } from './testing/factories.js';
import { useTestDatabase } from './testing/index.js';

const database = await useTestDatabase();

describe('grantAdmin', () => {
  it('makes an account admin once and audits it', async () => {
    const user = await createUser(database.db);
    expect(await grantAdmin(database.db, user.email.toUpperCase())).toBe('granted');
    expect(await grantAdmin(database.db, user.email)).toBe('already-admin');
    const [profile] = await database.db.execute<{ role: string }>(
      sql`select role from profiles where id = ${user.id}`,
    );
    expect(profile?.role).toBe('admin');
    const logs = await database.db.execute<{ action: string }>(
      sql`select action from audit_logs where entity_id = ${user.id}`,
    );
    expect(logs.map((l) => l.action)).toEqual(['user.role_granted']);
  });

  it('says when there is no such account', async () => {
    expect(await grantAdmin(database.db, 'nobody@example.com')).toBe('no-such-user');
  });
});
