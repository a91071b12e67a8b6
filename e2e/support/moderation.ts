import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { DEMO_PASSWORD } from './buyers';

// Work for the moderation console: a prompt submitted through the API by the demo seller,
// and a published review that somebody reported, written in the database (what the reviews
// API and a buyer's report would leave behind).

/** An access token from the auth API. */
export async function accessToken(email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${process.env.E2E_API_URL}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

async function api<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${process.env.E2E_API_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** A new prompt of the seller with one version, submitted for review: what Submit leaves. */
export async function submitPrompt(
  sellerEmail: string,
  input: { title: string; template: string },
): Promise<{ id: string; slug: string }> {
  const token = await accessToken(sellerEmail);
  const draft = await api<{ id: string; slug: string }>(token, 'POST', '/api/prompts', {
    title: input.title,
    description: 'A bedtime story of folded paper boats racing down a rainy street at night.',
    category: 'fun',
    targetModel: 'chatgpt',
    tags: ['paper', 'rain'],
    price: { amount: 399 },
  });
  await api(token, 'POST', `/api/prompts/${draft.id}/versions`, {
    template: input.template,
    changelog: 'First release.',
    testedModels: ['chatgpt'],
  });
  await api(token, 'POST', `/api/prompts/${draft.id}/submit`);
  return draft;
}

export interface ReportedReview {
  reviewId: string;
  promptId: string;
  slug: string;
  title: string;
  /** The prompt's rating with the review counted, and without it. */
  before: { average: number; count: number };
  after: { average: number; count: number };
}

/**
 * A one-star published review by a new buyer (who holds the prompt) of a published prompt
 * that has other reviews, reported by the demo buyer. The rating trigger counts it in.
 */
export async function reportedReview(
  sql: postgres.Sql,
  options: { reporterEmail: string; body: string },
): Promise<ReportedReview> {
  const [prompt] = await sql<{ id: string; slug: string; title: string }[]>`
    select p.id, p.slug, p.title from public.prompts p
    join public.profiles s on s.id = p.seller_id and s.status = 'active'
    where p.status = 'published' and p.rating_count >= 2
      and not exists (select 1 from public.reviews r join auth.users u on u.id = r.buyer_id
                      where r.prompt_id = p.id and u.email = ${options.reporterEmail})
    order by p.rating_count desc, p.id limit 1`;
  if (!prompt) throw new Error('no published prompt with reviews to report one of');
  const [without] = await sql<{ n: number; total: number }[]>`
    select count(*)::int as n, coalesce(sum(rating), 0)::int as total
    from public.reviews where prompt_id = ${prompt.id} and status = 'published'`;
  const buyerId = randomUUID();
  await sql`
    insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values (${buyerId}, 'authenticated', 'authenticated', ${`e2e-reviewer-${buyerId.slice(0, 8)}@example.com`},
            '{"provider":"email"}'::jsonb, '{"display_name":"Angry Reviewer"}'::jsonb, now(), now())`;
  await sql`
    insert into public.entitlements (user_id, prompt_id, source) values (${buyerId}, ${prompt.id}, 'grant')`;
  const [review] = await sql<{ id: string }[]>`
    insert into public.reviews (prompt_id, buyer_id, rating, body, status, version_id)
    select ${prompt.id}, ${buyerId}, 1, ${options.body}, 'published', current_version_id
    from public.prompts where id = ${prompt.id}
    returning id`;
  await sql`
    insert into public.review_reports (review_id, reporter_id, reason, details)
    select ${review!.id}, u.id, 'offensive', 'Insults the seller instead of reviewing the prompt.'
    from auth.users u where u.email = ${options.reporterEmail}`;
  const round = (n: number) => Math.round(n * 100) / 100;
  const count = without!.n;
  return {
    reviewId: review!.id,
    promptId: prompt.id,
    slug: prompt.slug,
    title: prompt.title,
    before: { average: round((without!.total + 1) / (count + 1)), count: count + 1 },
    after: { average: count ? round(without!.total / count) : 0, count },
  };
}
