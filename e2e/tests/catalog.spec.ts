import { expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { collectConsoleErrors } from '../support/console';

test.use({ baseURL: process.env.E2E_BASE_URL });

const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';
const BUYER = { email: 'buyer@promptnx.dev', password: 'promptnx-demo' };
const MODEL_LABELS: Record<string, string> = {
  chatgpt: 'ChatGPT',
  claude: 'Claude',
  gemini: 'Gemini',
  llama: 'Llama',
  midjourney: 'Midjourney',
  'dall-e': 'DALL·E',
  'stable-diffusion': 'Stable Diffusion',
  flux: 'Flux',
  other: 'Other',
};

// The seeded catalog is read straight from the database, to choose what to look for.
let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

async function signInAsBuyer(page: Page, back: string) {
  await page.goto(`/signin?redirectTo=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mail').fill(BUYER.email);
  await page.getByLabel('Password').fill(BUYER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByTestId('signed-in-as')).toBeVisible();
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === back);
}

function escapeHtml(text: string) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}

test('the home page shows trending, new and top-rated prompts, cached for anonymous visitors', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers['cache-control']).toBe(PUBLIC_CACHE);
  expect(headers['set-cookie']).toBeUndefined();

  await expect(page.getByTestId('trending').getByTestId('prompt-card')).toHaveCount(8);
  await expect(page.getByTestId('new').getByTestId('prompt-card')).toHaveCount(8);
  await expect(page.getByTestId('top-rated').getByTestId('prompt-card')).toHaveCount(8);
  const cover = page.getByTestId('trending').locator('img.prompt-card-cover').first();
  await expect(cover).toHaveAttribute('loading', 'lazy');
  await expect(cover).toHaveAttribute('width', '320');
  await expect(cover).toHaveAttribute('height', '240');

  const models = page.getByRole('region', { name: 'Browse by model' }).getByRole('link');
  await expect(models).toHaveCount(9);
  await expect(models.filter({ hasText: 'DALL·E' })).toHaveAttribute(
    'href',
    '/search?model=dall-e',
  );
  await expect(page.getByTestId('category-card').first()).toContainText(/\d+ prompts?/);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Browse' })).toHaveAttribute(
    'href',
    '/search',
  );
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('search finds a seeded title by one of its words, and with a typo in it', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  // A long word that few published titles share, so the prompt is on the first page.
  const [pick] = await sql<{ word: string; title: string }[]>`
    with words as (
      select w as word, count(distinct p.id) as n
      from public.prompts p, regexp_split_to_table(lower(p.title), '[^a-z]+') as w
      where p.status = 'published' and length(w) >= 8
      group by w
    )
    select words.word, p.title from words
    join public.prompts p on p.status = 'published' and lower(p.title) ~ ('\\m' || words.word || '\\M')
    order by words.n, words.word, p.title
    limit 1`;
  expect(pick, 'a seeded title with a long word').toBeTruthy();
  const { word, title } = pick!;

  await page.goto('/search');
  await page.getByRole('searchbox', { name: 'Search' }).fill(word);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(`/search?q=${word}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Results for “${word}”`);
  await expect(
    page.getByTestId('prompt-card').getByRole('heading', { name: title, exact: true }),
  ).toBeVisible();

  // One letter changed: the last one, to a letter it was not.
  const typo = `${word.slice(0, -1)}${word.endsWith('x') ? 'q' : 'x'}`;
  await page.goto(`/search?q=${typo}`);
  await expect(page.getByTestId('prompt-card').first()).toBeVisible();
  await expect(
    page.getByTestId('prompt-card').getByRole('heading', { name: title, exact: true }),
  ).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('model and free filters narrow the results and stay in the URL', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const [busiest] = await sql<{ model: string; n: number }[]>`
    select target_model as model, count(*)::int as n from public.prompts
    where status = 'published' and price_amount = 0
    group by target_model order by n desc limit 1`;
  const model = busiest!.model;
  const label = MODEL_LABELS[model]!;

  await page.goto('/search');
  const cards = page.getByTestId('prompt-card');
  await expect(cards).toHaveCount(24);
  await page.getByLabel('Model').selectOption(model);
  await page.getByLabel('Free only').check();
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(`/search?model=${model}&free=true`);
  await expect(cards).toHaveCount(Math.min(24, busiest!.n));
  for (const card of await cards.all()) {
    await expect(card.locator('.pill')).toHaveText(label);
    await expect(card.getByTestId('prompt-card-price')).toHaveText('Free');
  }

  // The filters survive a reload (they live in the URL) and travel with "Load more".
  await page.reload();
  await expect(page.getByLabel('Model')).toHaveValue(model);
  await expect(page.getByLabel('Free only')).toBeChecked();
  if (busiest!.n > 24) {
    await page.getByTestId('load-more').click();
    await expect(page).toHaveURL(new RegExp(`model=${model}&free=true&cursor=`));
    await expect(cards.first()).toBeVisible();
    await expect(cards.first().getByTestId('prompt-card-price')).toHaveText('Free');
  }

  // A maximum below the minimum is explained beside the field, not a crash.
  await page.goto('/search?minPrice=10&maxPrice=2');
  await expect(page.getByTestId('search-error')).toContainText('Maximum price');
  await expect(page.getByLabel('Maximum')).toHaveAttribute('aria-invalid', 'true');
  expect(consoleErrors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search form still searches and filters', async ({ page }) => {
    await page.goto('/search');
    await page.getByLabel('Model').selectOption('midjourney');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(page).toHaveURL(/\/search\?q=&category=&model=midjourney&/);
    await expect(page.getByTestId('prompt-card').first()).toBeVisible();
    for (const card of (await page.getByTestId('prompt-card').all()).slice(0, 5)) {
      await expect(card.locator('.pill')).toHaveText('Midjourney');
    }
  });

  test('the demo buyer favorites a prompt and removes it again', async ({ page }) => {
    const [prompt] = await sql<{ id: string; slug: string; title: string }[]>`
      select p.id, p.slug, p.title from public.prompts p
      where p.status = 'published'
        and not exists (select 1 from public.favorites f join auth.users u on u.id = f.user_id
                        where f.prompt_id = p.id and u.email = ${BUYER.email})
      order by p.published_at desc, p.slug limit 1`;
    await signInAsBuyer(page, `/p/${prompt!.slug}`);
    await page.getByRole('button', { name: 'Add to favorites' }).click();
    await expect(page).toHaveURL(`/p/${prompt!.slug}`);
    await expect(page.getByTestId('favorite-toggle')).toHaveText('♥ In your favorites');

    await page.goto('/account/favorites');
    const card = page.getByTestId('prompt-card').filter({ hasText: prompt!.title });
    await card.getByRole('button', { name: /Remove/ }).click();
    await expect(page).toHaveURL('/account/favorites?removed=1');
    await expect(card).toHaveCount(0);
  });
});

test('a prompt page shows its gallery, versions and seller, and never the template', async ({
  page,
}) => {
  const consoleErrors = collectConsoleErrors(page);
  const [prompt] = await sql<{ id: string; slug: string; title: string }[]>`
    select p.id, p.slug, p.title from public.prompts p
    where p.status = 'published'
      and (select count(*) from public.prompt_assets a where a.prompt_id = p.id) >= 2
      and (select count(*) from public.prompt_versions v
           where v.prompt_id = p.id and v.status = 'published') >= 2
    order by p.slug limit 1`;
  expect(prompt, 'a seeded prompt with examples and versions').toBeTruthy();
  const templates = await sql<{ template: string }[]>`
    select template from public.prompt_templates t join public.prompts p on p.id = t.prompt_id
    where p.slug = ${prompt!.slug}`;
  const [first] = await sql<{ template: string }[]>`
    select template from prompt_templates t join prompts p on p.id = t.prompt_id
    where p.slug = ${prompt!.slug} limit 1`;
  expect(first!.template.length).toBeGreaterThan(0);
  const versions = await sql<{ version: number; changelog: string }[]>`
    select version, changelog from public.prompt_versions
    where prompt_id = ${prompt!.id} and status = 'published' order by version desc`;

  const response = await page.goto(`/p/${prompt!.slug}`);
  expect(response?.status()).toBe(200);
  expect(response!.headers()['cache-control']).toBe(PUBLIC_CACHE);
  const html = await response!.text();
  for (const { template } of [first!, ...templates]) {
    const start = template.slice(0, 40);
    expect(html).not.toContain(start);
    expect(html).not.toContain(escapeHtml(start));
    expect(html).not.toContain(JSON.stringify(start).slice(1, -1));
  }
  expect(await page.locator('body').textContent()).not.toContain(first!.template.slice(0, 40));

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(prompt!.title);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', prompt!.title);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'product');
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^http/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /\S/);

  const images = page.getByTestId('gallery-image');
  expect(await images.count()).toBeGreaterThanOrEqual(2);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect(image).toHaveAttribute('alt', /\S/);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  }
  const fullSize = await page.locator('.gallery-link').first().getAttribute('href');
  const full = await page.request.get(fullSize!);
  expect(full.status()).toBe(200);
  expect(full.headers()['content-type']).toMatch(/^image\//);

  await expect(page.getByTestId('version')).toHaveCount(versions.length);
  await expect(page.getByTestId('version').first()).toContainText(
    `Version ${versions[0]!.version}`,
  );
  if (versions[0]!.changelog) {
    await expect(page.getByTestId('changelog').first()).toHaveText(versions[0]!.changelog);
  }
  await expect(page.getByTestId('review-summary')).toBeVisible();
  await expect(page.getByTestId('seller-card').getByRole('link')).toHaveAttribute(
    'href',
    /^\/sellers\//,
  );
  // Signed out, Buy is a link to sign in (the page stays cacheable, with no form).
  const buy = page.getByTestId('buy');
  await expect(buy).toHaveAttribute(
    'href',
    `/signin?redirectTo=${encodeURIComponent(`/p/${prompt!.slug}`)}`,
  );
  await expect(buy).toContainText(/Buy|Get it free/);
  await expect(
    page.getByRole('link', { name: 'Sign in to save it to your favorites' }),
  ).toHaveAttribute('href', `/signin?redirectTo=${encodeURIComponent(`/p/${prompt!.slug}`)}`);
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('an unknown prompt is a 404 page', async ({ page }) => {
  const response = await page.goto('/p/no-such-prompt-anywhere');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Prompt not found' })).toBeVisible();
  await expect(page).toHaveTitle(/not found/i);
});

test('the demo buyer favorites a prompt, finds it in favorites and removes it', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const consoleErrors = collectConsoleErrors(page);
  const [prompt] = await sql<{ id: string; slug: string; title: string }[]>`
    select p.id, p.slug, p.title from public.prompts p
    where p.status = 'published'
      and not exists (select 1 from public.favorites f join auth.users u on u.id = f.user_id
                      where f.prompt_id = p.id and u.email = ${BUYER.email})
      and not exists (select 1 from public.entitlements e join auth.users u on u.id = e.user_id
                      where e.prompt_id = p.id and u.email = ${BUYER.email})
    order by p.sales_count desc, p.slug limit 1`;
  const path = `/p/${prompt!.slug}`;
  const favoriteRows = () => sql`
    select 1 from public.favorites f join auth.users u on u.id = f.user_id
    where f.prompt_id = ${prompt!.id} and u.email = ${BUYER.email}`;

  await page.goto(path);
  await page.getByRole('link', { name: 'Sign in to save it to your favorites' }).click();
  await expect(page).toHaveURL(/\/signin\?redirectTo=/);
  await page.getByLabel('E-mail').fill(BUYER.email);
  await page.getByLabel('Password').fill(BUYER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(path);

  // Signed in, the page is the viewer's own: never stored by a cache.
  const again = await page.request.get(path);
  expect(again.headers()['cache-control']).toBe('private, no-store');

  const toggle = page.getByTestId('favorite-toggle');
  await expect(toggle).toHaveText('♡ Add to favorites');
  await toggle.click();
  await expect(toggle).toHaveText('♥ In your favorites');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await favoriteRows()).length).toBe(1);
  await page.reload();
  await expect(page.getByTestId('favorite-toggle')).toHaveText('♥ In your favorites');

  await page.getByRole('banner').getByRole('link', { name: 'Favorites' }).click();
  await expect(page).toHaveURL('/account/favorites');
  const card = page.getByTestId('prompt-card').filter({ hasText: prompt!.title });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: /Remove/ }).click();
  await expect(page.getByRole('status')).toContainText('Removed from your favorites');
  await expect(card).toHaveCount(0);
  await expect.poll(async () => (await favoriteRows()).length).toBe(0);

  await page.goto(path);
  await expect(page.getByTestId('favorite-toggle')).toHaveText('♡ Add to favorites');
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('a prompt the demo buyer owns says "In your library"', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const [owned] = await sql<{ slug: string }[]>`
    select p.slug from public.entitlements e
    join auth.users u on u.id = e.user_id
    join public.prompts p on p.id = e.prompt_id
    where u.email = ${BUYER.email} and e.status = 'active' and p.status = 'published'
    order by p.slug limit 1`;
  expect(owned, 'the demo buyer owns a published prompt').toBeTruthy();
  await signInAsBuyer(page, `/p/${owned!.slug}`);
  await expect(page.getByTestId('owned')).toContainText('In your library');
  await expect(page.getByTestId('buy')).toHaveCount(0);
  await expect(page.getByTestId('open-in-library')).toHaveAttribute('href', /^\/library\//);
  expect(consoleErrors).toEqual([]);
});

test('the seller sees "Edit" and the status on their own prompt', async ({ page }) => {
  const [own] = await sql<{ id: string; slug: string }[]>`
    select p.id, p.slug from public.prompts p join auth.users u on u.id = p.seller_id
    where u.email = 'seller@promptnx.dev' and p.status = 'published' order by p.slug limit 1`;
  await page.goto(`/signin?redirectTo=${encodeURIComponent(`/p/${own!.slug}`)}`);
  await page.getByLabel('E-mail').fill('seller@promptnx.dev');
  await page.getByLabel('Password').fill(BUYER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`/p/${own!.slug}`);
  const box = page.getByTestId('action-box');
  await expect(box.getByRole('link', { name: 'Edit' })).toHaveAttribute(
    'href',
    `/sell/prompts/${own!.id}`,
  );
  await expect(box.getByTestId('prompt-status')).toHaveText('Published');
  await expect(box.getByTestId('buy')).toHaveCount(0);
  await expect(box.getByTestId('favorite-toggle')).toHaveCount(0);
});

test('the seller page lists the seller’s prompts', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const [seller] = await sql<{ username: string; display_name: string; n: number }[]>`
    select pr.username, pr.display_name, count(p.id)::int as n
    from public.profiles pr join public.prompts p on p.seller_id = pr.id
    where p.status = 'published' and pr.username is not null
    group by pr.id order by (pr.username = 'demo_seller') desc, n desc limit 1`;
  const [one] = await sql<{ slug: string }[]>`
    select p.slug from public.prompts p join public.profiles pr on pr.id = p.seller_id
    where pr.username = ${seller!.username} and p.status = 'published' order by p.slug limit 1`;

  await page.goto(`/p/${one!.slug}`);
  await page.getByTestId('seller-card').getByRole('link', { name: seller!.display_name }).click();
  await expect(page).toHaveURL(`/sellers/${seller!.username}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seller!.display_name);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'profile');
  const cards = page.getByTestId('prompt-card');
  await expect(cards).toHaveCount(Math.min(24, seller!.n));
  for (const card of (await cards.all()).slice(0, 6)) {
    await expect(card).toContainText(`by ${seller!.display_name}`);
  }
  if (seller!.n > 24) {
    await page.getByTestId('load-more').click();
    await expect(page).toHaveURL(/\?cursor=/);
    await expect(cards.first()).toContainText(`by ${seller!.display_name}`);
  }
  expect(consoleErrors).toEqual([]);
});
