import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_BUYER, DEMO_SELLER, signIn } from '../support/buyers';
import { collectConsoleErrors } from '../support/console';
import { DEMO_ADMIN } from '../support/sellers';

test.use({ baseURL: process.env.E2E_BASE_URL });

let sql: postgres.Sql;
test.beforeAll(() => {
  sql = postgres(process.env.E2E_DATABASE_URL!, { max: 1, onnotice: () => {} });
});
test.afterAll(async () => {
  await sql.end();
});

/** A published prompt of the demo seller that the demo buyer owns and has not reviewed. */
async function ownedUnreviewedPrompt() {
  const [row] = await sql<{ id: string; slug: string; rating_count: number }[]>`
    select p.id, p.slug, p.rating_count
    from public.prompts p
    join auth.users s on s.id = p.seller_id and s.email = ${DEMO_SELLER.email}
    join public.entitlements e on e.prompt_id = p.id and e.status = 'active'
    join auth.users b on b.id = e.user_id and b.email = ${DEMO_BUYER.email}
    where p.status = 'published'
      and not exists (select 1 from public.reviews r where r.prompt_id = p.id and r.buyer_id = b.id)
    order by p.slug limit 1`;
  return row;
}

test('a buyer reviews a prompt they own; once published it counts, the seller replies, others report it', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const prompt = await ownedUnreviewedPrompt();
  expect(
    prompt,
    'a prompt of the demo seller the demo buyer owns and has not reviewed',
  ).toBeTruthy();
  const { id, slug } = prompt!;
  const path = `/p/${slug}`;

  const buyer = await browser.newPage();
  const buyerErrors = collectConsoleErrors(buyer, { dialogs: true });
  await signIn(buyer, DEMO_BUYER, path);
  let reviewId = '';

  await test.step('the owner writes a review: it waits for a moderator', async () => {
    const own = buyer.getByTestId('own-review');
    await expect(own.getByRole('heading', { name: 'Write a review' })).toBeVisible();
    await own.getByRole('radio', { name: /4 stars/ }).check();
    await own
      .getByLabel('Your review')
      .fill('**Great** for release notes. <img src=x onerror=alert(1)> [x](javascript:alert(2))');
    await own.getByLabel('Model you used it with').selectOption('gemini');
    await own.getByTestId('save-review').click();
    await expect(
      buyer.getByRole('status').filter({ hasText: 'waits for a moderator' }),
    ).toBeVisible();
    await expect(buyer.getByTestId('own-review-status')).toContainText('Waiting for a moderator');
    const [row] = await sql<{ id: string; status: string; model_used: string }[]>`
      select r.id, r.status, r.model_used from public.reviews r where r.prompt_id = ${id}
        and r.buyer_id = (select id from auth.users where email = ${DEMO_BUYER.email})`;
    expect(row).toMatchObject({ status: 'pending', model_used: 'gemini' });
    reviewId = row!.id;
  });

  await test.step('a moderator publishes it: the rating counts it and it is listed, inert', async () => {
    await sql`update public.reviews set status = 'published' where id = ${reviewId}`;
    const [after] = await sql<{ rating_count: number }[]>`
      select rating_count from public.prompts where id = ${id}`;
    expect(after!.rating_count).toBe(prompt!.rating_count + 1);
    await buyer.goto(`${path}?sort=newest`);
    const listed = buyer.getByTestId('review-list').locator(`#review-${reviewId}`);
    await expect(listed.locator('strong', { hasText: 'Great' })).toBeVisible();
    await expect(listed.locator('img')).toHaveCount(0);
    await expect(listed.locator('a[href^="javascript:"]')).toHaveCount(0);
  });

  await test.step('the seller replies once', async () => {
    const seller = await browser.newPage();
    const sellerErrors = collectConsoleErrors(seller, { dialogs: true });
    await signIn(seller, DEMO_SELLER, path);
    const review = seller.locator(`#review-${reviewId}`);
    await review.getByText('Reply', { exact: true }).click();
    await review.getByLabel('Your reply').fill('Thanks! Version 3 handles _longer_ notes too.');
    await review.getByRole('button', { name: 'Publish reply' }).click();
    await expect(seller.locator(`#review-${reviewId}`).getByTestId('reply')).toContainText(
      'Thanks! Version 3 handles longer notes too.',
    );
    await expect(
      seller.locator(`#review-${reviewId}`).getByText('Reply', { exact: true }),
    ).toHaveCount(0);
    expect(sellerErrors).toEqual([]);
    await seller.close();
  });

  await test.step('someone else reports the review and the prompt', async () => {
    const other = await browser.newPage();
    const otherErrors = collectConsoleErrors(other, { dialogs: true });
    await signIn(other, DEMO_ADMIN, path);
    const review = other.locator(`#review-${reviewId}`);
    await review.getByText('Report', { exact: true }).click();
    await review.getByLabel('Reason').selectOption('spam');
    await review.getByRole('button', { name: 'Send report' }).click();
    await expect(other.locator(`#review-${reviewId}`).getByTestId('reported')).toBeVisible();
    await other.getByText('Report this prompt').click();
    await other.locator('#report-prompt').getByLabel('Reason').selectOption('misleading');
    await other.locator('#report-prompt').getByRole('button', { name: 'Send report' }).click();
    await expect(
      other.getByRole('status').filter({ hasText: 'look at this prompt' }),
    ).toBeVisible();
    const [counts] = await sql<{ reviews: number; prompts: number }[]>`
      select (select count(*)::int from public.review_reports where review_id = ${reviewId} and status = 'open') as reviews,
             (select count(*)::int from public.prompt_reports where prompt_id = ${id} and status = 'open') as prompts`;
    expect(counts).toEqual({ reviews: 1, prompts: 1 });
    expect(otherErrors).toEqual([]);
    await other.close();
  });

  await test.step('the buyer edits it: back to the moderator, out of the rating', async () => {
    await buyer.goto(path);
    const own = buyer.getByTestId('own-review');
    await own.getByText('Edit your review').click();
    await own.getByRole('radio', { name: /2 stars/ }).check();
    await own.getByLabel('Your review').fill('It got worse with the last model update, sadly.');
    await own.getByTestId('save-review').click();
    await expect(buyer.getByTestId('own-review-status')).toContainText('Waiting for a moderator');
    const [after] = await sql<{ rating_count: number; revisions: number }[]>`
      select p.rating_count, (select count(*)::int from public.review_revisions where review_id = ${reviewId}) as revisions
      from public.prompts p where p.id = ${id}`;
    expect(after).toEqual({ rating_count: prompt!.rating_count, revisions: 1 });
  });
  expect(buyerErrors).toEqual([]);
});
