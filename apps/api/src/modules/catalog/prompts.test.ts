import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_ACCOUNTS, seedDemoData } from '@promptnx/db/seed';
import { useTestDatabase } from '@promptnx/db/testing';
import { promptDetailSchema, promptListSchema, sellerPublicSchema } from '@promptnx/schema';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/build-test-app.js';
import { authEnv, signIn } from '../../test/tokens.js';

// A small demo catalog: real sellers, prompts in every status, orders, reviews.
const database = await useTestDatabase();
const storageRoot = await mkdtemp(path.join(tmpdir(), 'promptnx-catalog-'));
await seedDemoData(database.db, { storageRoot, prompts: 80, sellers: 8, buyers: 16 });
const app = await buildTestApp(database, { ...authEnv, PROMPTNX_STORAGE_DIR: storageRoot });

const templates = (
  await database.sql<{ template: string }[]>`select template from prompt_templates`
).map((t) => t.template);
const [demoBuyer] = await database.sql<{ id: string; email: string }[]>`
  select id, email from auth.users where email = ${DEMO_ACCOUNTS.buyer.email}`;

async function list(query: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ url: `/api/prompts${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return { res, page: promptListSchema.parse(res.json()) };
}

/** Every page of a listing, following nextCursor. */
async function all(query: string) {
  const items = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '?';
    const { page } = await list(`${query}${cursor ? `${sep}cursor=${cursor}` : ''}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

function expectNoTemplateText(body: string) {
  for (const template of templates) expect(body).not.toContain(template.slice(0, 60));
}

describe('GET /api/prompts', () => {
  it('lists only published prompts, each exactly once across pages, newest first', async () => {
    const [{ n }] =
      (await database.sql`select count(*)::int as n from prompts where status = 'published'`) as [
        { n: number },
      ];
    const items = await all('?limit=7');
    expect(items).toHaveLength(n);
    expect(new Set(items.map((i) => i.id)).size).toBe(n);
    const times = items.map((i) => Date.parse(i.publishedAt ?? ''));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('pages every sort without gaps or repeats', async () => {
    for (const sort of ['top-rated', 'best-selling', 'trending', 'newest'] as const) {
      const items = await all(`?sort=${sort}&limit=9`);
      expect(new Set(items.map((i) => i.id)).size, sort).toBe(items.length);
      if (sort === 'best-selling') {
        const sales = items.map((i) => i.salesCount);
        expect([...sales].sort((a, b) => b - a)).toEqual(sales);
      }
      if (sort === 'top-rated') {
        const ratings = items.map((i) => i.rating.average);
        expect([...ratings].sort((a, b) => b - a)).toEqual(ratings);
      }
    }
  });

  it('filters by model, category, price and free, and never leaks templates', async () => {
    const { page: images, res } = await list('?model=midjourney&limit=60');
    expect(images.items.length).toBeGreaterThan(0);
    expect(images.items.every((i) => i.targetModel === 'midjourney')).toBe(true);
    expectNoTemplateText(res.body);
    const { page: free } = await list('?free=true&limit=60');
    expect(free.items.every((i) => i.price.amount === 0)).toBe(true);
    const { page: priced } = await list('?minPrice=500&maxPrice=1000&limit=60');
    expect(priced.items.every((i) => i.price.amount >= 500 && i.price.amount <= 1000)).toBe(true);
    const category = images.items[0]!.category.slug;
    const { page: inCategory } = await list(`?category=${category}&limit=60`);
    expect(inCategory.items.every((i) => i.category.slug === category)).toBe(true);
  });

  it('searches titles, tags and descriptions, with typos in titles', async () => {
    const [target] = await database.sql<{ title: string }[]>`
      select title from prompts where status = 'published' and title ~ '^[A-Za-z]+ [A-Za-z]{7,}' limit 1`;
    const word = target!.title.split(' ')[1]!;
    const { page: exact } = await list(`?q=${encodeURIComponent(word)}`);
    expect(exact.items.map((i) => i.title)).toContain(target!.title);
    const typo = `${word.slice(0, 3)}${word.slice(4)}`; // one letter dropped
    const { page: fuzzy } = await list(`?q=${encodeURIComponent(typo)}`);
    expect(fuzzy.items.map((i) => i.title)).toContain(target!.title);
    const { page: nothing } = await list('?q=zzqxjv');
    expect(nothing.items).toEqual([]);
  });

  it('finds nothing by template text', async () => {
    const [row] = await database.sql<{ template: string }[]>`
      select t.template from prompt_templates t join prompts p on p.id = t.prompt_id
      where p.status = 'published' limit 1`;
    const phrase = row!.template
      .replace(/\[[^\]]*\]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 3)
      .slice(0, 8)
      .join(' ');
    const { res } = await list(`?q=${encodeURIComponent(`"${phrase}"`)}`);
    expectNoTemplateText(res.body);
  });

  it('refuses bad input with the field named', async () => {
    for (const [query, field] of [
      ['?model=gpt-9', 'query.model'],
      ['?minPrice=-1', 'query.minPrice'],
      ['?minPrice=900&maxPrice=100', 'query.maxPrice'],
      ['?limit=1000', 'query.limit'],
      ['?cursor=not-a-cursor', 'query.cursor'],
    ] as const) {
      const res = await app.inject(`/api/prompts${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(
        res.json().errors.map((e: { field: string }) => e.field),
        query,
      ).toContain(field);
    }
  });

  it('lets anonymous answers be cached, never signed-in ones', async () => {
    const { res } = await list('?limit=2');
    expect(res.headers['cache-control']).toContain('public');
    const session = await signIn(database, demoBuyer!);
    const { res: mine } = await list('?limit=2', session.headers);
    expect(mine.headers['cache-control']).toBe('private, no-store');
  });
});

describe('GET /api/prompts/:idOrSlug', () => {
  it('shows a published prompt by slug or id with examples, versions and reviews, not its template', async () => {
    const [row] = await database.sql<{ id: string; slug: string }[]>`
      select p.id, p.slug from prompts p where p.status = 'published'
        and exists (select 1 from prompt_assets a where a.prompt_id = p.id) limit 1`;
    const bySlug = await app.inject(`/api/prompts/${row!.slug}`);
    expect(bySlug.statusCode).toBe(200);
    const detail = promptDetailSchema.parse(bySlug.json());
    expect(detail.assets.length).toBeGreaterThan(0);
    expect(detail.versions.length).toBeGreaterThan(0);
    expect(detail.reviewSummary.distribution.reduce((a, b) => a + b, 0)).toBe(
      detail.reviewSummary.count,
    );
    expect(detail.viewer).toEqual({ owns: false, isSeller: false, favorited: false });
    expectNoTemplateText(bySlug.body);
    const image = await app.inject(detail.assets[0]!.url.replace(/^https?:\/\/[^/]+/, ''));
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    const byId = await app.inject(`/api/prompts/${row!.id}`);
    expect(byId.json().slug).toBe(row!.slug);
  });

  it('hides drafts from others but shows them to their seller', async () => {
    const [draft] = await database.sql<{ slug: string; seller_id: string; email: string }[]>`
      select p.slug, p.seller_id, u.email from prompts p join auth.users u on u.id = p.seller_id
      where p.status = 'draft' limit 1`;
    expect((await app.inject(`/api/prompts/${draft!.slug}`)).statusCode).toBe(404);
    const seller = await signIn(database, { id: draft!.seller_id, email: draft!.email });
    const own = await app.inject({ url: `/api/prompts/${draft!.slug}`, headers: seller.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ status: 'draft', viewer: { isSeller: true } });
  });

  it('tells a buyer they own what they bought', async () => {
    const [owned] = await database.sql<{ slug: string }[]>`
      select p.slug from entitlements e join prompts p on p.id = e.prompt_id
      where e.user_id = ${demoBuyer!.id} and e.status = 'active' and p.status = 'published' limit 1`;
    const session = await signIn(database, demoBuyer!);
    const res = await app.inject({ url: `/api/prompts/${owned!.slug}`, headers: session.headers });
    expect(res.json().viewer.owns).toBe(true);
    expectNoTemplateText(res.body);
  });

  it('answers 404 for unknown prompts and 400 for malformed ids', async () => {
    expect((await app.inject('/api/prompts/no-such-prompt')).statusCode).toBe(404);
    expect((await app.inject('/api/prompts/bad%20slug!')).statusCode).toBe(400);
  });
});

describe('favorites', () => {
  it('adds, lists and removes, idempotently', async () => {
    const session = await signIn(database, demoBuyer!);
    const { page } = await list('?limit=2');
    const promptId = page.items[0]!.id;
    for (let i = 0; i < 2; i++) {
      const put = await app.inject({
        method: 'PUT',
        url: `/api/me/favorites/${promptId}`,
        headers: session.headers,
      });
      expect(put.statusCode).toBe(204);
    }
    const mine = await app.inject({ url: '/api/me/favorites', headers: session.headers });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(promptId);
    const detail = await app.inject({ url: `/api/prompts/${promptId}`, headers: session.headers });
    expect(detail.json().viewer.favorited).toBe(true);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/me/favorites/${promptId}`,
      headers: session.headers,
    });
    expect(del.statusCode).toBe(204);
    const after = await app.inject({ url: '/api/me/favorites', headers: session.headers });
    expect(after.json().items.map((i: { id: string }) => i.id)).not.toContain(promptId);
  });

  it('refuses prompts the user cannot see, and anonymous callers', async () => {
    const session = await signIn(database, demoBuyer!);
    const [draft] = await database.sql<
      { id: string }[]
    >`select id from prompts where status = 'draft' limit 1`;
    const res = await app.inject({
      method: 'PUT',
      url: `/api/me/favorites/${draft!.id}`,
      headers: session.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'PUT', url: `/api/me/favorites/${draft!.id}` })).statusCode,
    ).toBe(401);
  });
});

describe('GET /api/sellers/:idOrUsername', () => {
  it('shows a seller by username or id with stats, and their prompts through the list', async () => {
    const res = await app.inject(`/api/sellers/${DEMO_ACCOUNTS.seller.username}`);
    expect(res.statusCode).toBe(200);
    const seller = sellerPublicSchema.parse(res.json());
    expect(seller.promptCount).toBeGreaterThan(0);
    const { page } = await list(`?seller=${seller.id}&limit=60`);
    expect(page.items.length).toBe(seller.promptCount);
    expect(page.items.every((i) => i.seller.id === seller.id)).toBe(true);
    expect((await app.inject('/api/sellers/nobody_here')).statusCode).toBe(404);
  });
});
