import type { Page } from '@playwright/test';

export const PASSWORD = 'correct horse battery';

/** A fresh e-mail address for one test. */
export function uniqueEmail(prefix = 'e2e') {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** The newest link to the storefront's /auth/confirm in the e-mails captured for `to`. */
export async function confirmationLink(to: string): Promise<string> {
  const response = await fetch(
    `${process.env.E2E_API_URL}/api/dev/mailbox?to=${encodeURIComponent(to)}`,
  );
  if (!response.ok) throw new Error(`dev mailbox answered ${response.status}`);
  const { items } = (await response.json()) as { items: { text: string; createdAt: string }[] };
  const newest = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const link = newest?.text.match(/https?:\/\/\S+\/auth\/confirm\?\S+/)?.[0];
  if (!link) throw new Error(`no confirmation link was e-mailed to ${to}`);
  return link;
}

/**
 * A confirmed account, signed in on `page`: signed up through the auth API, confirmed
 * through the e-mailed link, which the browser follows.
 */
export async function createSignedInUser(page: Page, displayName = 'E2E Buyer') {
  const email = uniqueEmail();
  const response = await fetch(`${process.env.E2E_API_URL}/auth/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, data: { display_name: displayName } }),
  });
  if (!response.ok) throw new Error(`sign-up answered ${response.status}`);
  await page.goto(await confirmationLink(email));
  return { email, password: PASSWORD, displayName };
}
