import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import {
  buyablePrompts,
  DEMO_BUYER,
  DEMO_SELLER,
  fillTemplate,
  orderCount,
  sampleValues,
  signIn,
} from '../support/buyers';
import { collectConsoleErrors } from '../support/console';

test.use({ baseURL: process.env.E2E_BASE_URL });

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;
const API = process.env.E2E_API_URL!;
const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300';

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

test('a buyer buys a prompt through the test checkout, fills it in the library and copies it; the seller sees the sale', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [prompt] = await buyablePrompts(sql, {
    buyerEmail: DEMO_BUYER.email,
    sellerEmail: DEMO_SELLER.email,
    free: false,
  });
  expect(prompt, 'a paid prompt of the demo seller that the demo buyer does not own').toBeTruthy();
  const { id, slug, title, template, variables } = prompt!;
  expect(variables.length, 'a prompt with variables').toBeGreaterThan(0);

  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const consoleErrors = collectConsoleErrors(page);
  await signIn(page, DEMO_BUYER, `/p/${slug}`);

  let orderId = '';
  await test.step('Buy opens the test checkout; Pay comes back to a paid order', async () => {
    const buy = page.getByTestId('buy');
    await expect(buy).toContainText('Buy');
    await page.getByTestId('action-box').screenshot({ path: `${SCREENSHOTS}prompt-buy.png` });
    await buy.click();
    await expect(page).toHaveURL(new RegExp(`^${API}/test-checkout/cs_test_[A-Za-z0-9]+$`));
    await expect(page.getByRole('heading', { name: 'Test checkout' })).toBeVisible();
    await expect(page.locator('body')).toContainText(title);
    await page.getByTestId('pay').click();

    await expect(page).toHaveURL(/\/checkout\/success\?order=[0-9a-f-]{36}$/);
    orderId = new URL(page.url()).searchParams.get('order')!;
    await expect(page.getByTestId('checkout-title')).toHaveText('Thank you!');
    await expect(page.getByTestId('order-item')).toHaveCount(1);
    await expect(page.getByTestId('order-item')).toContainText(title);
    await expect(page.getByTestId('receipt-number')).toHaveText(
      `PNX-${orderId.slice(0, 8).toUpperCase()}`,
    );
    await page.screenshot({ path: `${SCREENSHOTS}checkout-success.png`, fullPage: true });
  });

  await test.step('the library item: fill the variables, copy the filled prompt', async () => {
    await page.getByTestId('open-library-item').click();
    await expect(page).toHaveURL(`/library/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByTestId('selected-version')).toContainText(`Version ${prompt!.version}`);
    await expect(page.getByTestId('template')).toHaveText(template);
    await expect(page.getByTestId('variable-field')).toHaveCount(variables.length);

    const values = sampleValues(variables);
    for (const variable of variables) {
      const field = page.locator(`[data-variable="${variable.name}"]`);
      if (variable.type === 'choice') await field.selectOption(values[variable.name]!);
      else await field.fill(values[variable.name]!);
    }
    const expected = fillTemplate(template, values);
    expect(expected).not.toBe(template);
    // Filled live, as the buyer types.
    await expect(page.getByTestId('filled-prompt')).toHaveText(expected);
    await expect(page.getByTestId('missing-count')).toHaveCount(0);

    await page.getByTestId('copy').click();
    await expect(page.getByTestId('copy-status')).toHaveText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(expected);
    await page.screenshot({ path: `${SCREENSHOTS}library-item.png`, fullPage: true });
  });

  await test.step('the library, the order history and the receipt list the purchase', async () => {
    await page.getByRole('banner').getByRole('link', { name: 'Library' }).click();
    await expect(page).toHaveURL('/library');
    const card = page.getByTestId('library-item').filter({ hasText: title });
    await expect(card).toHaveCount(1);
    await page.screenshot({ path: `${SCREENSHOTS}library.png`, fullPage: true });

    await page.goto('/account/orders');
    const row = page.getByTestId('order-row').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId('order-status')).toHaveText('Paid');
    await row.getByTestId('order-link').click();
    await expect(page).toHaveURL(`/account/orders/${orderId}`);
    await expect(page.getByTestId('order-status')).toHaveText('Paid');
    await expect(page.getByTestId('paid-at')).not.toHaveText('Not paid');
    await expect(page.getByTestId('refund-form')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}receipt.png`, fullPage: true });
    // Printed, the receipt is the receipt: no site navigation, no refund form.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByTestId('refund-form')).toBeHidden();
    await page.screenshot({ path: `${SCREENSHOTS}receipt-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);

  await test.step('the seller sees the sale: sales count and the e-mail about it', async () => {
    const sellerContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const seller = await sellerContext.newPage();
    const sellerErrors = collectConsoleErrors(seller);
    await signIn(seller, DEMO_SELLER, `/p/${slug}`);
    await expect(seller.getByTestId('prompt-status')).toHaveText('Published');
    const sales = prompt!.salesCount + 1;
    await expect(seller.locator('.prompt-facts')).toContainText(
      `${sales.toLocaleString('en-US')} ${sales === 1 ? 'sale' : 'sales'}`,
    );
    await seller.goto(`/dev/mailbox?to=${encodeURIComponent(DEMO_SELLER.email)}`);
    await expect(seller.locator('main')).toContainText(`You sold “${title}”`);
    expect(sellerErrors).toEqual([]);
    await sellerContext.close();
  });
  await context.close();
});

test('a double click on Buy makes one order, with JavaScript and without', async ({ browser }) => {
  test.setTimeout(60_000);
  const prompts = await buyablePrompts(sql, {
    buyerEmail: DEMO_BUYER.email,
    free: false,
    count: 2,
  });
  expect(prompts).toHaveLength(2);

  for (const [index, javaScriptEnabled] of [true, false].entries()) {
    const prompt = prompts[index]!;
    const context = await browser.newContext({
      baseURL: process.env.E2E_BASE_URL,
      javaScriptEnabled,
    });
    const page = await context.newPage();
    await signIn(page, DEMO_BUYER, `/p/${prompt.slug}`);
    expect(await orderCount(sql, DEMO_BUYER.email, prompt.id)).toBe(0);
    await page.getByTestId('buy').dblclick();
    await expect(page).toHaveURL(new RegExp(`^${API}/test-checkout/cs_test_`));
    await expect(page.getByTestId('pay')).toBeVisible();
    expect(
      await orderCount(sql, DEMO_BUYER.email, prompt.id),
      `JavaScript ${javaScriptEnabled}`,
    ).toBe(1);

    // Back on the storefront before paying: the result page waits for the payment.
    const [order] = await sql<{ id: string }[]>`
      select o.id from public.orders o join public.order_items i on i.order_id = o.id
      where i.prompt_id = ${prompt.id}
        and o.buyer_id = (select id from auth.users where email = ${DEMO_BUYER.email})`;
    const errors = collectConsoleErrors(page);
    await page.goto(`/checkout/success?order=${order!.id}`);
    await expect(page.getByTestId('checkout-title')).toHaveText('Confirming your payment…');
    await expect(page.getByTestId('check-again')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the payment page' })).toHaveAttribute(
      'href',
      new RegExp(`^${API}/test-checkout/cs_test_`),
    );
    if (javaScriptEnabled) {
      await page.screenshot({ path: `${SCREENSHOTS}checkout-pending.png`, fullPage: true });
      // Cancelling on the payment page comes back to the prompt, which says so.
      await page.getByRole('link', { name: 'Back to the payment page' }).click();
      await page.getByRole('link', { name: 'Cancel and go back' }).click();
      await expect(page).toHaveURL(`/p/${prompt.slug}?checkout=cancelled`);
      await expect(page.getByTestId('action-box')).toContainText('Checkout cancelled');
      await page
        .getByTestId('action-box')
        .screenshot({ path: `${SCREENSHOTS}prompt-cancelled.png` });
    }
    expect(errors).toEqual([]);
    await context.close();
  }
});

test('a free prompt goes straight to the library; anonymous visitors sign in first', async ({
  page,
  browser,
}) => {
  const [prompt] = await buyablePrompts(sql, { buyerEmail: DEMO_BUYER.email, free: true });
  expect(prompt, 'a free prompt the demo buyer does not own').toBeTruthy();
  const { id, slug, title } = prompt!;

  // Signed out: a cacheable page whose Get-it button asks to sign in.
  const anonymous = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const visitor = await anonymous.newPage();
  const response = await visitor.goto(`/p/${slug}`);
  expect(response?.headers()['cache-control']).toBe(PUBLIC_CACHE);
  await expect(visitor.getByTestId('buy')).toHaveAttribute(
    'href',
    `/signin?redirectTo=${encodeURIComponent(`/p/${slug}`)}`,
  );
  await expect(visitor.getByTestId('buy')).toContainText('Get it free');
  await anonymous.close();

  const consoleErrors = collectConsoleErrors(page, { expected4xx: [/\/library\//] });
  await signIn(page, DEMO_BUYER, `/p/${slug}`);
  await page.getByTestId('buy').click();
  await expect(page).toHaveURL(`/library/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const libraryResponse = await page.request.get(`/library/${id}`);
  expect(libraryResponse.headers()['cache-control']).toBe('private, no-store');

  // The prompt page now says so.
  await page.goto(`/p/${slug}`);
  await expect(page.getByTestId('owned')).toContainText('You own this');

  // A prompt the buyer does not own: a 403 page that links to it.
  const [other] = await buyablePrompts(sql, { buyerEmail: DEMO_BUYER.email, free: false });
  const forbidden = await page.goto(`/library/${other!.id}`);
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByTestId('error-page')).toContainText('not in your library');
  await page.getByTestId('prompt-page-link').click();
  await expect(page).toHaveURL(new RegExp(`/p/${other!.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(other!.title);
  expect(consoleErrors).toEqual([]);
});

test('a buyer asks for a refund within the window; an admin approves it; the prompt leaves the library', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const [prompt] = await buyablePrompts(sql, { buyerEmail: DEMO_BUYER.email, free: false });
  const { id, slug, title } = prompt!;
  const buyerContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await buyerContext.newPage();
  const consoleErrors = collectConsoleErrors(page, {
    expected4xx: [/\/library\//, /\/admin\/refunds$/],
  });
  await signIn(page, DEMO_BUYER, `/p/${slug}`);
  await page.getByTestId('buy').click();
  await expect(page.getByTestId('pay')).toBeVisible();
  await page.getByTestId('pay').click();
  await expect(page.getByTestId('checkout-title')).toHaveText('Thank you!');
  const orderId = new URL(page.url()).searchParams.get('order')!;
  const receiptNumber = (await page.getByTestId('receipt-number').textContent())!;

  await test.step('the buyer asks for a refund on the receipt', async () => {
    await page.getByRole('link', { name: 'Receipt', exact: true }).click();
    await expect(page).toHaveURL(`/account/orders/${orderId}`);
    const form = page.getByTestId('refund-form');
    await expect(form.getByRole('checkbox', { name: new RegExp(title) })).toBeChecked();
    // Too short a reason is refused beside the field, and nothing is sent.
    await form.getByLabel('Why do you want a refund?').fill('no');
    await form.getByTestId('request-refund').click();
    await expect(form.locator('.field-error')).toContainText('why you want a refund');
    await form.getByLabel('Why do you want a refund?').fill('It does not suit my model.');
    await form.getByTestId('request-refund').click();
    await expect(page.getByRole('status')).toContainText('Your refund request is sent');
    await expect(page.getByTestId('refund')).toHaveCount(1);
    await expect(page.getByTestId('refund-status')).toHaveText('Waiting for a decision');
    await expect(page.getByTestId('refund-form')).toHaveCount(0);
  });

  await test.step('only admins see refund requests; the admin approves it', async () => {
    const forbidden = await page.goto('/admin/refunds');
    expect(forbidden?.status()).toBe(403);
    await expect(page.getByTestId('error-page')).toContainText('Admins only');

    const adminContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const admin = await adminContext.newPage();
    const adminErrors = collectConsoleErrors(admin);
    await signIn(
      admin,
      { email: 'admin@promptnx.dev', password: DEMO_BUYER.password },
      '/admin/refunds',
    );
    const request = admin.getByTestId('refund-request').filter({ hasText: receiptNumber });
    await expect(request).toHaveCount(1);
    await expect(request.getByTestId('refund-reason')).toHaveText('It does not suit my model.');
    await admin.screenshot({ path: `${SCREENSHOTS}admin-refunds.png`, fullPage: true });
    await request.getByTestId('approve-refund').click();
    await expect(admin.getByRole('status')).toContainText('The refund is approved');
    await expect(
      admin.getByTestId('refund-request').filter({ hasText: receiptNumber }),
    ).toHaveCount(0);
    expect(adminErrors).toEqual([]);
    await adminContext.close();
  });

  await test.step('the buyer sees the refund, and the prompt is no longer theirs', async () => {
    await page.goto(`/account/orders/${orderId}`);
    await expect(page.getByTestId('order-status')).toHaveText('Refunded');
    await expect(page.getByTestId('refund-status')).toHaveText('Refunded');
    await expect(page.getByTestId('order-refunded')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}receipt-refunded.png`, fullPage: true });
    const gone = await page.goto(`/library/${id}`);
    expect(gone?.status()).toBe(403);
  });
  expect(consoleErrors).toEqual([]);
  await buyerContext.close();
});
