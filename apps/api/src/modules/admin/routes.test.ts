import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { adminUserListSchema, problemSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

const database = await useTestDatabase();
const app = await buildTestApp(database, authEnv);

const admin = await createUser(database.db, { role: 'admin' });
const { headers: adminHeaders } = await signIn(database, admin);
const list = (query = '') => app.inject({ url: `/api/admin/users${query}`, headers: adminHeaders });

describe('GET /api/admin/users', () => {
  it("lists users with each one's own e-mail", async () => {
    const users = await Promise.all([
      createUser(database.db),
      createUser(database.db, { role: 'seller' }),
      createUser(database.db),
    ]);
    const res = await list();
    expect(res.statusCode).toBe(200);
    const { items } = adminUserListSchema.parse(res.json());
    for (const user of [admin, ...users]) {
      expect(items).toContainEqual(
        expect.objectContaining({ id: user.id, email: user.email, role: user.role }),
      );
    }
  });

  it('searches by e-mail, username or display name', async () => {
    const target = await createUser(database.db, {
      email: 'grace.hopper@navy.example',
      metadata: { username: 'cobol_queen', display_name: 'Amazing Grace' },
    });
    await createUser(database.db);
    for (const q of ['NAVY.example', 'cobol_q', 'amazing']) {
      const { items } = adminUserListSchema.parse(
        (await list(`?q=${encodeURIComponent(q)}`)).json(),
      );
      expect(items.map((u) => u.id)).toEqual([target.id]);
    }
  });

  it('treats % and _ in the search as text', async () => {
    const { items } = adminUserListSchema.parse((await list('?q=%25')).json());
    expect(items).toEqual([]);
  });

  it('respects limit', async () => {
    const { items } = adminUserListSchema.parse((await list('?limit=2')).json());
    expect(items).toHaveLength(2);
    expect((await list('?limit=0')).statusCode).toBe(400);
  });

  it('is 403 ADMIN_REQUIRED to buyers and sellers, 401 without a token', async () => {
    for (const role of ['buyer', 'seller'] as const) {
      const user = await createUser(database.db, { role });
      const { headers } = await signIn(database, user);
      const res = await app.inject({ url: '/api/admin/users', headers });
      expect(res.statusCode).toBe(403);
      expect(problemSchema.parse(res.json()).code).toBe('ADMIN_REQUIRED');
    }
    expect((await app.inject('/api/admin/users')).statusCode).toBe(401);
  });
});
