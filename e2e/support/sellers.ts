import { expect, type Page } from '@playwright/test';
import { createSignedInUser } from './accounts';

/** The seeded admin (packages/db seed), who approves submitted prompts. */
export const DEMO_ADMIN = { email: 'admin@promptnx.dev', password: 'promptnx-demo' };

/**
 * A new seller, signed in on `page`: a confirmed account that became a seller on /sell
 * (embedded mode enables selling at once).
 */
export async function createSignedInSeller(page: Page, displayName = 'E2E Seller') {
  const account = await createSignedInUser(page, displayName);
  await page.goto('/sell');
  await page.getByRole('button', { name: 'Become a seller' }).click();
  await expect(page.getByTestId('seller-state')).toHaveText('Active');
  return account;
}

/** An access token of the seeded admin, from the auth API. */
export async function adminAccessToken(): Promise<string> {
  const response = await fetch(`${process.env.E2E_API_URL}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_ADMIN),
  });
  if (!response.ok) throw new Error(`admin sign-in answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Approves a submitted prompt as the admin, through the API (what the console will do). */
export async function approvePrompt(promptId: string): Promise<void> {
  const response = await fetch(`${process.env.E2E_API_URL}/api/admin/prompts/${promptId}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await adminAccessToken()}`, accept: 'application/json' },
  });
  if (!response.ok) {
    throw new Error(`approve answered ${response.status}: ${await response.text()}`);
  }
}
