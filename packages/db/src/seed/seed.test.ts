import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, useTestDatabase } from '../testing/index.js';
import { demoCategories } from './categories.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type SeedOptions, seedDemoData } from './index.js';
import { CATEGORY_BANKS } from './phrases-catalog.js';
import { Rng } from './random.js';
import { variablesOf } from './text.js';

const database = await useTestDatabase();
const storageRoot = await mkdtemp(path.join(tmpdir(), 'promptnx-seed-test-'));
afterAll(() => rm(storageRoot, { recursive: true, force: true }));

const options: SeedOptions = {
  prompts: 60,
  sellers: 6,
  buyers: 12,
  imagePool: 8,
  storageRoot,
  now: new Date('2026-11-20T12:00:00Z'),
};
const result = await seedDemoData(database.db, options);
const q = database.sql;

describe('phrase banks', () => {
  it('cover every category, and every template placeholder is a described variable', () => {
    for (const [slug] of demoCategories) {
      const bank = CATEGORY_BANKS[slug];
      expect(bank, slug).toBeDefined();
      for (const offer of bank!.offers) {
        expect(() => variablesOf(new Rng(1), offer.body), offer.body).not.toThrow();
        expect(variablesOf(new Rng(1), offer.body).length, offer.body).toBeGreaterThan(0);
      }
    }
  });
});

describe('seedDemoData', () => {
  it('creates the requested catalog and reports what it made', async () => {
    expect(result.seeded).toBe(true);
    if (!result.seeded) return;
    const [counts] = await q`
      select (select count(*)::int from public.prompts) as prompts,
             (select count(*)::int from public.seller_profiles) as sellers,
             (select count(*)::int from public.profiles where role = 'buyer') as buyers,
             (select count(*)::int from public.profiles where role = 'admin') as admins,
             (select count(*)::int from public.prompt_versions) as versions,
             (select count(*)::int from public.prompt_templates) as templates,
             (select count(*)::int from public.prompt_assets) as assets,
             (select count(*)::int from public.orders) as orders,
             (select count(*)::int from public.order_items) as items,
             (select count(*)::int from public.reviews) as reviews,
             (select count(*)::int from public.chat_threads) as threads,
             (select count(*)::int from public.categories) as categories`;
    expect(counts).toMatchObject({
      prompts: 60,
      sellers: 6,
      buyers: 12,
      admins: 1,
      versions: result.versions,
      templates: result.versions,
      assets: result.assets,
      orders: result.orders,
      items: result.orderItems,
      reviews: result.reviews,
      threads: result.chatThreads,
    });
    expect(counts!.categories).toBeGreaterThanOrEqual(12);
    expect(result.orders).toBeGreaterThan(0);
    expect(result.reviews).toBeGreaterThan(0);
    expect(result.chatThreads).toBeGreaterThan(0);
    expect(result.notifications).toBeGreaterThan(0);

    const statuses = await q`select distinct status from public.prompts`;
    expect(statuses.map((r) => r.status)).toEqual(
      expect.arrayContaining(['published', 'draft', 'pending_review']),
    );
    const models = await q`select count(distinct target_model)::int as n from public.prompts`;
    expect(models[0]!.n).toBeGreaterThanOrEqual(5);
    const [prices] = await q`
      select count(*) filter (where price_amount = 0)::int as free,
             count(*) filter (where price_amount > 0)::int as paid,
             bool_and(currency = 'usd') as usd
      from public.prompts`;
    expect(prices).toMatchObject({ usd: true });
    expect(prices!.free).toBeGreaterThan(0);
    expect(prices!.paid).toBeGreaterThan(0);
  });

  it('creates the three demo accounts with the documented password', async () => {
    const rows = await q`
      select u.email, u.encrypted_password, u.email_confirmed_at, p.role, p.username
      from auth.users u join public.profiles p on p.id = u.id
      where u.email in (${DEMO_ACCOUNTS.admin.email}, ${DEMO_ACCOUNTS.seller.email}, ${DEMO_ACCOUNTS.buyer.email})
      order by u.email`;
    expect(rows.map((r) => [r.email, r.role, r.username])).toEqual([
      ['admin@promptnx.dev', 'admin', 'promptnx_admin'],
      ['buyer@promptnx.dev', 'buyer', 'demo_buyer'],
      ['seller@promptnx.dev', 'seller', 'demo_seller'],
    ]);
    for (const row of rows) {
      expect(row.email_confirmed_at).not.toBeNull();
      expect(await bcrypt.compare(DEMO_PASSWORD, row.encrypted_password)).toBe(true);
    }
    const [seller] = await q`
      select s.status, s.payouts_enabled from public.seller_profiles s
      join auth.users u on u.id = s.user_id where u.email = ${DEMO_ACCOUNTS.seller.email}`;
    expect(seller).toEqual({ status: 'active', payouts_enabled: true });
  });

  it('gives the demo buyer a library with paid and free prompts, and a chat with the demo seller', async () => {
    const [library] = await q`
      select count(*) filter (where e.source = 'purchase')::int as paid,
             count(*) filter (where e.source = 'free')::int as free
      from public.entitlements e join auth.users u on u.id = e.user_id
      where u.email = ${DEMO_ACCOUNTS.buyer.email} and e.status = 'active'`;
    expect(library!.paid).toBeGreaterThanOrEqual(1);
    expect(library!.free).toBeGreaterThanOrEqual(1);
    const [chat] = await q`
      select count(*)::int as n from public.chat_threads t
      join auth.users b on b.id = t.buyer_id join auth.users s on s.id = t.seller_id
      where b.email = ${DEMO_ACCOUNTS.buyer.email} and s.email = ${DEMO_ACCOUNTS.seller.email}`;
    expect(chat!.n).toBeGreaterThanOrEqual(1);
    const [messages] = await q`
      select count(*)::int as n from public.chat_messages m
      join public.chat_threads t on t.id = m.thread_id
      join auth.users b on b.id = t.buyer_id where b.email = ${DEMO_ACCOUNTS.buyer.email}`;
    expect(messages!.n).toBeGreaterThanOrEqual(2);
  });

  it('writes every asset as a real WebP file of the recorded size, with its thumbnail', async () => {
    const assets = await q`
      select a.storage_path, a.thumbnail_path, a.size_bytes, a.width, a.height, a.mime_type,
             p.seller_id
      from public.prompt_assets a join public.prompts p on p.id = a.prompt_id`;
    expect(assets.length).toBeGreaterThan(0);
    const paths = new Set<string>();
    for (const a of assets) {
      expect(a.mime_type).toBe('image/webp');
      // DESIGN §3: {userId}/{entity}/{yyyy}/{mm}/{uuid}.{ext}, thumbnails included.
      const rule = new RegExp(`^${a.seller_id}/prompts/\\d{4}/\\d{2}/[0-9a-f-]{36}\\.webp$`);
      expect(a.storage_path).toMatch(rule);
      expect(a.thumbnail_path).toMatch(rule);
      paths.add(a.storage_path);
      paths.add(a.thumbnail_path);
      const file = path.join(storageRoot, a.storage_path);
      const bytes = await readFile(file);
      expect(bytes.length).toBe(a.size_bytes);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['webp', a.width, a.height]);
      const thumb = await sharp(path.join(storageRoot, a.thumbnail_path)).metadata();
      expect([thumb.format, thumb.width]).toEqual(['webp', 320]);
    }
    expect(paths.size).toBe(assets.length * 2);
    const imagePrompts = await q`
      select p.id, count(a.id)::int as n from public.prompts p
      left join public.prompt_assets a on a.prompt_id = p.id
      where p.target_model in ('midjourney', 'dall-e', 'stable-diffusion', 'flux')
      group by p.id`;
    for (const p of imagePrompts) expect(p.n).toBeGreaterThanOrEqual(2);
  });

  it('keeps the denormalised counters equal to the rows they count', async () => {
    const sales = await q`
      select p.id from public.prompts p
      where p.sales_count <> (select count(*) from public.order_items i
                              where i.prompt_id = p.id and i.status = 'paid')`;
    expect(sales).toEqual([]);
    const ratings = await q`
      select p.id from public.prompts p
      left join (select prompt_id, count(*)::int as n, round(avg(rating), 2) as avg
                 from public.reviews where status = 'published' group by prompt_id) r
        on r.prompt_id = p.id
      where p.rating_count <> coalesce(r.n, 0) or p.rating_avg <> coalesce(r.avg, 0)`;
    expect(ratings).toEqual([]);
    const [rated] = await q`select count(*)::int as n from public.prompts where rating_count > 0`;
    expect(rated!.n).toBeGreaterThan(0);
  });

  it('gives published prompts view counters adding up to their view count', async () => {
    const wrong = await q`
      select p.id from public.prompts p
      left join (select prompt_id, sum(views)::int as views, min(day) as first, max(day) as last
                 from public.prompt_view_days group by prompt_id) v on v.prompt_id = p.id
      where p.status = 'published'
        and (coalesce(v.views, 0) <> p.view_count
             or v.last > '2026-11-20' or v.first < '2026-11-20'::date - 89)`;
    expect(wrong).toEqual([]);
    const [viewed] =
      await q`select count(distinct prompt_id)::int as n from public.prompt_view_days`;
    expect(viewed!.n).toBeGreaterThan(0);
  });

  it('publishes consistent versions whose variables match the template placeholders', async () => {
    const rows = await q`
      select v.variables, t.template, v.status, p.status as prompt_status,
             p.current_version_id = v.id as is_current
      from public.prompt_versions v
      join public.prompt_templates t on t.version_id = v.id
      join public.prompts p on p.id = v.prompt_id`;
    for (const row of rows) {
      const placeholders = [
        ...new Set([...row.template.matchAll(/\[([a-z_]+)\]/g)].map((m) => m[1])),
      ];
      const variables = row.variables as { name: string; type: string; example: string }[];
      expect(variables.map((v) => v.name)).toEqual(placeholders);
      for (const v of variables) {
        expect(['text', 'long_text', 'number', 'choice']).toContain(v.type);
        expect(v.example.length).toBeGreaterThan(0);
      }
      if (row.is_current) expect(row.status).toBe('published');
    }
    const [unpublished] = await q`
      select count(*)::int as n from public.prompts
      where status in ('draft', 'pending_review', 'rejected')
        and (current_version_id is not null or published_at is not null)`;
    expect(unpublished!.n).toBe(0);
  });

  it('never puts template text into listings or the search vector', async () => {
    const leaks = await q`
      select p.id from public.prompts p join public.prompt_templates t on t.prompt_id = p.id
      where strpos(p.title || ' ' || p.description || ' ' || array_to_string(p.tags, ' '),
                   split_part(t.template, E'\n', 1)) > 0
         or strpos(p.description, '[') > 0
         or p.search_vector @@ plainto_tsquery('english', t.template)`;
    expect(leaks).toEqual([]);
  });

  it('keeps the money straight: fees, order totals, ledger credits, refunds and payouts', async () => {
    const badItems = await q`
      select id from public.order_items
      where platform_fee_amount <> round(price_amount * 0.2)
         or seller_earnings_amount <> price_amount - platform_fee_amount or price_amount = 0`;
    expect(badItems).toEqual([]);
    const badOrders = await q`
      select o.id from public.orders o
      join (select order_id, sum(price_amount) as subtotal, sum(platform_fee_amount) as fees,
                   sum(price_amount) filter (where status = 'refunded') as refunded
            from public.order_items group by order_id) i on i.order_id = o.id
      where o.subtotal_amount <> i.subtotal or o.platform_fee_amount <> i.fees
         or o.total_amount <> i.subtotal or o.refunded_amount <> coalesce(i.refunded, 0)
         or o.paid_at is null`;
    expect(badOrders).toEqual([]);
    const [ledger] = await q`
      select (select coalesce(sum(amount), 0)::int from public.ledger_entries where kind = 'sale') as credits,
             (select coalesce(sum(seller_earnings_amount), 0)::int from public.order_items) as earnings,
             (select coalesce(sum(amount), 0)::int from public.ledger_entries where kind = 'refund') as refunds,
             (select coalesce(sum(seller_earnings_amount), 0)::int from public.order_items where status = 'refunded') as refunded,
             (select coalesce(sum(amount), 0)::int from public.ledger_entries where kind = 'payout') as payout_debits,
             (select coalesce(sum(amount), 0)::int from public.payouts where status = 'paid') as paid_out,
             (select count(*)::int from public.order_items i where (
                select count(*) from public.ledger_entries l
                where l.order_item_id = i.id and l.kind = 'sale') <> 1) as items_without_one_credit`;
    expect(ledger!.credits).toBe(ledger!.earnings);
    expect(ledger!.refunds).toBe(ledger!.refunded);
    expect(ledger!.payout_debits).toBe(ledger!.paid_out);
    expect(ledger!.items_without_one_credit).toBe(0);
    const badHolds = await q`
      select l.id from public.ledger_entries l join public.orders o
        on o.id = (select order_id from public.order_items where id = l.order_item_id)
      where l.kind = 'sale' and l.available_at <> o.paid_at + interval '7 days'`;
    expect(badHolds).toEqual([]);
    const entitlements = await q`
      select e.id from public.entitlements e
      left join public.order_items i on i.id = e.order_item_id
      where (e.source = 'purchase' and (i.id is null or (i.status = 'refunded') <> (e.status = 'revoked')))
         or (e.source = 'free' and exists (select 1 from public.prompts p where p.id = e.prompt_id and p.price_amount > 0))`;
    expect(entitlements).toEqual([]);
  });

  it('lets only entitled buyers review', async () => {
    const strangers = await q`
      select r.id from public.reviews r
      where not exists (select 1 from public.entitlements e
                        where e.user_id = r.buyer_id and e.prompt_id = r.prompt_id and e.status = 'active')`;
    expect(strangers).toEqual([]);
  });

  it('is deterministic for a given seed and moment', async () => {
    const other = await createTestDatabase();
    const otherRoot = await mkdtemp(path.join(tmpdir(), 'promptnx-seed-test-'));
    try {
      await seedDemoData(other.db, { ...options, storageRoot: otherRoot });
      const fingerprint = (sql: typeof q) => sql`
        select md5(string_agg(id::text || slug || title || description || price_amount || status, ',' order by id)) as prompts,
               (select md5(string_agg(template, ',' order by version_id)) from public.prompt_templates) as templates,
               (select md5(string_agg(storage_path, ',' order by id)) from public.prompt_assets) as assets
        from public.prompts`;
      expect((await fingerprint(other.sql))[0]).toEqual((await fingerprint(q))[0]);
    } finally {
      await other.drop();
      await rm(otherRoot, { recursive: true, force: true });
    }
  });

  it('seeds once: a second call changes nothing', async () => {
    const again = await seedDemoData(database.db, options);
    expect(again.seeded).toBe(false);
    const [n] = await q`select count(*)::int as n from public.prompts`;
    expect(n!.n).toBe(60);
  });

  it('restores keys and search indexes exactly after a bulk load', async () => {
    const other = await createTestDatabase();
    const otherRoot = await mkdtemp(path.join(tmpdir(), 'promptnx-seed-test-'));
    const schemaShape = (sql: typeof q) => sql`
      select string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\n' order by conname) as keys,
             (select string_agg(indexdef, E'\n' order by indexname) from pg_indexes
              where schemaname = 'public') as indexes
      from pg_constraint where connamespace = 'public'::regnamespace`;
    try {
      const before = (await schemaShape(other.sql))[0];
      const loaded = await seedDemoData(other.db, {
        ...options,
        storageRoot: otherRoot,
        prompts: 20,
        bulkLoad: true,
        assetFiles: 'link',
      });
      expect(loaded.seeded).toBe(true);
      expect((await schemaShape(other.sql))[0]).toEqual(before);
      const files = await other.sql`select storage_path from public.prompt_assets`;
      for (const f of files) {
        expect((await stat(path.join(otherRoot, f.storage_path))).size).toBeGreaterThan(0);
      }
    } finally {
      await other.drop();
      await rm(otherRoot, { recursive: true, force: true });
    }
  });
});
