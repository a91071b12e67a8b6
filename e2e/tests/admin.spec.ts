import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_BUYER, DEMO_SELLER, signIn } from '../support/buyers';
import { collectConsoleErrors } from '../support/console';
import { reportedReview, submitPrompt } from '../support/moderation';
import { DEMO_ADMIN } from '../support/sellers';

test.use({ baseURL: process.env.E2E_BASE_URL });

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

// Letters only, so the search finds this prompt by this one word.
const WORD = `Origamiflotilla${Array.from({ length: 5 }, () =>
  String.fromCharCode(97 + Math.floor(Math.random() * 26)),
).join('')}`;
const TITLE = `${WORD} paper boats in the rain`;
const TEMPLATE =
  'Write a bedtime story about a fleet of folded paper boats racing down a rainy street at night, told by the smallest boat.';
const REVIEW_TEXT = 'Total garbage and the seller is a fraud, do not buy from these crooks!';
const HIDE_REASON = 'Insults the seller instead of reviewing the prompt.';

test('an admin approves a pending prompt, hides a reported review, and finds both in the audit log', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  const submitted = await submitPrompt(DEMO_SELLER.email, { title: TITLE, template: TEMPLATE });
  const review = await reportedReview(sql, { reporterEmail: DEMO_BUYER.email, body: REVIEW_TEXT });

  await test.step('the header links the console for an admin', async () => {
    await signIn(page, DEMO_ADMIN, '/');
    await page.getByRole('banner').getByTestId('admin-link').click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page).toHaveTitle('Admin — PromptNX');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Admin console');
    await expect(page.getByTestId('count-prompts-pending').locator('strong')).not.toHaveText('0');
  });

  const adminNav = page.getByRole('navigation', { name: 'Admin console' });

  await test.step('approve the submitted prompt: it is found by search at once', async () => {
    await adminNav.getByRole('link', { name: 'Prompts' }).click();
    await expect(page).toHaveURL(/\/admin\/prompts$/);
    await expect(page.getByTestId('prompt-row').first()).toBeVisible();
    // The demo data has a long queue, oldest first: find this one by its word.
    await page.getByLabel('Words').fill(WORD);
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/prompts\\?q=${WORD}$`));
    const row = page.getByTestId('prompt-row').filter({ hasText: TITLE });
    await expect(page.getByTestId('prompt-row')).toHaveCount(1);
    await expect(row).toContainText('Version 1');
    // The queue never shows a template; the item view does, to an admin.
    await expect(page.getByTestId('prompt-queue')).not.toContainText(TEMPLATE);
    await row.getByRole('link', { name: TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/prompts/${submitted.id}$`));
    await expect(page.getByTestId('admin-template').first()).toHaveText(TEMPLATE);
    await expect(page.getByTestId('prompt-admin-status')).toHaveText('In review');
    await page.screenshot({ path: `${SCREENSHOTS}admin-prompt.png`, fullPage: true });
    await page
      .getByTestId('approve-form')
      .getByRole('button', { name: /Approve version 1/ })
      .click();
    await expect(page.getByRole('status')).toContainText('Approved');
    await expect(page.getByTestId('prompt-admin-status')).toHaveText('Published');

    await page.goto(`/search?q=${WORD}`);
    await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  });

  await test.step('hide the reported review: the prompt’s rating changes at once', async () => {
    await page.goto(`/p/${review.slug}`);
    const header = page.locator('.prompt-header');
    await expect(header).toContainText(`(${review.before.count} ratings)`);

    await page.goto('/admin');
    await adminNav.getByRole('link', { name: 'Reviews' }).click();
    await page
      .getByRole('navigation', { name: 'Review queues' })
      .getByRole('link', { name: 'Reported' })
      .click();
    await expect(page).toHaveURL(/\/admin\/reviews\?queue=reported$/);
    await page.getByLabel('Words').fill('crooks');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/\/admin\/reviews\?queue=reported&q=crooks$/);
    const row = page.getByTestId('review-row').filter({ hasText: REVIEW_TEXT.slice(0, 40) });
    await expect(row).toContainText('1 open: Offensive');
    await row.getByRole('link', { name: /^Open: Review of/ }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/reviews/${review.reviewId}$`));
    await expect(page.getByTestId('review-status')).toHaveText('Published');
    await expect(page.getByTestId('review-body')).toContainText(REVIEW_TEXT);
    await expect(page.getByTestId('report-list')).toContainText('Insults the seller');

    // A reason is required: without one the form says so next to the field.
    const hide = page.getByTestId('hide-form');
    await hide.getByRole('button', { name: 'Hide review' }).click();
    await expect(hide.getByLabel('Why it is hidden')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('review-status')).toHaveText('Published');
    await hide.getByLabel('Why it is hidden').fill(HIDE_REASON);
    await hide.getByRole('button', { name: 'Hide review' }).click();
    await expect(page.getByRole('status')).toContainText('Hidden');
    await expect(page.getByTestId('review-status')).toHaveText('Hidden');
    await expect(page.getByTestId('report-list')).toContainText('resolved');
    await page.screenshot({ path: `${SCREENSHOTS}admin-review.png`, fullPage: true });

    await page.goto(`/p/${review.slug}`);
    await expect(header).toContainText(`(${review.after.count} ratings)`);
    await expect(header).toContainText(`Rated ${review.after.average.toFixed(1)} out of 5`);
  });

  await test.step('the audit log shows both decisions, with before and after', async () => {
    await page.goto('/admin');
    await adminNav.getByRole('link', { name: 'Audit log' }).click();
    await expect(page).toHaveURL(/\/admin\/audit$/);
    const approved = page
      .getByTestId('audit-row')
      .filter({ hasText: 'prompt.approved' })
      .filter({ has: page.locator(`a[href="/admin/prompts/${submitted.id}"]`) });
    await expect(approved).toHaveCount(1);
    await expect(approved).toContainText('PromptNX Admin');
    await expect(approved).toContainText('pending_review');
    const hidden = page.getByTestId('audit-row').filter({ hasText: HIDE_REASON });
    await expect(hidden).toHaveCount(1);
    await expect(hidden).toContainText('review.hidden');
    await expect(hidden.locator('del').first()).toHaveText('published');
    await expect(hidden.locator('ins').first()).toHaveText('hidden');

    await page.getByLabel('Action').fill('review.*');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/action=review\.\*/);
    await expect(page.getByTestId('audit-row').filter({ hasText: HIDE_REASON })).toHaveCount(1);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'prompt.approved' })).toHaveCount(
      0,
    );
    await page.screenshot({ path: `${SCREENSHOTS}admin-audit.png`, fullPage: true });
  });

  expect(consoleErrors).toEqual([]);
});

test('a buyer gets no console: no header link, and a 403 page', async ({ page }) => {
  await signIn(page, DEMO_BUYER, '/');
  await expect(page.getByRole('banner').getByTestId('admin-link')).toHaveCount(0);
  const response = await page.goto('/admin/reviews');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Admins only');
  await expect(page.getByRole('navigation', { name: 'Admin console' })).toHaveCount(0);
});
