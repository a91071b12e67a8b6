import { type Database, type DbOrTx, orders, withUser } from '@promptnx/db';
import {
  approveRefund,
  createOrder,
  denyRefund,
  type MoneyRules,
  OrderRefused,
  PaymentsError,
  type PaymentsProvider,
  processRefund,
  RefundRefused,
  receiptNumber,
  refundByAdmin,
  requestRefund,
  type SiteUrls,
  syncOrderWithProvider,
} from '@promptnx/payments';
import type {
  LibraryList,
  Order,
  PromptContent,
  PurchaseState,
  Refund,
  RefundRequest,
} from '@promptnx/schema';
import { eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { decodeCursor, encodeCursor } from '../catalog/cursor.js';
import type { Storage } from '../storage/local-storage.js';

const FILE_URL_TTL = 24 * 3600;
const iso = (t: string | Date | null) => (t ? new Date(t).toISOString() : null);

type OrderRow = {
  id: string;
  status: Order['status'];
  currency: string;
  subtotal_amount: number;
  total_amount: number;
  refunded_amount: number;
  paid_at: string | null;
  created_at: string;
  stripe_checkout_session_id: string | null;
  items: {
    id: string;
    promptId: string;
    slug: string;
    title: string;
    sellerId: string;
    sellerName: string;
    sellerUsername: string | null;
    version: number;
    status: Order['items'][number]['status'];
    priceAmount: number;
    currency: string;
    refundedAt: string | null;
  }[];
};

function orderQuery(where: ReturnType<typeof sql>) {
  return sql`
    select o.id, o.status, o.currency, o.subtotal_amount, o.total_amount, o.refunded_amount,
           o.paid_at, o.created_at, o.stripe_checkout_session_id,
           coalesce((
             select json_agg(json_build_object(
               'id', i.id, 'promptId', p.id, 'slug', p.slug, 'title', p.title,
               'sellerId', s.id, 'sellerName', s.display_name, 'sellerUsername', s.username,
               'version', v.version, 'status', i.status, 'priceAmount', i.price_amount,
               'currency', i.currency, 'refundedAt', i.refunded_at) order by p.title, i.id)
             from public.order_items i
             join public.prompts p on p.id = i.prompt_id
             join public.profiles s on s.id = i.seller_id
             join public.prompt_versions v on v.id = i.version_id
             where i.order_id = o.id
           ), '[]'::json) as items
    from public.orders o
    where ${where}`;
}

function toOrder(row: OrderRow, checkoutUrl: string | null): Order {
  const money = (amount: number) => ({ amount, currency: row.currency });
  return {
    id: row.id,
    status: row.status,
    subtotal: money(row.subtotal_amount),
    total: money(row.total_amount),
    refunded: money(row.refunded_amount),
    items: row.items.map((i) => ({
      id: i.id,
      prompt: { id: i.promptId, slug: i.slug, title: i.title },
      seller: { id: i.sellerId, displayName: i.sellerName, username: i.sellerUsername },
      version: i.version,
      status: i.status,
      price: { amount: i.priceAmount, currency: i.currency },
      refundedAt: iso(i.refundedAt),
    })),
    paidAt: iso(row.paid_at),
    createdAt: iso(row.created_at)!,
    checkoutUrl,
    receiptNumber: receiptNumber(row.id),
  };
}

type RefundRow = {
  id: string;
  order_id: string;
  status: Refund['status'];
  amount: number;
  currency: string;
  item_ids: string[];
  reason: string;
  decision_reason: string | null;
  failure_reason: string | null;
  created_at: string;
  decided_at: string | null;
};

const toRefund = (r: RefundRow): Refund => ({
  id: r.id,
  orderId: r.order_id,
  status: r.status,
  amount: { amount: r.amount, currency: r.currency },
  itemIds: r.item_ids,
  reason: r.reason,
  decisionReason: r.decision_reason,
  failureReason: r.failure_reason,
  createdAt: iso(r.created_at)!,
  decidedAt: iso(r.decided_at),
});

const refundColumns = sql`r.id, r.order_id, r.status, r.amount, r.currency, r.item_ids::text[] as item_ids,
  r.reason, r.decision_reason, r.failure_reason, r.created_at, r.decided_at`;

function refusal(error: unknown): never {
  if (error instanceof OrderRefused) {
    const field = error.promptId ? 'promptIds' : 'body';
    if (error.reason === 'already_owned') throw new AppError('ALREADY_OWNED', error.message);
    if (error.reason === 'idempotency_key_reused') {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', error.message);
    }
    if (error.reason === 'not_found') {
      throw new AppError('VALIDATION_FAILED', error.message, [{ field, message: error.message }]);
    }
    throw new AppError('CONFLICT', error.message, [{ field, message: error.message }]);
  }
  if (error instanceof RefundRefused) {
    if (error.reason === 'not_found') throw new AppError('NOT_FOUND', error.message);
    if (error.reason === 'items_not_refundable') {
      throw new AppError('CONFLICT', error.message, [{ field: 'itemIds', message: error.message }]);
    }
    throw new AppError('CONFLICT', error.message);
  }
  if (error instanceof PaymentsError) {
    throw new AppError('PAYMENTS_UNAVAILABLE', 'the payment provider did not answer; try again');
  }
  throw error;
}

export interface OrderServiceDeps {
  db: Database;
  provider: PaymentsProvider;
  rules: MoneyRules;
  urls: SiteUrls;
  storage: Storage;
}

/**
 * Orders, the library and refunds. Money changes run as system code in the
 * payments package (one transaction each, the order row locked); reads of
 * what a user owns run as that user, so RLS checks them again.
 */
export function createOrderService(deps: OrderServiceDeps) {
  const { db, provider, storage } = deps;

  async function readOrder(tx: DbOrTx, orderId: string) {
    const [row] = await tx.execute<OrderRow>(orderQuery(sql`o.id = ${orderId}`));
    return row;
  }

  async function checkoutUrlOf(row: OrderRow) {
    if (row.status !== 'pending' || !row.stripe_checkout_session_id || row.total_amount === 0) {
      return null;
    }
    try {
      return (await provider.retrieveCheckoutSession(row.stripe_checkout_session_id)).url;
    } catch {
      return null;
    }
  }

  return {
    async create(account: Account, promptIds: string[], idempotencyKey: string | null) {
      try {
        const { order } = await createOrder(deps, {
          buyerId: account.id,
          buyerEmail: account.email || null,
          promptIds,
          idempotencyKey,
        });
        const row = await readOrder(db, order.id);
        return toOrder(row!, await checkoutUrlOf(row!));
      } catch (error) {
        refusal(error);
      }
    },

    async get(account: Account, orderId: string): Promise<Order> {
      let row = await withUser(db, accountClaims(account), (tx) => readOrder(tx, orderId));
      if (!row) throw notFound(`order ${orderId}`);
      if (row.status === 'pending') {
        // The success page may arrive before the webhook: ask the provider, fulfil if paid.
        try {
          await syncOrderWithProvider(deps, orderId, 'order-page');
          // Read again either way: a webhook may have fulfilled it while we asked.
          row = (await readOrder(db, orderId)) ?? row;
        } catch {
          // The webhook or the reconciliation job will settle it.
        }
      }
      return toOrder(row, await checkoutUrlOf(row));
    },

    async list(account: Account, cursor: string | undefined) {
      const after = cursor ? readTimeCursor('orders', cursor) : undefined;
      const rows = await withUser(db, accountClaims(account), (tx) =>
        tx.execute<OrderRow>(
          sql`${orderQuery(
            sql`o.buyer_id = ${account.id} ${
              after
                ? sql`and (o.created_at, o.id) < (${after.t}::timestamptz, ${after.id}::uuid)`
                : sql``
            }`,
          )} order by o.created_at desc, o.id desc limit 21`,
        ),
      );
      const page = rows.slice(0, 20);
      const last = page.at(-1);
      return {
        items: page.map((r) => toOrder(r, null)),
        nextCursor:
          rows.length > 20 && last ? timeCursor('orders', iso(last.created_at)!, last.id) : null,
      };
    },

    async requestRefund(account: Account, orderId: string, input: RefundRequest) {
      try {
        const row = await requestRefund(deps, {
          buyerId: account.id,
          orderId,
          itemIds: input.itemIds,
          reason: input.reason,
        });
        return (await this.refundById(row.id))!;
      } catch (error) {
        refusal(error);
      }
    },

    async refundsOf(account: Account, orderId: string): Promise<Refund[]> {
      const rows = await withUser(db, accountClaims(account), async (tx) => {
        const [order] = await tx
          .select({ id: orders.id })
          .from(orders)
          .where(eq(orders.id, orderId));
        if (!order) throw notFound(`order ${orderId}`);
        return tx.execute<RefundRow>(sql`
          select ${refundColumns} from public.refunds r where r.order_id = ${orderId}
          order by r.created_at desc`);
      });
      return rows.map(toRefund);
    },

    async refundById(refundId: string) {
      const [row] = await db.execute<RefundRow>(
        sql`select ${refundColumns} from public.refunds r where r.id = ${refundId}`,
      );
      return row ? toRefund(row) : undefined;
    },

    async openRefunds(): Promise<Refund[]> {
      const rows = await db.execute<RefundRow>(sql`
        select ${refundColumns} from public.refunds r
        where r.status in ('requested', 'processing', 'failed')
        order by r.created_at desc limit 200`);
      return rows.map(toRefund);
    },

    async adminRefund(admin: Account, orderId: string, input: RefundRequest) {
      try {
        const row = await refundByAdmin(deps, {
          adminId: admin.id,
          orderId,
          itemIds: input.itemIds,
          reason: input.reason,
        });
        return (await this.refundById(row.id))!;
      } catch (error) {
        refusal(error);
      }
    },

    async approveRefund(admin: Account, refundId: string) {
      try {
        const row = await approveRefund(deps, admin.id, refundId);
        return (await this.refundById(row.id))!;
      } catch (error) {
        refusal(error);
      }
    },

    async denyRefund(admin: Account, refundId: string, reason: string) {
      try {
        const row = await denyRefund(deps, admin.id, refundId, reason);
        return (await this.refundById(row.id))!;
      } catch (error) {
        refusal(error);
      }
    },

    /** Retries a refund stuck in processing (used by tests and the reconciliation job). */
    retryRefund: (refundId: string) => processRefund(deps, refundId),

    async library(account: Account, cursor: string | undefined): Promise<LibraryList> {
      const after = cursor ? readTimeCursor('library', cursor) : undefined;
      const rows = await withUser(db, accountClaims(account), (tx) =>
        tx.execute<{
          prompt_id: string;
          slug: string;
          title: string;
          target_model: LibraryList['items'][number]['prompt']['targetModel'];
          status: string;
          cover_path: string | null;
          seller_id: string;
          seller_username: string | null;
          seller_display_name: string;
          seller_avatar_path: string | null;
          source: 'purchase' | 'free' | 'grant';
          granted_at: string;
          latest_version: number | null;
          order_id: string | null;
        }>(sql`
          select p.id as prompt_id, p.slug, p.title, p.target_model, p.status,
                 (select coalesce(a.thumbnail_path, a.storage_path) from public.prompt_assets a
                   where a.prompt_id = p.id order by a.position limit 1) as cover_path,
                 s.id as seller_id, s.username as seller_username, s.display_name as seller_display_name,
                 s.avatar_path as seller_avatar_path, e.source, e.granted_at,
                 (select max(v.version) from public.prompt_versions v
                   where v.prompt_id = p.id and v.status = 'published') as latest_version,
                 (select i.order_id from public.order_items i where i.id = e.order_item_id) as order_id
          from public.entitlements e
          join public.prompts p on p.id = e.prompt_id
          join public.profiles s on s.id = p.seller_id
          where e.user_id = ${account.id} and e.status = 'active'
          ${after ? sql`and (e.granted_at, p.id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
          order by e.granted_at desc, p.id desc
          limit 25`),
      );
      const page = rows.slice(0, 24);
      const last = page.at(-1);
      const url = (p: string | null) => (p ? storage.signedUrl(p, FILE_URL_TTL) : null);
      return {
        items: page.map((r) => ({
          prompt: {
            id: r.prompt_id,
            slug: r.slug,
            title: r.title,
            targetModel: r.target_model,
            coverUrl: url(r.cover_path),
            status: r.status,
          },
          seller: {
            id: r.seller_id,
            username: r.seller_username,
            displayName: r.seller_display_name,
            avatarUrl: url(r.seller_avatar_path),
          },
          source: r.source,
          grantedAt: iso(r.granted_at)!,
          latestVersion: r.latest_version,
          orderId: r.order_id,
        })),
        nextCursor:
          rows.length > 24 && last
            ? timeCursor('library', iso(last.granted_at)!, last.prompt_id)
            : null,
      };
    },

    async purchaseState(account: Account, promptId: string): Promise<PurchaseState> {
      const [row] = await db.execute<{
        seller_id: string;
        status: string;
        price_amount: number;
        currency: string;
        owned: boolean;
        pending_order: string | null;
      }>(sql`
        select p.seller_id, p.status, p.price_amount, p.currency,
               exists (select 1 from public.entitlements e where e.prompt_id = p.id
                       and e.user_id = ${account.id} and e.status = 'active') as owned,
               (select o.id from public.orders o join public.order_items i on i.order_id = o.id
                 where o.buyer_id = ${account.id} and o.status = 'pending' and i.prompt_id = p.id
                 order by o.created_at desc limit 1) as pending_order
        from public.prompts p where p.id = ${promptId}`);
      // Only what the asker may see: a draft of someone else is "not found".
      if (!row || (row.status !== 'published' && row.seller_id !== account.id && !row.owned)) {
        throw notFound(`prompt ${promptId}`);
      }
      const state =
        row.seller_id === account.id
          ? 'seller'
          : row.owned
            ? 'owned'
            : row.pending_order
              ? 'pending'
              : 'none';
      const purchasable = (state === 'none' || state === 'pending') && row.status === 'published';
      return {
        promptId,
        state,
        pendingOrderId: row.pending_order,
        price: { amount: row.price_amount, currency: row.currency },
        purchasable,
        reason:
          state === 'seller'
            ? 'you sell this prompt'
            : state === 'owned'
              ? 'it is in your library'
              : row.status !== 'published'
                ? 'it is not on sale'
                : null,
      };
    },

    /** The product: template text of every version the asker may use, as that asker (RLS). */
    async content(account: Account, promptId: string): Promise<PromptContent> {
      const result = await withUser(db, accountClaims(account), async (tx) => {
        const [prompt] = await tx.execute<{ title: string; seller_id: string }>(
          sql`select title, seller_id from public.prompts where id = ${promptId}`,
        );
        const versions = await tx.execute<{
          id: string;
          version: number;
          template: string;
          instructions: string;
          variables: PromptContent['versions'][number]['variables'];
          model_params: Record<string, string | number | boolean>;
          tested_models: string[];
          changelog: string;
          published_at: string | null;
        }>(sql`
          select v.id, v.version, t.template, t.instructions, v.variables, t.model_params,
                 v.tested_models, v.changelog, v.published_at
          from public.prompt_templates t
          join public.prompt_versions v on v.id = t.version_id
          where t.prompt_id = ${promptId}
          order by v.version desc`);
        return { prompt, versions };
      });
      if (!result.prompt) throw notFound(`prompt ${promptId}`);
      if (result.versions.length === 0) {
        throw new AppError('FORBIDDEN', 'buy this prompt to unlock its template');
      }
      const access =
        result.prompt.seller_id === account.id
          ? 'seller'
          : account.role === 'admin'
            ? 'admin'
            : 'buyer';
      const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
      return {
        promptId,
        title: result.prompt.title,
        access,
        versions: result.versions.map((v) => ({
          id: v.id,
          version: v.version,
          template: v.template,
          instructions: v.instructions,
          variables: json(v.variables),
          modelParams: json(v.model_params),
          testedModels: v.tested_models,
          changelog: v.changelog,
          publishedAt: iso(v.published_at),
        })),
      };
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;

/**
 * A "newest first" page boundary (a time and an id) in the catalog's cursor
 * format, tagged with the listing it belongs to.
 */
function timeCursor(s: 'orders' | 'library', t: string, id: string) {
  return encodeCursor({ s, k: [t], id });
}

function readTimeCursor(s: 'orders' | 'library', text: string): { t: string; id: string } {
  const cursor = decodeCursor(text);
  const t = cursor && 'k' in cursor && cursor.s === s ? cursor.k[0] : undefined;
  if (cursor && 'k' in cursor && typeof t === 'string' && !Number.isNaN(Date.parse(t))) {
    return { t, id: cursor.id };
  }
  throw new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
    { field: 'query.cursor', message: 'is not a cursor this API gave out' },
  ]);
}
