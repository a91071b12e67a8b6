import { expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { createSignedInUser } from '../support/accounts';
import { collectConsoleErrors } from '../support/console';
import { makePng, SMALL_JPEG } from '../support/images';
import { approvePrompt, createSignedInSeller } from '../support/sellers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

/** Every image in `scope` was really loaded by the browser. */
async function expectImagesLoaded(page: Page, selector: string, count: number) {
  const images = page.locator(selector);
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  }
}

// A word no seeded title has, so search finds this prompt on the first page.
const WORD = 'Lanternfloatia';
const TITLE = `${WORD} paper lanterns on a night river`;
// One letter changed in the middle of the word.
const TYPO = 'Lanternflaatia';
const CHANGELOG_2 = 'Sharper lantern edges and a warmer glow on the water.';

const LANTERN_PNG = makePng(480, 320, {
  top: [18, 24, 64],
  bottom: [8, 40, 72],
  glow: [255, 190, 90],
});

test('a seller writes a prompt with two versions and examples, submits it; once approved anyone finds it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page, { expected4xx: [/\/assets$/] });
  await createSignedInSeller(page, 'Lantern Studio');

  await test.step('from /sell to a new draft', async () => {
    await page.goto('/sell');
    await page
      .getByTestId('seller-prompts-links')
      .getByRole('link', { name: 'Your prompts' })
      .click();
    await expect(page).toHaveURL(/\/sell\/prompts$/);
    await expect(page.getByTestId('seller-prompts-empty')).toBeVisible();
    await page.getByRole('link', { name: 'New prompt' }).click();
    await expect(page).toHaveURL(/\/sell\/prompts\/new$/);
    await expect(page).toHaveTitle('New prompt — PromptNX');

    // A price that is not dollars comes back next to its field, with what was typed.
    await page.getByLabel('Title').fill(TITLE);
    await page
      .getByLabel('Description')
      .fill('Floating paper lanterns shaped like anything you like, glowing over a dark river.');
    await page.getByLabel('Category').selectOption('art');
    await page.getByLabel('Target model').selectOption('midjourney');
    await page.getByLabel('Tags').fill('lanterns, Paper craft, night');
    await page.getByLabel('Price in US dollars').fill('four dollars');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page.getByText('Enter a price in dollars, like 4.99.')).toBeVisible();
    await expect(page.getByLabel('Price in US dollars')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Title')).toHaveValue(TITLE);

    await page.getByLabel('Price in US dollars').fill('4.99');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(/\/sell\/prompts\/[0-9a-f-]{36}\?notice=created$/);
    await expect(page.getByRole('status')).toContainText('Your draft is saved');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await expect(page.getByTestId('prompt-status').first()).toHaveText('Draft');
    await expect(page).toHaveTitle(`Edit “${TITLE}” — PromptNX`);
  });
  const promptId = new URL(page.url()).pathname.split('/').at(-1)!;

  await test.step('version 1 with a [subject] variable', async () => {
    const form = page.getByTestId('add-version-form');
    await form
      .getByLabel('Template')
      .fill('A glowing paper lantern shaped like [subject], floating over a night river --ar 3:2');
    // The template's placeholder is not declared yet: the hint says so and adds the row.
    const hint = form.getByTestId('placeholder-hint');
    await expect(hint).toContainText('Not declared yet: [subject]');
    await hint.getByRole('button', { name: 'Add a row for it' }).click();
    await expect(form.getByLabel('Variable 1 name')).toHaveValue('subject');
    await expect(hint).not.toContainText('Not declared yet');
    await form.getByLabel('Variable 1 description').fill('What the lantern looks like');
    await form.getByLabel('Variable 1 example').fill('a koi fish');
    await form.getByLabel('Usage instructions').fill('Paste into Midjourney; keep --ar 3:2.');
    await form.getByLabel('Model parameters').fill('stylize=250\nchaos=10\nraw=true');
    await form.getByRole('checkbox', { name: 'Midjourney' }).check();
    await form.getByLabel('Changelog').fill('First release.');
    await form.getByRole('button', { name: 'Add version 1' }).click();

    await expect(page.getByRole('status')).toHaveText('The version is added.');
    const version1 = page.getByTestId('editor-version').filter({ hasText: 'Version 1' });
    await expect(version1.getByTestId('version-status')).toHaveText('Draft');
    await expect(version1.getByLabel('Variable 1 name')).toHaveValue('subject');
    // Typed values, shown by key.
    await expect(version1.getByLabel('Model parameters')).toHaveValue(
      'chaos=10\nraw=true\nstylize=250',
    );
  });

  await test.step('an API field error comes back next to its field', async () => {
    const version1 = page.getByTestId('version-form-1');
    await version1.getByLabel('Variable 2 name').fill('mood');
    await version1.getByRole('button', { name: 'Save version 1' }).click();
    await expect(version1.getByText('[mood] does not appear in the template')).toBeVisible();
    await expect(version1.getByLabel('Variable 2 name')).toHaveAttribute('aria-invalid', 'true');
    await version1.getByLabel('Variable 2 name').fill('');
    await version1.getByRole('button', { name: 'Save version 1' }).click();
    await expect(page.getByRole('status')).toHaveText('The version is saved.');
  });

  await test.step('two example outputs, with upload progress', async () => {
    const upload = page.getByTestId('asset-upload');
    await upload.getByLabel('Example images').setInputFiles([
      { name: 'koi-lantern.png', mimeType: 'image/png', buffer: LANTERN_PNG },
      { name: 'river.jpg', mimeType: 'image/jpeg', buffer: SMALL_JPEG },
    ]);
    await upload.getByLabel('Alt text').fill('Paper lanterns glowing over a dark river');
    await upload.getByLabel('Made with').selectOption({ label: 'Version 1' });
    await upload.getByRole('button', { name: 'Upload images' }).click();

    const items = upload.getByTestId('upload-item');
    await expect(items).toHaveCount(2);
    for (const item of await items.all()) {
      await expect(item).toContainText('uploaded, 100%');
      await expect(item.locator('progress')).toHaveAttribute('value', '100');
    }
    await expect(page.getByTestId('asset-item')).toHaveCount(2);
    await expectImagesLoaded(page, '[data-testid="asset-item"] img', 2);
    await expect(page.getByTestId('asset-item').first()).toContainText('version 1');
  });

  await test.step('an HTML file named .png is refused, and nothing is stored', async () => {
    const upload = page.getByTestId('asset-upload');
    await upload.getByLabel('Example images').setInputFiles({
      name: 'not-an-image.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<!doctype html><title>x</title><p>Hello</p>'),
    });
    await upload.getByRole('button', { name: 'Upload images' }).click();
    await expect(upload.getByRole('alert')).toHaveText(
      '“not-an-image.png” is not a PNG, JPEG or WebP image.',
    );
    await expect(page.getByTestId('asset-item')).toHaveCount(2);
    const [stored] = await sql<{ n: number }[]>`
      select count(*)::int as n from public.prompt_assets where prompt_id = ${promptId}`;
    expect(stored?.n).toBe(2);
  });

  await test.step('version 2, a copy of version 1 with a changelog', async () => {
    // Folded while a version exists; it opens as a copy of the newest one.
    await page.getByTestId('add-version-toggle').click();
    const form = page.getByTestId('add-version-form');
    await expect(form.getByLabel('Template')).toHaveValue(/shaped like \[subject\]/);
    await expect(form.getByLabel('Variable 1 name')).toHaveValue('subject');
    await form
      .getByLabel('Template')
      .fill(
        'A glowing paper lantern shaped like [subject], crisp folds, warm light on a night river --ar 3:2',
      );
    await form.getByLabel('Changelog').fill(CHANGELOG_2);
    await form.getByRole('button', { name: 'Add version 2' }).click();
    await expect(page.getByRole('status')).toHaveText('The version is added.');
    await expect(page.getByTestId('editor-version')).toHaveCount(2);
  });

  await page.screenshot({ path: `${SCREENSHOTS}editor-draft.png`, fullPage: true });

  await test.step('submit for review', async () => {
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect(page.getByRole('status')).toContainText('Submitted for review');
    await expect(page.getByTestId('prompt-status').first()).toHaveText('In review');
    await expect(page.getByTestId('review-note')).toBeVisible();
    // In review, nothing can be changed: no forms, no upload, the versions read-only.
    await expect(page.getByTestId('listing-form')).toHaveCount(0);
    await expect(page.getByTestId('asset-upload')).toHaveCount(0);
    await expect(page.getByTestId('version-view')).toHaveCount(2);
    await expect(page.getByRole('button', { name: 'Submit for review' })).toHaveCount(0);

    await page.getByRole('link', { name: 'Your prompts' }).click();
    const row = page.getByTestId('seller-prompt').filter({ hasText: TITLE });
    await expect(row.getByTestId('prompt-status')).toHaveText('In review');
    await page.screenshot({ path: `${SCREENSHOTS}seller-prompts.png`, fullPage: true });
  });

  await test.step('an admin approves it through the API', async () => {
    await approvePrompt(promptId);
    await page.goto(`/sell/prompts/${promptId}`);
    await expect(page.getByTestId('prompt-status').first()).toHaveText('Published');
    await expect(page.getByTestId('version-status')).toHaveText(['Published', 'Published']);
    await expect(page.getByTestId('version-view').first()).toContainText(
      'A published version never changes',
    );
    await expect(page.getByRole('link', { name: 'View public page' })).toBeVisible();
  });

  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);

  await test.step('a visitor finds it with a typo and sees its examples and changelog', async () => {
    const visitor = await (
      await browser.newContext({ baseURL: process.env.E2E_BASE_URL })
    ).newPage();
    const visitorErrors = collectConsoleErrors(visitor, { expected4xx: [/\/assets$/] });
    await visitor.goto(`/search?q=${encodeURIComponent(TYPO)}`);
    const card = visitor
      .getByTestId('prompt-card')
      .filter({ has: visitor.getByRole('heading', { name: TITLE, exact: true }) });
    await expect(card).toBeVisible();
    await card.getByRole('link', { name: TITLE }).click();
    await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    await expectImagesLoaded(visitor, '[data-testid="gallery-image"]', 2);
    await expect(visitor.getByTestId('version')).toHaveCount(2);
    await expect(visitor.getByTestId('changelog').first()).toHaveText(CHANGELOG_2);
    await expect(visitor.getByText('What the lantern looks like').first()).toBeVisible();
    // Never the template.
    await expect(visitor.getByText('crisp folds')).toHaveCount(0);
    await visitor.screenshot({ path: `${SCREENSHOTS}prompt-page.png`, fullPage: true });
    await visitor.waitForLoadState('networkidle');
    expect(visitorErrors).toEqual([]);
    await visitor.context().close();
  });

  await test.step('its seller gets an Edit link on the prompt page', async () => {
    await page.getByRole('link', { name: 'View public page' }).click();
    await expect(
      page.getByTestId('action-box').getByRole('link', { name: 'Edit' }),
    ).toHaveAttribute('href', `/sell/prompts/${promptId}`);
  });
});

test('someone who does not sell is sent to /sell; a signed-out visitor to sign in', async ({
  page,
}) => {
  await page.goto('/sell/prompts/new');
  await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fsell%2Fprompts%2Fnew$/);

  await createSignedInUser(page, 'Just Buying');
  await page.goto('/sell/prompts');
  await expect(page).toHaveURL(/\/sell$/);
  await expect(page.getByRole('button', { name: 'Become a seller' })).toBeVisible();
  await page.goto('/sell/prompts/new');
  await expect(page).toHaveURL(/\/sell$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a seller creates a draft, adds a version and uploads an image with plain forms', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await createSignedInSeller(page, 'Plain Forms');
    const response = await page.goto('/sell/prompts/new');
    expect(response?.headers()['cache-control']).toBe('private, no-store');
    await page.getByLabel('Title').fill('Plain form haiku helper');
    await page.getByLabel('Description').fill('Writes haiku about anything, in plain forms.');
    await page.getByLabel('Category').selectOption('writing');
    await page.getByLabel('Target model').selectOption('claude');
    await page.getByLabel('Free').check();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expect(page).toHaveURL(/\/sell\/prompts\/[0-9a-f-]{36}\?notice=created$/);
    await expect(page.getByText('Free', { exact: true }).first()).toBeVisible();

    const form = page.getByTestId('add-version-form');
    await form.getByLabel('Template').fill('Write a haiku about [topic] in a [tone] voice.');
    // The spare rows are there without JavaScript.
    await form.getByLabel('Variable 1 name').fill('topic');
    await form.getByLabel('Variable 2 name').fill('tone');
    await form.getByLabel('Variable 2 type').selectOption('choice');
    await form.getByLabel('Variable 2 options').fill('calm, playful');
    await form.getByLabel('Variable 2 example').fill('calm');
    await form.getByLabel('Model parameters').fill('temperature=0.7');
    await form.getByRole('button', { name: 'Add version 1' }).click();
    await expect(page.getByRole('status')).toHaveText('The version is added.');
    await expect(page.getByTestId('version-form-1').getByLabel('Variable 2 options')).toHaveValue(
      'calm, playful',
    );

    const upload = page.getByTestId('asset-upload');
    await upload.getByLabel('Example images').setInputFiles({
      name: 'haiku.png',
      mimeType: 'image/png',
      buffer: makePng(120, 80, {
        top: [240, 240, 230],
        bottom: [200, 210, 220],
        glow: [90, 90, 140],
      }),
    });
    await upload.getByRole('button', { name: 'Upload images' }).click();
    await expect(page).toHaveURL(/\?uploaded=1#examples$/);
    await expect(page.getByRole('status')).toHaveText('The image is uploaded.');
    await expect(page.getByTestId('asset-item')).toHaveCount(1);
  });
});
