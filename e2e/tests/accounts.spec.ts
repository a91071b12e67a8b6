import { expect, test } from '@playwright/test';
import { confirmationLink, createSignedInUser, PASSWORD, uniqueEmail } from '../support/accounts';
import { collectConsoleErrors } from '../support/console';

test.use({ baseURL: process.env.E2E_BASE_URL });

// An 8×8 indigo PNG, small enough to live here.
const AVATAR_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGNwtjiFFTEMLQkAndlRQQ2vpbIAAAAASUVORK5CYII=',
  'base64',
);

test('a new user signs up, confirms, edits the profile, sells, signs out and in again', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const consoleErrors = collectConsoleErrors(page);
  const email = uniqueEmail();
  const suffix = email.slice(4, email.indexOf('@'));
  const password = PASSWORD;
  const header = page.getByRole('banner');

  await test.step('sign up', async () => {
    await page.goto('/');
    await header.getByRole('link', { name: 'Sign up' }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Display name').fill('E2E Newcomer');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByRole('heading', { name: 'Check your e-mail' })).toBeVisible();
  });

  await test.step('signing in before confirming asks to confirm', async () => {
    await page.goto('/signin');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('confirm your e-mail');
  });

  await test.step('open the dev mailbox and follow the confirmation link', async () => {
    await page.getByRole('link', { name: 'dev mailbox' }).click();
    await expect(page).toHaveURL(/\/dev\/mailbox\?to=/);
    const mails = page.getByTestId('mail-item');
    await expect(mails).toHaveCount(1);
    await mails.first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('dd').first()).toHaveText(email);
    // The HTML body is shown only inside a sandboxed frame.
    await expect(page.locator('iframe.mail-html')).toHaveAttribute('sandbox', '');
    await page
      .getByTestId('mail-text')
      .getByRole('link', { name: /\/auth\/confirm/ })
      .click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(header.getByTestId('signed-in-as')).toHaveText('E2E Newcomer');
  });

  const username = `e2e_${suffix}`.slice(0, 30);
  await test.step('edit the profile', async () => {
    await page.getByLabel('Display name').fill('Ada E2E');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Bio').fill('I write prompts for code review.');
    await page.getByLabel('Link 1 label').fill('Website');
    await page.getByLabel('Link 1 address').fill('https://example.com/ada');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status')).toHaveText('Your profile is saved.');
    await expect(header.getByTestId('signed-in-as')).toHaveText('Ada E2E');

    // Saved on the server, not just kept in the form.
    await page.reload();
    await expect(page.getByLabel('Display name')).toHaveValue('Ada E2E');
    await expect(page.getByLabel('Username')).toHaveValue(username);
    await expect(page.getByLabel('Bio')).toHaveValue('I write prompts for code review.');
    await expect(page.getByLabel('Link 1 address')).toHaveValue('https://example.com/ada');
  });

  await test.step('a field error comes back next to its field', async () => {
    await page.getByLabel('Link 2 label').fill('Broken');
    await page.getByLabel('Link 2 address').fill('ftp://example.com');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Must be an http(s) URL')).toBeVisible();
    await expect(page.getByLabel('Link 2 address')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Link 2 label').fill('');
    await page.getByLabel('Link 2 address').fill('');
  });

  await test.step('upload an avatar', async () => {
    await expect(page.getByTestId('avatar')).toHaveCount(0);
    await page
      .getByLabel('Choose a picture')
      .setInputFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: AVATAR_PNG });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByText('Your new picture is saved.')).toBeVisible();
    const avatar = page.getByTestId('avatar');
    await expect(avatar).toBeVisible();
    // The browser really loaded it from the API's signed URL.
    await expect
      .poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
  });

  await test.step('become a seller', async () => {
    await header.getByRole('link', { name: 'Sell' }).click();
    await expect(page).toHaveURL(/\/sell$/);
    await page.getByRole('button', { name: 'Become a seller' }).click();
    await expect(page.getByTestId('seller-state')).toHaveText('Active');
    await expect(page.getByTestId('seller-status')).toContainText('Payouts');
    await expect(page.getByRole('button', { name: 'Become a seller' })).toHaveCount(0);
  });

  await test.step('sign out', async () => {
    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(header.getByTestId('signed-in-as')).toHaveCount(0);
  });

  await test.step('a protected page sends the visitor to sign in, and back afterwards', async () => {
    await page.goto('/sell');
    await expect(page).toHaveURL(/\/signin\?redirectTo=%2Fsell$/);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Invalid e-mail or password.');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sell$/);
    await expect(page.getByTestId('seller-state')).toHaveText('Active');
    await expect(header.getByTestId('signed-in-as')).toHaveText('Ada E2E');
  });

  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('signing in, the profile and the avatar work without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/signin\?redirectTo=%2Faccount$/);
    await page.getByLabel('E-mail').fill('nobody@example.com');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Invalid e-mail or password.');
    await expect(page.getByLabel('E-mail')).toHaveValue('nobody@example.com');

    await createSignedInUser(page, 'No Script');
    await expect(page).toHaveURL(/\/account$/);
    await page.getByLabel('Display name').fill('');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Cannot be empty')).toBeVisible();
    await page.getByLabel('Display name').fill('Still No Script');
    await page.getByLabel('Bio').fill('Plain HTML forms.');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status')).toHaveText('Your profile is saved.');
    await expect(page.getByLabel('Bio')).toHaveValue('Plain HTML forms.');

    // The picture form posts the file itself and comes back to the account page.
    await page
      .getByLabel('Choose a picture')
      .setInputFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: AVATAR_PNG });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page).toHaveURL(/\/account\?saved=avatar$/);
    await expect(page.getByRole('status')).toHaveText('Your new picture is saved.');
    await expect(page.getByTestId('avatar')).toHaveAttribute('src', /^http/);
    await page
      .getByLabel('Choose a picture')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not png') });
    await page.getByRole('button', { name: 'Upload picture' }).click();
    await expect(page.getByRole('alert')).toContainText('not a picture we can use');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('a forgotten password is reset through the e-mailed link', async ({ page }) => {
  const consoleErrors = collectConsoleErrors(page);
  const user = await createSignedInUser(page, 'Forgetful');
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  // A client-side navigation: until it lands, 'E-mail' is still the sign-in form's field.
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account exists');

  await page.goto(await confirmationLink(user.email));
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel('New password', { exact: true }).fill('a brand new secret');
  await page.getByLabel('New password, again').fill('a different one');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page.getByText('The two passwords are not the same')).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('a brand new secret');
  await page.getByLabel('New password, again').fill('a brand new secret');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/account\?saved=password$/);
  await expect(page.getByRole('status')).toHaveText('Your password is changed.');

  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill('a brand new secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByTestId('signed-in-as')).toHaveText('Forgetful');
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);
});

test('form posts without the CSRF token, or from another site, are refused', async ({
  request,
}) => {
  const forged = await request.post('/signin', {
    form: { email: 'x@example.com', password: 'whatever', csrf: 'forged' },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(forged.headers()['set-cookie']).toBeUndefined();

  // Remix itself refuses a post whose Origin is not this host before any action runs.
  const crossSite = await request.post('/signin', {
    form: { email: 'x@example.com', password: 'whatever', csrf: 'forged' },
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(crossSite.headers()['set-cookie']).toBeUndefined();
});
