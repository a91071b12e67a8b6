import {
  entitlements,
  favorites,
  ledgerEntries,
  notifications,
  orderItems,
  orders,
  payouts,
  refunds,
} from '../schema/index.js';
import type { AccountPlan } from './accounts.js';
import { type InsertTarget, into, type RowOf } from './bulk.js';
import {
  isSellable,
  type PlannedPrompt,
  type PlannedVersion,
  versionAt,
  WeightedIndex,
} from './catalog.js';
import {
  at,
  DAY,
  dollars,
  HOLD_DAYS,
  HOUR,
  MIN_PAYOUT_CENTS,
  MINUTE,
  platformFee,
  readAtFor,
  type SeedContext,
  type SeedIds,
} from './context.js';
import { type Rng, ROW, rngFor } from './random.js';

export type ReviewStatus = 'published' | 'pending' | 'hidden' | 'rejected';

export interface PlannedReview {
  rating: number;
  status: ReviewStatus;
  at: number;
  replyAt: number | null;
}

/** One buyer owning one prompt: bought in an order, or claimed for free. */
export interface Purchase {
  buyer: number;
  prompt: PlannedPrompt;
  /** When it was paid (the order's time) or claimed. */
  at: number;
  version: PlannedVersion;
  free: boolean;
  order: number;
  itemId: string;
  refundedAt: number | null;
  review: PlannedReview | null;
}

export interface PlannedOrder {
  id: string;
  buyer: number;
  paidAt: number;
  items: Purchase[];
}

export interface CommercePlan {
  purchases: Purchase[];
  orders: PlannedOrder[];
  favorites: { buyer: number; prompt: PlannedPrompt; at: number }[];
}

const RATINGS = [
  [5, 52],
  [4, 28],
  [3, 11],
  [2, 5],
  [1, 4],
] as const;
const REVIEW_STATUSES = [
  ['published', 86],
  ['pending', 9],
  ['hidden', 3],
  ['rejected', 2],
] as const;

function purchaseTime(rng: Rng, prompt: PlannedPrompt, now: number): number {
  const from = prompt.publishedAt!.getTime();
  const span = Math.max(0, now - HOUR - from);
  return from + Math.round(rng.next() ** 0.8 * span);
}

/**
 * Who bought or claimed what and when, grouped into orders; refunds and
 * reviews. Fills in each prompt's sales and rating counters.
 */
export function planCommerce(
  ctx: SeedContext,
  ids: SeedIds,
  catalog: PlannedPrompt[],
  accounts: AccountPlan,
): CommercePlan {
  const now = ctx.now.getTime();
  const buyerCount = accounts.buyers.length;
  const sellable = catalog.filter(isSellable);
  const owned: { buyer: number; prompt: PlannedPrompt; at: number }[] = [];
  const owners = new Map<PlannedPrompt, Set<number>>();
  const own = (buyer: number, prompt: PlannedPrompt, time: number) => {
    let set = owners.get(prompt);
    if (!set) {
      set = new Set();
      owners.set(prompt, set);
    }
    if (set.has(buyer)) return false;
    set.add(buyer);
    owned.push({ buyer, prompt, at: time });
    return true;
  };

  // The demo buyer's library: a few paid prompts (one from the demo seller)
  // and a couple of free ones, bought days ago so reviews and chats fit.
  const demoRng = rngFor(ctx.seed, 'demo-buyer');
  const demoTime = (p: PlannedPrompt) =>
    Math.max(p.publishedAt!.getTime() + HOUR, now - demoRng.int(3, 30) * DAY);
  const demoPicks: PlannedPrompt[] = [];
  if (buyerCount > 0) {
    const paid = sellable.filter((p) => p.priceAmount > 0);
    const free = sellable.filter((p) => p.priceAmount === 0);
    const fromDemoSeller = (list: PlannedPrompt[]) => list.find((p) => p.seller === 0);
    const others = (list: PlannedPrompt[]) => list.filter((p) => p.seller !== 0);
    for (const p of [
      fromDemoSeller(paid),
      ...demoRng.sample(others(paid), 2),
      fromDemoSeller(free),
      ...demoRng.sample(others(free), 1),
    ]) {
      if (p && !demoPicks.includes(p)) demoPicks.push(p);
    }
    for (const p of demoPicks) own(0, p, demoTime(p));
  }

  // Everyone else: a few sales for most prompts, many for a few bestsellers.
  const buyerWeights = new WeightedIndex(
    Array.from({ length: buyerCount }, (_, b) => {
      const r = rngFor(ctx.seed, 'buyer-appetite', b);
      return Math.exp(1.1 * (r.next() + r.next() + r.next() - 1.5));
    }),
  );
  for (const p of sellable) {
    const rng = rngFor(ctx.seed, 'sales', p.index);
    const mean = (p.priceAmount === 0 ? 3.5 : 2.2) * (p.status === 'archived' ? 0.5 : 1);
    const wanted = Math.min(
      buyerCount - 1,
      rng.chance(0.03) ? rng.int(12, 45) : rng.exponential(mean),
    );
    let got = 0;
    for (let attempt = 0; got < wanted && attempt < wanted * 8; attempt++) {
      if (own(buyerWeights.pick(rng), p, purchaseTime(rng, p, now))) got++;
    }
  }

  // Paid purchases become orders of one to three items, per buyer, in time order.
  const byBuyer = new Map<number, typeof owned>();
  for (const o of owned) {
    if (o.prompt.priceAmount === 0) continue;
    let list = byBuyer.get(o.buyer);
    if (!list) {
      list = [];
      byBuyer.set(o.buyer, list);
    }
    list.push(o);
  }
  const purchases: Purchase[] = [];
  const orders: PlannedOrder[] = [];
  const buyersInOrder = [...byBuyer.keys()].sort((a, b) => a - b);
  for (const buyer of buyersInOrder) {
    const list = byBuyer.get(buyer)!.sort((a, b) => a.at - b.at);
    const rng = rngFor(ctx.seed, 'orders', buyer);
    let i = 0;
    while (i < list.length) {
      const size = Math.min(
        list.length - i,
        rng.weighted([
          [1, 75],
          [2, 18],
          [3, 7],
        ]),
      );
      const group = list.slice(i, i + size);
      i += size;
      const paidAt = group[group.length - 1]!.at;
      const order: PlannedOrder = { id: ids.next(ROW.order), buyer, paidAt, items: [] };
      for (const o of group) {
        const purchase: Purchase = {
          buyer,
          prompt: o.prompt,
          at: paidAt,
          version: versionAt(o.prompt, paidAt),
          free: false,
          order: orders.length,
          itemId: ids.next(ROW.orderItem),
          refundedAt: null,
          review: null,
        };
        const refundAt = paidAt + rng.int(HOUR, 5 * DAY);
        const isDemo = buyer === 0;
        if (!isDemo && rng.chance(0.02) && refundAt < now - 10 * MINUTE) {
          purchase.refundedAt = refundAt;
        }
        order.items.push(purchase);
        purchases.push(purchase);
      }
      orders.push(order);
    }
  }
  for (const o of owned) {
    if (o.prompt.priceAmount !== 0) continue;
    purchases.push({
      buyer: o.buyer,
      prompt: o.prompt,
      at: o.at,
      version: versionAt(o.prompt, o.at),
      free: true,
      order: -1,
      itemId: '',
      refundedAt: null,
      review: null,
    });
  }

  // Reviews by buyers who still hold the prompt; the counters follow.
  let demoReviewed = false;
  for (const purchase of purchases) {
    const p = purchase.prompt;
    if (!purchase.free && purchase.refundedAt === null) p.salesCount++;
    if (purchase.refundedAt !== null) continue;
    const rng = rngFor(ctx.seed, 'review', p.index, purchase.buyer);
    const forced = purchase.buyer === 0 && !purchase.free && !demoReviewed;
    if (!forced && !rng.chance(0.3)) continue;
    const time = purchase.at + rng.int(HOUR, 20 * DAY);
    if (time > now - 10 * MINUTE) continue;
    const rating = forced ? 5 : rng.weighted(RATINGS);
    const status: ReviewStatus = forced ? 'published' : rng.weighted(REVIEW_STATUSES);
    const replyAt = time + rng.int(HOUR, 5 * DAY);
    purchase.review = {
      rating,
      status,
      at: time,
      replyAt:
        status === 'published' && (forced || rng.chance(0.25)) && replyAt < now ? replyAt : null,
    };
    if (forced) demoReviewed = true;
    if (status === 'published') {
      p.ratingSum += rating;
      p.ratingCount++;
    }
  }

  const favoriteRows: CommercePlan['favorites'] = [];
  const published = sellable.filter((p) => p.status === 'published');
  for (let buyer = 0; buyer < buyerCount && published.length > 0; buyer++) {
    const rng = rngFor(ctx.seed, 'favorites', buyer);
    const count = buyer === 0 ? 4 : rng.int(0, 5);
    const picked = new Set<PlannedPrompt>();
    for (let n = 0; n < count * 3 && picked.size < Math.min(count, published.length); n++) {
      picked.add(published[rng.int(0, published.length - 1)]!);
    }
    for (const p of picked) {
      favoriteRows.push({ buyer, prompt: p, at: purchaseTime(rng, p, now) });
    }
  }

  return { purchases, orders, favorites: favoriteRows };
}

export interface CommerceRows {
  orders: InsertTarget;
  /** Sorted by prompt: see insertGroupedByPrompt. */
  orderItems: InsertTarget;
  refunds: InsertTarget;
  payouts: InsertTarget;
  entitlements: InsertTarget;
  ledger: InsertTarget;
  favorites: InsertTarget;
  notifications: InsertTarget;
}

const hex = (uuid: string) => uuid.replace(/-/g, '');

/** Orders, items, entitlements, the ledger, payouts, favorites and their notifications. */
export function buildCommerceRows(
  ctx: SeedContext,
  ids: SeedIds,
  plan: CommercePlan,
  accounts: AccountPlan,
): CommerceRows {
  const now = ctx.now.getTime();
  const orderRows: RowOf<typeof orders>[] = [];
  const itemRows: RowOf<typeof orderItems>[] = [];
  const entitlementRows: RowOf<typeof entitlements>[] = [];
  const ledgerRows: RowOf<typeof ledgerEntries>[] = [];
  const refundRows: RowOf<typeof refunds>[] = [];
  const payoutRows: RowOf<typeof payouts>[] = [];
  const notificationRows: RowOf<typeof notifications>[] = [];
  const sellerId = (p: PlannedPrompt) => accounts.sellers[p.seller]!.id;
  const notify = (
    rng: Rng,
    userId: string,
    type: RowOf<typeof notifications>['type'],
    title: string,
    body: string,
    data: Record<string, unknown>,
    time: number,
  ) => {
    notificationRows.push({
      id: ids.next(ROW.notification),
      user_id: userId,
      type,
      title: title.slice(0, 200),
      body,
      data,
      read_at: readAtFor(rng, time, now),
      created_at: at(time),
    });
  };

  for (const order of plan.orders) {
    const rng = rngFor(ctx.seed, 'order-rows', order.id);
    const buyer = accounts.buyers[order.buyer]!;
    let subtotal = 0;
    let fees = 0;
    let refunded = 0;
    for (const item of order.items) {
      const price = item.prompt.priceAmount;
      const fee = platformFee(price);
      subtotal += price;
      fees += fee;
      if (item.refundedAt !== null) refunded += price;
      const seller = sellerId(item.prompt);
      itemRows.push({
        id: item.itemId,
        order_id: order.id,
        prompt_id: item.prompt.id,
        version_id: item.version.id,
        seller_id: seller,
        status: item.refundedAt === null ? 'paid' : 'refunded',
        currency: 'usd',
        price_amount: price,
        platform_fee_amount: fee,
        seller_earnings_amount: price - fee,
        refunded_at: item.refundedAt === null ? null : at(item.refundedAt),
        created_at: at(order.paidAt),
        updated_at: at(item.refundedAt ?? order.paidAt),
      });
      ledgerRows.push({
        id: ids.next(ROW.ledger),
        seller_id: seller,
        kind: 'sale',
        direction: 'credit',
        amount: price - fee,
        currency: 'usd',
        order_item_id: item.itemId,
        available_at: at(order.paidAt + HOLD_DAYS * DAY),
        memo: `Sale of "${item.prompt.title}"`.slice(0, 200),
        created_at: at(order.paidAt),
      });
      if (item.refundedAt !== null) {
        // One succeeded admin refund per refunded item, as the refunds flow
        // writes them, so `pnpm ledger:check` reconciles the demo data too.
        const refundId = ids.next(ROW.refund);
        refundRows.push({
          id: refundId,
          order_id: order.id,
          kind: 'admin',
          requested_by: null,
          status: 'succeeded',
          item_ids: [item.itemId],
          amount: price,
          currency: 'usd',
          reason: 'Refunded by support',
          decided_by: null,
          decision_reason: null,
          decided_at: at(item.refundedAt),
          stripe_refund_id: `re_${hex(refundId).slice(0, 24)}`,
          failure_reason: null,
          created_at: at(item.refundedAt),
          updated_at: at(item.refundedAt),
        });
        ledgerRows.push({
          id: ids.next(ROW.ledger),
          seller_id: seller,
          kind: 'refund',
          direction: 'debit',
          amount: price - fee,
          currency: 'usd',
          order_item_id: item.itemId,
          // Dated like the refunds flow: a refund of a held sale nets against pending.
          available_at: at(Math.max(item.refundedAt, order.paidAt + HOLD_DAYS * DAY)),
          memo: `Refund of "${item.prompt.title}"`.slice(0, 200),
          created_at: at(item.refundedAt),
        });
      }
      entitlementRows.push({
        id: ids.next(ROW.entitlement),
        user_id: buyer.id,
        prompt_id: item.prompt.id,
        order_item_id: item.itemId,
        source: 'purchase',
        status: item.refundedAt === null ? 'active' : 'revoked',
        granted_at: at(order.paidAt),
        revoked_at: item.refundedAt === null ? null : at(item.refundedAt),
        updated_at: at(item.refundedAt ?? order.paidAt),
      });
      notify(
        rng,
        seller,
        'sale',
        `New sale: ${item.prompt.title}`,
        `${buyer.displayName} bought it; you earn ${dollars(price - fee)}.`,
        { orderId: order.id, orderItemId: item.itemId, promptId: item.prompt.id },
        order.paidAt,
      );
    }
    const lastRefund = Math.max(0, ...order.items.map((i) => i.refundedAt ?? 0));
    orderRows.push({
      id: order.id,
      buyer_id: buyer.id,
      status: refunded === 0 ? 'paid' : refunded === subtotal ? 'refunded' : 'partially_refunded',
      currency: 'usd',
      subtotal_amount: subtotal,
      platform_fee_amount: fees,
      total_amount: subtotal,
      refunded_amount: refunded,
      stripe_checkout_session_id: `cs_test_${hex(order.id)}`,
      stripe_payment_intent_id: `pi_${hex(order.id).slice(0, 24)}`,
      paid_at: at(order.paidAt),
      created_at: at(order.paidAt - rng.int(MINUTE, 6 * MINUTE)),
      updated_at: at(Math.max(order.paidAt, lastRefund)),
    });
    const first = order.items[0]!.prompt.title;
    notify(
      rng,
      buyer.id,
      'purchase',
      order.items.length === 1
        ? `Receipt: ${first}`
        : `Receipt: ${first} and ${order.items.length - 1} more`,
      `Paid ${dollars(subtotal)}. Your prompts are in your library.`,
      { orderId: order.id },
      order.paidAt + MINUTE,
    );
  }

  for (const purchase of plan.purchases) {
    if (!purchase.free) continue;
    entitlementRows.push({
      id: ids.next(ROW.entitlement),
      user_id: accounts.buyers[purchase.buyer]!.id,
      prompt_id: purchase.prompt.id,
      order_item_id: null,
      source: 'free',
      status: 'active',
      granted_at: at(purchase.at),
      revoked_at: null,
      updated_at: at(purchase.at),
    });
  }

  // Payouts: twice in the past, each seller with payouts enabled is paid
  // what had become available by then (at least the minimum payout).
  const bySeller = new Map<string, { amount: number; availableAt: number }[]>();
  for (const entry of ledgerRows) {
    let list = bySeller.get(entry.seller_id);
    if (!list) {
      list = [];
      bySeller.set(entry.seller_id, list);
    }
    list.push({
      amount: entry.direction === 'credit' ? entry.amount : -entry.amount,
      availableAt: (entry.available_at as Date).getTime(),
    });
  }
  const payoutDates = [now - 40 * DAY, now - 10 * DAY];
  for (const seller of accounts.sellers) {
    const entries = bySeller.get(seller.id);
    if (!seller.payoutsEnabled || !entries) continue;
    const rng = rngFor(ctx.seed, 'payouts', seller.id);
    let paidOut = 0;
    for (const date of payoutDates) {
      let available = -paidOut;
      for (const e of entries) if (e.availableAt <= date) available += e.amount;
      if (available < MIN_PAYOUT_CENTS) continue;
      const id = ids.next(ROW.payout);
      const paidAt = date + rng.int(HOUR, 3 * HOUR);
      payoutRows.push({
        id,
        seller_id: seller.id,
        amount: available,
        currency: 'usd',
        status: 'paid',
        idempotency_key: `payout_${id}`,
        stripe_transfer_id: `tr_${hex(id).slice(0, 24)}`,
        scheduled_for: at(date),
        paid_at: at(paidAt),
        created_at: at(date),
        updated_at: at(paidAt),
      });
      ledgerRows.push({
        id: ids.next(ROW.ledger),
        seller_id: seller.id,
        kind: 'payout',
        direction: 'debit',
        amount: available,
        currency: 'usd',
        payout_id: id,
        available_at: at(date),
        memo: 'Payout to your connected account',
        created_at: at(date),
      });
      notify(
        rng,
        seller.id,
        'payout',
        `Payout of ${dollars(available)} sent`,
        'It usually arrives in your bank account within two business days.',
        { payoutId: id },
        paidAt,
      );
      paidOut += available;
    }
  }

  const favoriteRows: RowOf<typeof favorites>[] = [];
  const seenFavorite = new Set<string>();
  for (const f of plan.favorites) {
    const userId = accounts.buyers[f.buyer]!.id;
    const key = `${userId}:${f.prompt.id}`;
    if (seenFavorite.has(key)) continue;
    seenFavorite.add(key);
    favoriteRows.push({ user_id: userId, prompt_id: f.prompt.id, created_at: at(f.at) });
  }

  // Order items go in grouped by prompt, so the sales trigger finds each
  // prompt's final count at once (see insertGroupedByPrompt).
  itemRows.sort((a, b) => (a.prompt_id < b.prompt_id ? -1 : a.prompt_id > b.prompt_id ? 1 : 0));

  return {
    orders: into(orders, orderRows),
    orderItems: into(orderItems, itemRows),
    refunds: into(refunds, refundRows),
    payouts: into(payouts, payoutRows),
    entitlements: into(entitlements, entitlementRows),
    ledger: into(ledgerEntries, ledgerRows),
    favorites: into(favorites, favoriteRows),
    notifications: into(notifications, notificationRows),
  };
}
