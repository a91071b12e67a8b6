import { expect, test } from '@playwright/test';

test.use({ baseURL: process.env.E2E_BASE_URL });

test('the home page shows the seeded categories through the whole stack', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const apiResponse = await fetch(`${process.env.E2E_API_URL}/api/categories`);
  const { items } = (await apiResponse.json()) as { items: { name: string }[] };
  expect(items.length).toBeGreaterThanOrEqual(12);

  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(/PromptNX/);
  const cards = page.getByTestId('category-card');
  await expect(cards).toHaveCount(items.length);
  for (const item of items.slice(0, 3)) {
    await expect(page.getByRole('heading', { name: item.name, exact: true })).toBeVisible();
  }
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('an unknown page shows the error boundary with a 404', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('main')).toContainText(/not found/i);
});
