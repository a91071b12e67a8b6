import { createUser, useTestDatabase } from '@promptnx/db/testing';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { consumeUsage } from './usage-limits.js';

const database = await useTestDatabase();

describe('consumeUsage', () => {
  const limit = { bucket: 'test.action', max: 3, windowSeconds: 3600 };

  it('allows max actions per window, then refuses with RATE_LIMITED', async () => {
    const user = await createUser(database.db);
    for (let i = 1; i <= 3; i++) {
      expect((await consumeUsage(database.db, user.id, limit)).count).toBe(i);
    }
    const refused = await consumeUsage(database.db, user.id, limit).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).message).toContain('test.action');
  });

  it('counts each user and bucket on its own', async () => {
    const a = await createUser(database.db);
    const b = await createUser(database.db);
    await consumeUsage(database.db, a.id, { ...limit, max: 1 });
    await expect(consumeUsage(database.db, b.id, { ...limit, max: 1 })).resolves.toBeTruthy();
    await expect(
      consumeUsage(database.db, a.id, { ...limit, bucket: 'test.other', max: 1 }),
    ).resolves.toBeTruthy();
  });

  it('lets exactly max of many concurrent actions through', async () => {
    const user = await createUser(database.db);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => consumeUsage(database.db, user.id, limit)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const [row] = await database.sql<{ count: number }[]>`
      select count from public.usage_counters where user_id = ${user.id} and bucket = 'test.action'`;
    expect(row?.count).toBe(10);
  });
});
