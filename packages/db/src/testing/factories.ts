import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  categories,
  type Entitlement,
  entitlements,
  type Order,
  type OrderItem,
  orderItems,
  orders,
  type Prompt,
  type PromptVersion,
  profiles,
  prompts,
  promptTemplates,
  promptVersions,
  type Review,
  reviews,
  sellerProfiles,
} from '../schema/index.js';
import type { JwtClaims } from '../with-user.js';

// Test data as system code would write it: these take the privileged
// connection (a test database's `db`), never a request role.

export type UserRole = 'buyer' | 'seller' | 'admin';

export interface TestUser {
  id: string;
  email: string;
  role: UserRole;
  /** Claims for withUser: this user signed in. */
  claims: JwtClaims;
}

export interface TestPrompt {
  prompt: Prompt;
  /** The first version (published when the prompt is). */
  version: PromptVersion;
}

const suffix = () => randomBytes(5).toString('hex');

/** Signs a user up the way Supabase Auth does (an auth.users row; the trigger adds the profile). */
export async function createUser(
  db: DbOrTx,
  options: {
    role?: UserRole;
    email?: string;
    /** raw_user_meta_data, as the sign-up form sends it. */
    metadata?: Record<string, unknown>;
  } = {},
): Promise<TestUser> {
  const id = randomUUID();
  const role = options.role ?? 'buyer';
  const email = options.email ?? `user-${suffix()}@example.test`;
  const metadata = options.metadata ?? { username: `user_${suffix()}` };
  await db.execute(sql`
    insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    values (${id}, 'authenticated', 'authenticated', ${email},
            '{"provider":"email"}'::jsonb, ${JSON.stringify(metadata)}::jsonb, now(), now())`);
  if (role !== 'buyer') {
    await db.update(profiles).set({ role }).where(eq(profiles.id, id));
  }
  return {
    id,
    email,
    role,
    claims: { role: 'authenticated', sub: id, email, aud: 'authenticated' },
  };
}

/** A seller who finished onboarding: payouts enabled. */
export async function createSeller(db: DbOrTx): Promise<TestUser> {
  const user = await createUser(db, { role: 'seller' });
  await db.insert(sellerProfiles).values({
    userId: user.id,
    status: 'active',
    stripeAccountId: `acct_${suffix()}`,
    chargesEnabled: true,
    payoutsEnabled: true,
    country: 'US',
  });
  return user;
}

export async function createAdmin(db: DbOrTx): Promise<TestUser> {
  return createUser(db, { role: 'admin' });
}

export async function createCategory(db: DbOrTx) {
  const [category] = await db
    .insert(categories)
    .values({ slug: `category-${suffix()}`, name: 'Test category' })
    .returning();
  return category!;
}

export interface PromptOptions {
  title?: string;
  description?: string;
  tags?: string[];
  template?: string;
  priceAmount?: number;
  categoryId?: string;
}

/** A draft prompt with a draft first version and its template. */
export async function createDraftPrompt(
  db: DbOrTx,
  seller: TestUser,
  options: PromptOptions = {},
): Promise<TestPrompt> {
  const categoryId = options.categoryId ?? (await createCategory(db)).id;
  const [prompt] = await db
    .insert(prompts)
    .values({
      sellerId: seller.id,
      categoryId,
      slug: `prompt-${suffix()}`,
      title: options.title ?? 'A test prompt',
      description: options.description ?? 'What it does and for whom.',
      tags: options.tags ?? [],
      targetModel: 'claude',
      priceAmount: options.priceAmount ?? 1000,
    })
    .returning();
  const version = await addVersion(db, prompt!, {
    template: options.template ?? 'Write about {{topic}}.',
  });
  return { prompt: prompt!, version };
}

/** Adds a draft version (with a template unless `template` is null). */
export async function addVersion(
  db: DbOrTx,
  prompt: Prompt,
  options: { template?: string | null } = {},
): Promise<PromptVersion> {
  const [last] = await db
    .select({ next: sql<number>`coalesce(max(${promptVersions.version}), 0)::int + 1` })
    .from(promptVersions)
    .where(eq(promptVersions.promptId, prompt.id));
  const next = last!.next;
  const [version] = await db
    .insert(promptVersions)
    .values({ promptId: prompt.id, version: next, changelog: `version ${next}` })
    .returning();
  const template = options.template === undefined ? 'Write about {{topic}}.' : options.template;
  if (template !== null) {
    await db
      .insert(promptTemplates)
      .values({ versionId: version!.id, promptId: prompt.id, template });
  }
  return version!;
}

/** Publishes a version and makes it the prompt's current one. */
export async function publishVersion(db: DbOrTx, version: PromptVersion): Promise<PromptVersion> {
  const [published] = await db
    .update(promptVersions)
    .set({ status: 'published', publishedAt: new Date() })
    .where(eq(promptVersions.id, version.id))
    .returning();
  await db
    .update(prompts)
    .set({ currentVersionId: version.id })
    .where(eq(prompts.id, version.promptId));
  return published!;
}

/** A listed prompt: draft, then its first version published, then the prompt. */
export async function createPublishedPrompt(
  db: DbOrTx,
  seller: TestUser,
  options: PromptOptions = {},
): Promise<TestPrompt> {
  const draft = await createDraftPrompt(db, seller, options);
  const version = await publishVersion(db, draft.version);
  const [prompt] = await db
    .update(prompts)
    .set({ status: 'published', publishedAt: new Date() })
    .where(eq(prompts.id, draft.prompt.id))
    .returning();
  return { prompt: prompt!, version };
}

export async function setPromptStatus(
  db: DbOrTx,
  prompt: Prompt,
  status: Prompt['status'],
): Promise<Prompt> {
  const [updated] = await db
    .update(prompts)
    .set({ status })
    .where(eq(prompts.id, prompt.id))
    .returning();
  return updated!;
}

export interface TestPurchase {
  order: Order;
  items: OrderItem[];
  entitlements: Entitlement[];
}

/** A completed checkout: a paid order, one paid item per prompt (20% fee), entitlements. */
export async function createPaidOrder(
  db: DbOrTx,
  buyer: TestUser,
  bought: TestPrompt[],
): Promise<TestPurchase> {
  const subtotal = bought.reduce((sum, p) => sum + p.prompt.priceAmount, 0);
  const fee = (amount: number) => Math.round(amount * 0.2);
  const totalFee = bought.reduce((sum, p) => sum + fee(p.prompt.priceAmount), 0);
  const [order] = await db
    .insert(orders)
    .values({
      buyerId: buyer.id,
      status: 'paid',
      subtotalAmount: subtotal,
      platformFeeAmount: totalFee,
      totalAmount: subtotal,
      stripeCheckoutSessionId: `cs_test_${suffix()}`,
      paidAt: new Date(),
    })
    .returning();
  const items: OrderItem[] = [];
  const granted: Entitlement[] = [];
  for (const { prompt, version } of bought) {
    const [item] = await db
      .insert(orderItems)
      .values({
        orderId: order!.id,
        promptId: prompt.id,
        versionId: prompt.currentVersionId ?? version.id,
        sellerId: prompt.sellerId,
        status: 'paid',
        priceAmount: prompt.priceAmount,
        platformFeeAmount: fee(prompt.priceAmount),
        sellerEarningsAmount: prompt.priceAmount - fee(prompt.priceAmount),
      })
      .returning();
    items.push(item!);
    const [entitlement] = await db
      .insert(entitlements)
      .values({ userId: buyer.id, promptId: prompt.id, orderItemId: item!.id, source: 'purchase' })
      .returning();
    granted.push(entitlement!);
  }
  return { order: order!, items, entitlements: granted };
}

/** An entitlement without a purchase (a free prompt or an admin's grant). */
export async function grantEntitlement(
  db: DbOrTx,
  user: TestUser,
  prompt: Prompt,
  source: 'free' | 'grant' = 'grant',
): Promise<Entitlement> {
  const [entitlement] = await db
    .insert(entitlements)
    .values({ userId: user.id, promptId: prompt.id, source })
    .returning();
  return entitlement!;
}

export async function createReview(
  db: DbOrTx,
  buyer: TestUser,
  prompt: Prompt,
  options: { rating?: number; status?: Review['status']; body?: string } = {},
): Promise<Review> {
  const [review] = await db
    .insert(reviews)
    .values({
      promptId: prompt.id,
      buyerId: buyer.id,
      rating: options.rating ?? 5,
      status: options.status ?? 'pending',
      body: options.body ?? 'Worked first time.',
    })
    .returning();
  return review!;
}
