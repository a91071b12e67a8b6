import { seedCategories } from '@promptnx/db/seed';
import { useTestDatabase } from '@promptnx/db/testing';
import { categoryCountListSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';

const database = await useTestDatabase();
const app = await buildTestApp(database);

describe('GET /api/categories', () => {
  it('is empty before seeding', async () => {
    const res = await app.inject('/api/categories');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });

  it('lists the seeded categories in display order with cache headers', async () => {
    await seedCategories(database.db);
    const res = await app.inject('/api/categories');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('public');
    const { items } = categoryCountListSchema.parse(res.json());
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items[0]).toMatchObject({ slug: 'writing', name: 'Writing', promptCount: 0 });
  });
});

describe('GET /api/categories/:slug', () => {
  it('finds one category', async () => {
    const res = await app.inject('/api/categories/coding');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: 'coding', name: 'Coding' });
  });

  it('answers 404 NOT_FOUND for an unknown slug', async () => {
    const res = await app.inject('/api/categories/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'NOT_FOUND',
      detail: "category 'no-such-thing' was not found",
    });
  });
});
