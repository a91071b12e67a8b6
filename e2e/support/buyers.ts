import { expect, type Page } from '@playwright/test';
import type postgres from 'postgres';

/** Seeded demo accounts (packages/db seed): every one has this password. */
export const DEMO_PASSWORD = 'promptnx-demo';
export const DEMO_BUYER = { email: 'buyer@promptnx.dev', password: DEMO_PASSWORD };
export const DEMO_SELLER = { email: 'seller@promptnx.dev', password: DEMO_PASSWORD };

/** Signs in on /signin and waits to be back at `back`. */
export async function signIn(page: Page, account: { email: string; password: string }, back = '/') {
  await page.goto(`/signin?redirectTo=${encodeURIComponent(back)}`);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner').getByTestId('signed-in-as')).toBeVisible();
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === back);
}

export interface PromptVariable {
  name: string;
  type: 'text' | 'long_text' | 'number' | 'choice';
  options?: string[];
}

export interface BuyablePrompt {
  id: string;
  slug: string;
  title: string;
  priceAmount: number;
  salesCount: number;
  /** The newest published version: what the library shows first. */
  version: number;
  template: string;
  variables: PromptVariable[];
}

/**
 * Published prompts the account has never ordered nor owned, with a published version,
 * free or paid, optionally of one seller; prompts with the most kinds of variables first.
 */
export async function buyablePrompts(
  sql: postgres.Sql,
  options: { buyerEmail: string; free: boolean; sellerEmail?: string; count?: number },
): Promise<BuyablePrompt[]> {
  const rows = await sql<
    {
      id: string;
      slug: string;
      title: string;
      price_amount: number;
      sales_count: number;
      version: number;
      template: string;
      variables: PromptVariable[] | string;
    }[]
  >`
    with buyer as (select id from auth.users where email = ${options.buyerEmail})
    select p.id, p.slug, p.title, p.price_amount, p.sales_count, v.version, t.template, v.variables
    from public.prompts p
    join auth.users s on s.id = p.seller_id
    join public.seller_profiles sp on sp.user_id = p.seller_id
    join lateral (
      select v.* from public.prompt_versions v
      where v.prompt_id = p.id and v.status = 'published'
      order by v.version desc limit 1
    ) v on true
    join public.prompt_templates t on t.version_id = v.id
    where p.status = 'published'
      and sp.payouts_enabled
      and (${options.free} and p.price_amount = 0 or not ${options.free} and p.price_amount > 0)
      and (${options.sellerEmail ?? null}::text is null or s.email = ${options.sellerEmail ?? null})
      and s.id <> (select id from buyer)
      and not exists (
        select 1 from public.entitlements e
        where e.prompt_id = p.id and e.user_id = (select id from buyer))
      and not exists (
        select 1 from public.order_items i join public.orders o on o.id = i.order_id
        where i.prompt_id = p.id and o.buyer_id = (select id from buyer))
    order by (select count(distinct x->>'type') from jsonb_array_elements(v.variables) x) desc,
             jsonb_array_length(v.variables) desc, p.id
    limit ${options.count ?? 1}`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    priceAmount: row.price_amount,
    salesCount: row.sales_count,
    version: row.version,
    template: row.template,
    variables: typeof row.variables === 'string' ? JSON.parse(row.variables) : row.variables,
  }));
}

/** A value for each variable, of its type; the same every run. */
export function sampleValues(variables: PromptVariable[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const variable of variables) {
    if (variable.type === 'number') values[variable.name] = '42';
    else if (variable.type === 'choice') values[variable.name] = variable.options?.at(-1) ?? '';
    else if (variable.type === 'long_text') {
      values[variable.name] = `First line for ${variable.name}\nSecond line`;
    } else values[variable.name] = `E2E ${variable.name.replaceAll('_', ' ')}`;
  }
  return values;
}

/** The template with its `[name]` placeholders replaced, as the library page fills it. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\[([a-z][a-z0-9_]{0,39})\]/g, (whole, name: string) =>
    values[name] ? values[name] : whole,
  );
}

/** Orders of the account that contain the prompt (any status). */
export async function orderCount(sql: postgres.Sql, buyerEmail: string, promptId: string) {
  const [row] = await sql<{ n: number }[]>`
    select count(distinct o.id)::int as n
    from public.orders o join public.order_items i on i.order_id = o.id
    where i.prompt_id = ${promptId}
      and o.buyer_id = (select id from auth.users where email = ${buyerEmail})`;
  return row?.n ?? 0;
}
