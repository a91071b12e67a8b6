import { expect, type Locator, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { buyablePrompts, DEMO_BUYER, DEMO_SELLER, signIn } from '../support/buyers';

// The seller's side of the orders journey (decisions 0016, 0017): a buyer's view and purchase
// show on the seller's dashboard chart and prompt table, the earnings wait as pending on the
// payouts page, and once the hold is over (60 s in the e2e stack) the worker's scheduled run
// (every minute here) pays them out; the chart range works without JavaScript.

test.use({ baseURL: process.env.E2E_BASE_URL });

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;
const API = process.env.E2E_API_URL!;

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

const today = () => new Date().toISOString().slice(0, 10);
/** "$1,234.50" → 123450 (minor units); "-$4.00" → -400. */
const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

/** Today's row of the table behind the charts: sales, refunds, gross, net, views. */
async function todayRow(page: Page) {
  const row = page
    .getByTestId('series-table')
    .locator('tr')
    .filter({ has: page.locator(`time[datetime="${today()}"]`) });
  await expect(row).toHaveCount(1);
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
  return {
    sales: Number(cells[0]),
    gross: cents(cells[2]!),
    net: cents(cells[3]!),
    views: Number(cells[4]!.replace(/,/g, '')),
  };
}

async function promptRow(page: Page, title: string) {
  const row: Locator = page.getByTestId('dashboard-prompt-row').filter({ hasText: title });
  await expect(row).toHaveCount(1);
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim());
  return { views: Number(cells[1]!.replace(/,/g, '')), sales: Number(cells[2]!.split(' ')[0]) };
}

const pendingOn = async (page: Page) =>
  cents((await page.getByTestId('kpi-pending').locator('.kpi-value').textContent()) ?? '');

test('a buyer’s purchase shows on the seller’s dashboard, waits as pending, then is paid out', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const [prompt] = await buyablePrompts(sql, {
    buyerEmail: DEMO_BUYER.email,
    sellerEmail: DEMO_SELLER.email,
    free: false,
  });
  expect(prompt, 'a paid prompt of the demo seller that the demo buyer does not own').toBeTruthy();
  const { slug, title, priceAmount } = prompt!;

  const sellerContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const seller = await sellerContext.newPage();
  await signIn(seller, DEMO_SELLER, '/sell/dashboard');
  await expect(seller.getByRole('heading', { level: 1 })).toHaveText('Seller dashboard');
  const before = await todayRow(seller);
  const promptBefore = await promptRow(seller, title);
  await seller.goto('/sell/payouts');
  const pendingBefore = await pendingOn(seller);
  // The seller pages told the session this user sells: the header links them now.
  await expect(seller.getByRole('banner').getByRole('link', { name: 'Dashboard' })).toBeVisible();

  await test.step('the buyer opens the prompt page and buys it', async () => {
    const buyerContext = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const buyer = await buyerContext.newPage();
    await signIn(buyer, DEMO_BUYER, `/p/${slug}`);
    await buyer.getByTestId('buy').click();
    await expect(buyer).toHaveURL(new RegExp(`^${API}/test-checkout/cs_test_[A-Za-z0-9]+$`));
    await buyer.getByTestId('pay').click();
    await expect(buyer).toHaveURL(/\/checkout\/success\?order=[0-9a-f-]{36}$/);
    await expect(buyer.getByTestId('checkout-title')).toHaveText('Thank you!');
    await buyerContext.close();
  });

  await test.step('the dashboard counts the view and the sale today', async () => {
    await seller.goto('/sell/dashboard');
    const after = await todayRow(seller);
    expect(after.sales).toBe(before.sales + 1);
    expect(after.gross).toBe(before.gross + priceAmount);
    expect(after.net).toBeGreaterThan(before.net);
    expect(after.views).toBe(before.views + 1);
    expect(await promptRow(seller, title)).toEqual({
      views: promptBefore.views + 1,
      sales: promptBefore.sales + 1,
    });
    const chart = seller.getByTestId('sales-chart').locator('svg[role="img"]');
    await expect(chart).toHaveAccessibleName(/Sales per day/);
    await seller.screenshot({ path: `${SCREENSHOTS}seller-dashboard.png`, fullPage: true });
  });

  await test.step('the payouts page holds the earnings as pending', async () => {
    await seller.goto('/sell/payouts');
    expect(await pendingOn(seller)).toBeGreaterThan(pendingBefore);
    await expect(seller.getByTestId('payout-rules')).toContainText('pending for 1 minute');
    await seller.screenshot({ path: `${SCREENSHOTS}seller-payouts.png`, fullPage: true });
  });

  await test.step('after the hold the scheduled payout run pays the sale out', async () => {
    // The sale's credit, and the payout whose run came after it became available.
    const [sale] = await sql<{ available_at: Date; amount: number }[]>`
      select l.available_at, l.amount from public.ledger_entries l
        join public.order_items i on i.id = l.order_item_id
        join public.prompts p on p.id = i.prompt_id
       where p.slug = ${slug} and l.kind = 'sale'
       order by l.created_at desc limit 1`;
    expect(sale, 'the sale credit').toBeTruthy();
    const paidPayout = async () => {
      const [row] = await sql<{ id: string; amount: number }[]>`
        select p.id, p.amount from public.payouts p
         where p.seller_id = (select id from auth.users where email = ${DEMO_SELLER.email})
           and p.status = 'paid' and p.created_at >= ${sale!.available_at}
         order by p.created_at desc limit 1`;
      return row;
    };
    await expect.poll(paidPayout, { timeout: 150_000, intervals: [2_000] }).toBeTruthy();
    const payout = (await paidPayout())!;
    expect(payout.amount).toBeGreaterThanOrEqual(sale!.amount);
    // The seller sees it on the payouts page: paid, for that amount.
    await seller.goto('/sell/payouts');
    const row = seller.getByTestId('payout-row').first();
    await expect(row.getByTestId('payout-status')).toHaveText(/paid/i);
    expect(cents((await row.locator('td.numeric').textContent()) ?? '')).toBe(payout.amount);
    await seller.screenshot({ path: `${SCREENSHOTS}seller-payout-paid.png`, fullPage: true });
  });
  await sellerContext.close();
});

test('the chart range is a plain form: it works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await signIn(page, DEMO_SELLER, '/sell/dashboard');
  await page.getByLabel('Group by').selectOption('week');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/\/sell\/dashboard\?interval=week/);
  await expect(page.getByTestId('sales-chart').locator('svg[role="img"] > title')).toHaveText(
    'Sales per week',
  );
  await page.getByLabel('From', { exact: true }).fill('2026-12-31');
  await page.getByLabel('To', { exact: true }).fill('2026-01-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The start date must be on or before the end date.',
  );
  await context.close();
});
