import { type Browser, expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { createSignedInUser } from '../support/accounts';
import { buyablePrompts, DEMO_BUYER, DEMO_SELLER, signIn } from '../support/buyers';
import { collectConsoleErrors } from '../support/console';

test.use({ baseURL: process.env.E2E_BASE_URL });

const SCREENSHOTS = new URL('../test-results/screenshots/', import.meta.url).pathname;

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

/** A published prompt of the demo seller's that the demo buyer has not written about yet. */
async function quietPrompt() {
  const [row] = await sql<{ slug: string; title: string }[]>`
    select p.slug, p.title from public.prompts p
    join auth.users s on s.id = p.seller_id and s.email = ${DEMO_SELLER.email}
    where p.status = 'published'
      and not exists (
        select 1 from public.chat_threads t
        join auth.users b on b.id = t.buyer_id and b.email = ${DEMO_BUYER.email}
        where t.prompt_id = p.id and t.order_id is null)
    order by p.published_at desc limit 1`;
  return row;
}

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const page = await context.newPage();
  const errors = collectConsoleErrors(page);
  await signIn(page, account);
  return { page, errors, close: () => context.close() };
}

/** A flag in the page's window: still there later means the page never reloaded. */
async function markPage(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { chatMark: boolean }).chatMark = true;
  });
}
const stillSamePage = (page: Page) =>
  page.evaluate(() => (window as unknown as { chatMark?: boolean }).chatMark === true);

/** The unread count the header's bell announces (its accessible name), 0 when none. */
async function bellCount(page: Page) {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

async function waitUntilLive(page: Page) {
  await expect(page.getByTestId('realtime-status')).toHaveAttribute('data-status', 'open');
}

test('a buyer and a seller chat live: each sees the other’s messages without reloading', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const prompt = await quietPrompt();
  expect(prompt, 'a published prompt of the demo seller without a thread').toBeTruthy();
  const seller = await signedInPage(browser, DEMO_SELLER);
  const buyer = await signedInPage(browser, DEMO_BUYER);
  const question = `Could you tailor “${prompt!.title}” to B2B SaaS? (${Date.now()})`;
  const answer = `Happy to! I will send a draft tomorrow. (${Date.now()})`;
  const followUp = `Great, thank you! (${Date.now()})`;

  await test.step('the seller keeps the inbox open', async () => {
    await seller.page.goto('/inbox');
    await expect(seller.page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
    await waitUntilLive(seller.page);
    await markPage(seller.page);
  });

  let threadUrl = '';
  await test.step('the buyer writes from the prompt page', async () => {
    await buyer.page.goto(`/p/${prompt!.slug}`);
    await buyer.page.getByTestId('message-seller').click();
    await expect(buyer.page).toHaveURL(/\/messages\/new\?promptId=/);
    await expect(buyer.page.getByTestId('compose-topic')).toContainText(prompt!.title);
    await buyer.page.getByLabel('Your message').fill(question);
    await buyer.page.getByTestId('compose-send').click();
    await expect(buyer.page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    threadUrl = new URL(buyer.page.url()).pathname;
    await expect(buyer.page.getByTestId('message')).toHaveCount(1);
    await expect(buyer.page.getByTestId('message').first()).toContainText(question);
    await waitUntilLive(buyer.page);
    await markPage(buyer.page);
  });

  await test.step('the seller’s inbox shows the new conversation, unread, without a reload', async () => {
    const row = seller.page.getByTestId('thread-row').filter({ hasText: prompt!.title });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('unread-badge')).toContainText('1');
    expect(await stillSamePage(seller.page)).toBe(true);
    await seller.page.screenshot({ path: `${SCREENSHOTS}chat-inbox.png`, fullPage: true });
    await row.getByRole('link').click();
    await expect(seller.page).toHaveURL(threadUrl);
    await expect(seller.page.getByTestId('message').first()).toContainText(question);
    await waitUntilLive(seller.page);
  });

  await test.step('the seller answers; the buyer sees it live', async () => {
    await seller.page.getByLabel(/^Message /).fill(answer);
    await seller.page.getByTestId('send-message').click();
    await expect(seller.page.getByTestId('message')).toHaveCount(2);
    await expect(seller.page.getByLabel(/^Message /)).toHaveValue('');
    const live = buyer.page.getByTestId('message').filter({ hasText: answer });
    await expect(live).toBeVisible();
    await expect(live.locator('strong, p').first()).toBeVisible();
    expect(await stillSamePage(buyer.page)).toBe(true);
  });

  await test.step('the buyer replies; the seller sees it live and the buyer sees it was read', async () => {
    await markPage(seller.page);
    await buyer.page.getByLabel(/^Message /).fill(followUp);
    await buyer.page.getByTestId('send-message').click();
    await expect(seller.page.getByTestId('message').filter({ hasText: followUp })).toBeVisible();
    expect(await stillSamePage(seller.page)).toBe(true);
    // The seller's open page marked it read; the buyer's page hears the read marker.
    await expect(buyer.page.getByTestId('seen')).toBeVisible();
    await expect(buyer.page.getByTestId('message')).toHaveCount(3);
    await buyer.page.screenshot({ path: `${SCREENSHOTS}chat-thread.png`, fullPage: true });
  });

  await test.step('the messages are in the database once each, in order', async () => {
    const rows = await sql<{ body: string }[]>`
      select m.body from public.chat_messages m
      where m.thread_id = ${threadUrl.split('/').at(-1)!}
      order by m.created_at`;
    expect(rows.map((r) => r.body)).toEqual([question, answer, followUp]);
  });

  await test.step('a third user buys from the seller; the seller’s bell counts the sale live', async () => {
    // Everything the seller had is read: the bell starts at zero, so what it counts is new.
    await sql`update public.notifications set read_at = now()
               where read_at is null
                 and user_id = (select id from auth.users where email = ${DEMO_SELLER.email})`;
    await seller.page.reload();
    await waitUntilLive(seller.page);
    expect(await bellCount(seller.page)).toBe(0);
    await markPage(seller.page);
    const context = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
    const third = await context.newPage();
    const account = await createSignedInUser(third, 'E2E Third Buyer');
    const [sale] = await buyablePrompts(sql, {
      buyerEmail: account.email,
      sellerEmail: DEMO_SELLER.email,
      free: false,
    });
    expect(sale, 'a paid prompt of the demo seller').toBeTruthy();
    await third.goto(`/p/${sale!.slug}`);
    await third.getByTestId('buy').click();
    await third.getByTestId('pay').click();
    await expect(third).toHaveURL(/\/checkout\/success\?order=[0-9a-f-]{36}$/);
    await context.close();
    // The sale's notification reaches the seller's open page over the socket: no reload.
    // (At least one: the worker's payout run may tell the seller something meanwhile.)
    await expect.poll(() => bellCount(seller.page), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await stillSamePage(seller.page)).toBe(true);
    await seller.page.getByTestId('notification-bell').click();
    await expect(seller.page.getByRole('main')).toContainText(`You sold “${sale!.title}”`);
  });

  expect(buyer.errors).toEqual([]);
  expect(seller.errors).toEqual([]);
  await buyer.close();
  await seller.close();
});
