import { type Database, orderItems, orders } from '@promptnx/db';
import { and, eq, sql } from 'drizzle-orm';
import { fulfilOrder, type SiteUrls } from './fulfil.js';
import type { PaymentsProvider } from './provider.js';
import { type MoneyRules, splitPrice } from './rules.js';

/** Why an order cannot be made, per prompt; the API turns these into 4xx answers. */
export class OrderRefused extends Error {
  override name = 'OrderRefused';
  constructor(
    readonly reason:
      | 'not_found'
      | 'not_published'
      | 'own_prompt'
      | 'already_owned'
      | 'seller_cannot_be_paid'
      | 'mixed_currencies'
      | 'idempotency_key_reused',
    readonly promptId: string | null,
    message: string,
  ) {
    super(message);
  }
}

type Candidate = {
  id: string;
  title: string;
  status: string;
  seller_id: string;
  current_version_id: string | null;
  price_amount: number;
  currency: string;
  seller_status: string | null;
  seller_profile_status: string | null;
  charges_enabled: boolean | null;
  payouts_enabled: boolean | null;
  owned: boolean;
};

export interface CreateOrderInput {
  buyerId: string;
  buyerEmail: string | null;
  promptIds: string[];
  idempotencyKey: string | null;
}

export interface OrdersDeps {
  db: Database;
  provider: PaymentsProvider;
  rules: MoneyRules;
  urls: SiteUrls;
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * POST /api/orders: checks the cart, snapshots prices and the fee split, and
 * opens one checkout session. An Idempotency-Key makes a retry or a double
 * click return the first order (and its one session); without a key, an
 * unpaid order for the same cart from the last hour is reused. A cart that
 * costs nothing is granted at once.
 */
export async function createOrder(deps: OrdersDeps, input: CreateOrderInput) {
  const { db, provider, rules, urls } = deps;
  const promptIds = [...new Set(input.promptIds)];

  const existing = await findReusableOrder(db, input, promptIds);
  if (existing) return ensureSession(deps, existing, input.buyerEmail);

  const candidates = await db.execute<Candidate>(sql`
    select p.id, p.title, p.status, p.seller_id, p.current_version_id, p.price_amount, p.currency,
           s.status as seller_status, sp.status as seller_profile_status,
           sp.charges_enabled, sp.payouts_enabled,
           exists (select 1 from public.entitlements e where e.user_id = ${input.buyerId}
                   and e.prompt_id = p.id and e.status = 'active') as owned
    from public.prompts p
    join public.profiles s on s.id = p.seller_id
    left join public.seller_profiles sp on sp.user_id = p.seller_id
    where p.id in (${sql.join(
      promptIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  for (const id of promptIds) {
    const c = byId.get(id);
    if (!c) throw new OrderRefused('not_found', id, `prompt ${id} does not exist`);
    if (c.status !== 'published' || !c.current_version_id || c.seller_status !== 'active') {
      throw new OrderRefused('not_published', id, `“${c.title}” is not on sale`);
    }
    if (c.seller_id === input.buyerId) {
      throw new OrderRefused('own_prompt', id, `“${c.title}” is your own prompt`);
    }
    if (c.owned) throw new OrderRefused('already_owned', id, `you already own “${c.title}”`);
    const payable =
      c.price_amount === 0 ||
      (c.seller_profile_status === 'active' &&
        (provider.mode === 'embedded' ||
          (c.charges_enabled === true && c.payouts_enabled === true)));
    if (!payable) {
      throw new OrderRefused(
        'seller_cannot_be_paid',
        id,
        `the seller of “${c.title}” cannot take payments yet`,
      );
    }
  }
  const currencies = new Set(candidates.map((c) => c.currency));
  if (currencies.size > 1) {
    throw new OrderRefused('mixed_currencies', null, 'a cart must be in one currency');
  }
  const currency = candidates[0]?.currency ?? 'usd';
  const lines = promptIds.map((id) => {
    const c = byId.get(id)!;
    const split = splitPrice(c.price_amount, rules.feeBps);
    return { c, ...split };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.c.price_amount, 0);
  const fee = lines.reduce((sum, l) => sum + l.fee, 0);

  const orderId = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(orders)
      .values({
        buyerId: input.buyerId,
        currency,
        subtotalAmount: subtotal,
        platformFeeAmount: fee,
        totalAmount: subtotal,
        idempotencyKey: input.idempotencyKey,
      })
      // A concurrent request with the same key waits here for the first to commit.
      .onConflictDoNothing({ target: [orders.buyerId, orders.idempotencyKey] })
      .returning({ id: orders.id });
    if (!created) return undefined;
    await tx.insert(orderItems).values(
      lines.map((l) => ({
        orderId: created.id,
        promptId: l.c.id,
        versionId: l.c.current_version_id!,
        sellerId: l.c.seller_id,
        currency,
        priceAmount: l.c.price_amount,
        platformFeeAmount: l.fee,
        sellerEarningsAmount: l.earnings,
      })),
    );
    if (subtotal === 0) {
      await fulfilOrder(
        tx,
        created.id,
        { paymentIntentId: null, checkoutSessionId: null, amountTotal: 0, via: 'free' },
        rules,
        urls,
      );
    }
    return created.id;
  });
  if (!orderId) {
    // Lost the race to a request with the same key: answer with its order.
    const winner = await findReusableOrder(db, input, promptIds);
    if (!winner) throw new Error('an order with this idempotency key vanished');
    return ensureSession(deps, winner, input.buyerEmail);
  }
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  return ensureSession(deps, order!, input.buyerEmail);
}

async function findReusableOrder(db: Database, input: CreateOrderInput, promptIds: string[]) {
  const rows = input.idempotencyKey
    ? await db
        .select()
        .from(orders)
        .where(
          and(eq(orders.buyerId, input.buyerId), eq(orders.idempotencyKey, input.idempotencyKey)),
        )
    : await db
        .select()
        .from(orders)
        .where(
          and(
            eq(orders.buyerId, input.buyerId),
            eq(orders.status, 'pending'),
            sql`${orders.createdAt} > now() - interval '1 hour'`,
          ),
        )
        .orderBy(sql`${orders.createdAt} desc`)
        .limit(20);
  for (const order of rows) {
    const items = await db
      .select({ promptId: orderItems.promptId })
      .from(orderItems)
      .where(eq(orderItems.orderId, order.id));
    if (
      sameSet(
        items.map((i) => i.promptId),
        promptIds,
      )
    )
      return order;
    if (input.idempotencyKey) {
      throw new OrderRefused(
        'idempotency_key_reused',
        null,
        'this Idempotency-Key was used for a different cart',
      );
    }
  }
  return undefined;
}

type OrderRow = typeof orders.$inferSelect;

/** Opens (or finds) the order's checkout session while it is pending and costs something. */
async function ensureSession(deps: OrdersDeps, order: OrderRow, email: string | null) {
  if (order.status !== 'pending' || order.totalAmount === 0) {
    return { order, checkoutUrl: null };
  }
  const items = await deps.db.execute<{
    title: string;
    price_amount: number;
    currency: string;
  }>(sql`
    select p.title, i.price_amount, i.currency from public.order_items i
    join public.prompts p on p.id = i.prompt_id
    where i.order_id = ${order.id} and i.price_amount > 0 order by p.title`);
  const session = await deps.provider.createCheckoutSession({
    orderId: order.id,
    customerEmail: email,
    lines: items.map((i) => ({ name: i.title, amount: i.price_amount, currency: i.currency })),
    successUrl: `${deps.urls.web}/checkout/success?order=${order.id}`,
    cancelUrl: `${deps.urls.web}/checkout/cancelled?order=${order.id}`,
  });
  await deps.db
    .update(orders)
    .set({ stripeCheckoutSessionId: session.id })
    .where(and(eq(orders.id, order.id), sql`${orders.stripeCheckoutSessionId} is null`));
  return { order: { ...order, stripeCheckoutSessionId: session.id }, checkoutUrl: session.url };
}
