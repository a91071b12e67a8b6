import type { DbOrTx } from '@promptnx/db';
import { sql } from 'drizzle-orm';

/**
 * The money identity, per currency, from five independent sources:
 *
 *   captured − refunded − fees − paid out + adjustments = ledger
 *
 * - captured: `orders.total_amount` of every order that was paid (paid,
 *   partially refunded or refunded);
 * - refunded: `refunds.amount` of every succeeded refund;
 * - fees: the platform's share (`order_items.platform_fee_amount`) of the
 *   items still paid: on a refunded item the fee goes back to the buyer too;
 * - paid out: `payouts.amount` of payouts `processing` or `paid` (a failed
 *   payout's debit is cancelled by its reversal credit);
 * - adjustments: `adjustment` entries written by hand, signed;
 * - ledger: the signed sum of every `ledger_entries` row, i.e. the sum of
 *   all sellers' balances (pending + available).
 */
export interface CurrencyCheck {
  currency: string;
  captured: number;
  refunded: number;
  fees: number;
  paidOut: number;
  adjustments: number;
  /** captured − refunded − fees − paidOut + adjustments */
  expected: number;
  ledger: number;
  /** ledger − expected: 0 when the books balance. */
  difference: number;
}

/** A seller whose ledger sum differs from their paid items' earnings minus their payouts. */
export interface SellerMismatch {
  sellerId: string;
  currency: string;
  expected: number;
  ledger: number;
}

/** An order, or one of its items, that does not agree with the ledger or with its refunds. */
export interface OrderMismatch {
  orderId: string;
  orderItemId: string | null;
  problem: string;
}

/** A payout whose ledger entries do not match its status and amount. */
export interface PayoutMismatch {
  payoutId: string;
  sellerId: string;
  status: string;
  problem: string;
}

export interface LedgerCheck {
  ok: boolean;
  currencies: CurrencyCheck[];
  sellers: SellerMismatch[];
  orders: OrderMismatch[];
  payouts: PayoutMismatch[];
}

const PAID_ORDER = sql.raw(`('paid', 'partially_refunded', 'refunded')`);
const SIGNED = sql.raw(`case l.direction when 'credit' then l.amount else -l.amount end`);

/**
 * Proves the ledger against orders, refunds and payouts (see `CurrencyCheck`),
 * then says where it does not hold: per seller, per order item, per payout.
 * Read-only; run it in a REPEATABLE READ transaction for one consistent view.
 */
export async function checkLedger(db: DbOrTx): Promise<LedgerCheck> {
  const totals = await db.execute<{
    currency: string;
    captured: string;
    refunded: string;
    fees: string;
    paid_out: string;
    adjustments: string;
    ledger: string;
  }>(sql`
    with captured as (
      select currency, sum(total_amount) as amount from public.orders
       where status in ${PAID_ORDER} group by currency),
    refunded as (
      select currency, sum(amount) as amount from public.refunds
       where status = 'succeeded' group by currency),
    fees as (
      select i.currency, sum(i.platform_fee_amount) as amount
        from public.order_items i join public.orders o on o.id = i.order_id
       where o.status in ${PAID_ORDER} and i.status = 'paid' group by i.currency),
    paid_out as (
      select currency, sum(amount) as amount from public.payouts
       where status in ('processing', 'paid') group by currency),
    adjustments as (
      select l.currency, sum(${SIGNED}) as amount from public.ledger_entries l
       where l.kind = 'adjustment' group by l.currency),
    ledger as (
      select l.currency, sum(${SIGNED}) as amount from public.ledger_entries l group by l.currency),
    currencies as (
      select currency from captured union select currency from refunded
      union select currency from fees union select currency from paid_out
      union select currency from ledger)
    select c.currency,
           coalesce(captured.amount, 0) as captured, coalesce(refunded.amount, 0) as refunded,
           coalesce(fees.amount, 0) as fees, coalesce(paid_out.amount, 0) as paid_out,
           coalesce(adjustments.amount, 0) as adjustments, coalesce(ledger.amount, 0) as ledger
      from currencies c
      left join captured using (currency) left join refunded using (currency)
      left join fees using (currency) left join paid_out using (currency)
      left join adjustments using (currency) left join ledger using (currency)
     order by c.currency`);
  const currencies = totals.map((t): CurrencyCheck => {
    const captured = Number(t.captured);
    const refunded = Number(t.refunded);
    const fees = Number(t.fees);
    const paidOut = Number(t.paid_out);
    const adjustments = Number(t.adjustments);
    const ledger = Number(t.ledger);
    const expected = captured - refunded - fees - paidOut + adjustments;
    return {
      currency: t.currency,
      captured,
      refunded,
      fees,
      paidOut,
      adjustments,
      expected,
      ledger,
      difference: ledger - expected,
    };
  });

  const sellers = await db.execute<{
    seller_id: string;
    currency: string;
    expected: string;
    ledger: string;
  }>(sql`
    with expected as (
      select i.seller_id, i.currency, i.seller_earnings_amount as amount
        from public.order_items i join public.orders o on o.id = i.order_id
       where o.status in ${PAID_ORDER} and i.status = 'paid'
      union all
      select seller_id, currency, -amount from public.payouts
       where status in ('processing', 'paid')
      union all
      select l.seller_id, l.currency, ${SIGNED} from public.ledger_entries l
       where l.kind = 'adjustment'),
    e as (select seller_id, currency, sum(amount) as amount from expected group by 1, 2),
    g as (select l.seller_id, l.currency, sum(${SIGNED}) as amount
            from public.ledger_entries l group by 1, 2)
    select coalesce(e.seller_id, g.seller_id) as seller_id,
           coalesce(e.currency, g.currency) as currency,
           coalesce(e.amount, 0) as expected, coalesce(g.amount, 0) as ledger
      from e full join g on g.seller_id = e.seller_id and g.currency = e.currency
     where coalesce(e.amount, 0) <> coalesce(g.amount, 0)
     order by 1, 2`);

  const orders = await db.execute<{
    order_id: string;
    order_item_id: string | null;
    problem: string;
  }>(sql`
    with items as (
      select o.id as order_id, o.status as order_status, i.id as item_id, i.status,
             i.seller_earnings_amount as earnings, i.currency,
             (select sum(l.amount) from public.ledger_entries l
               where l.order_item_id = i.id and l.kind = 'sale') as sale,
             (select sum(l.amount) from public.ledger_entries l
               where l.order_item_id = i.id and l.kind = 'refund') as refund,
             (select string_agg(distinct l.currency, ',') from public.ledger_entries l
               where l.order_item_id = i.id) as ledger_currency
        from public.order_items i join public.orders o on o.id = i.order_id)
    select order_id, item_id as order_item_id, 'sale credit ' || coalesce(sale::text, 'missing')
           || ', earnings ' || earnings as problem
      from items
     where order_status in ${PAID_ORDER} and status in ('paid', 'refunded')
       and coalesce(sale, 0) <> earnings
    union all
    select order_id, item_id, 'refund debit ' || coalesce(refund::text, 'missing')
           || ', earnings ' || earnings || ' (item refunded)'
      from items
     where order_status in ${PAID_ORDER} and status = 'refunded' and coalesce(refund, 0) <> earnings
    union all
    select order_id, item_id, 'refund debit ' || refund || ' on an item that is ' || status
      from items where status <> 'refunded' and refund is not null
    union all
    select order_id, item_id, 'sale credit ' || sale || ' on an order that is ' || order_status
      from items where order_status not in ${PAID_ORDER} and sale is not null
    union all
    select order_id, item_id, 'ledger in ' || ledger_currency || ', item in ' || currency
      from items where ledger_currency is not null and ledger_currency <> currency
    union all
    select o.id, null, 'total ' || o.total_amount || ', items ' || coalesce(sum(i.price_amount), 0)
      from public.orders o left join public.order_items i on i.order_id = o.id
     where o.status in ${PAID_ORDER}
     group by o.id having o.total_amount <> coalesce(sum(i.price_amount), 0)
    union all
    select o.id, null, 'refunded_amount ' || o.refunded_amount || ', refunded items '
           || coalesce(i.amount, 0) || ', succeeded refunds ' || coalesce(r.amount, 0)
      from public.orders o
      left join (select order_id, sum(price_amount) as amount from public.order_items
                  where status = 'refunded' group by order_id) i on i.order_id = o.id
      left join (select order_id, sum(amount) as amount from public.refunds
                  where status = 'succeeded' group by order_id) r on r.order_id = o.id
     where o.status in ${PAID_ORDER}
       and (o.refunded_amount <> coalesce(i.amount, 0) or o.refunded_amount <> coalesce(r.amount, 0))
     order by 1, 2`);

  const payoutRows = await db.execute<{
    payout_id: string;
    seller_id: string;
    status: string;
    problem: string;
  }>(sql`
    with p as (
      select po.id, po.seller_id, po.status, po.amount, po.currency, po.stripe_transfer_id,
             (select sum(l.amount) from public.ledger_entries l
               where l.payout_id = po.id and l.kind = 'payout') as debit,
             (select sum(l.amount) from public.ledger_entries l
               where l.payout_id = po.id and l.kind = 'payout_reversal') as reversal,
             (select bool_and(l.currency = po.currency and l.seller_id = po.seller_id)
                from public.ledger_entries l where l.payout_id = po.id) as same_owner
        from public.payouts po)
    select id as payout_id, seller_id, status,
           case
             when same_owner = false then 'ledger entries of another seller or currency'
             when status in ('processing', 'paid') and coalesce(debit, 0) <> amount
               then 'debit ' || coalesce(debit::text, 'missing') || ', amount ' || amount
             when status in ('processing', 'paid') and reversal is not null
               then 'reversed (' || reversal || ') but ' || status
             when status = 'failed' and coalesce(debit, 0) <> coalesce(reversal, 0)
               then 'failed: debit ' || coalesce(debit::text, 'missing') || ', reversal '
                    || coalesce(reversal::text, 'missing')
             when status in ('pending', 'canceled') and (debit is not null or reversal is not null)
               then status || ' with ledger entries'
             when status = 'paid' and stripe_transfer_id is null then 'paid without a transfer id'
           end as problem
      from p
     where same_owner = false
        or (status in ('processing', 'paid') and (coalesce(debit, 0) <> amount or reversal is not null))
        or (status = 'failed' and coalesce(debit, 0) <> coalesce(reversal, 0))
        or (status in ('pending', 'canceled') and (debit is not null or reversal is not null))
        or (status = 'paid' and stripe_transfer_id is null)
     order by id`);

  const result: LedgerCheck = {
    ok: false,
    currencies,
    sellers: sellers.map((s) => ({
      sellerId: s.seller_id,
      currency: s.currency,
      expected: Number(s.expected),
      ledger: Number(s.ledger),
    })),
    orders: orders.map((o) => ({
      orderId: o.order_id,
      orderItemId: o.order_item_id,
      problem: o.problem,
    })),
    payouts: payoutRows.map((p) => ({
      payoutId: p.payout_id,
      sellerId: p.seller_id,
      status: p.status,
      problem: p.problem,
    })),
  };
  result.ok =
    currencies.every((c) => c.difference === 0) &&
    result.sellers.length === 0 &&
    result.orders.length === 0 &&
    result.payouts.length === 0;
  return result;
}

/** The check as lines a person reads (the `pnpm ledger:check` output). */
export function formatLedgerCheck(check: LedgerCheck, options: { maxRows?: number } = {}): string {
  const max = options.maxRows ?? 50;
  const lines: string[] = [];
  const n = (v: number) => v.toLocaleString('en-US');
  if (check.currencies.length === 0) lines.push('No money has moved yet: nothing to check.');
  for (const c of check.currencies) {
    const cur = c.currency.toUpperCase();
    lines.push(`${cur} (minor units)`);
    const rows: [string, number][] = [
      ['captured payments', c.captured],
      ['− refunds', c.refunded],
      ['− platform fees', c.fees],
      ['− payouts', c.paidOut],
      ['+ adjustments', c.adjustments],
      ['= expected', c.expected],
      ['ledger (all balances)', c.ledger],
    ];
    const width = Math.max(...rows.map(([, v]) => n(v).length));
    for (const [label, value] of rows)
      lines.push(`  ${label.padEnd(22)} ${n(value).padStart(width)}`);
    lines.push(
      c.difference === 0
        ? '  balanced'
        : `  DIFFERENCE ${n(c.difference)} (ledger ${c.difference > 0 ? 'above' : 'below'} expected)`,
    );
  }
  const list = <T>(title: string, rows: T[], line: (row: T) => string) => {
    if (rows.length === 0) return;
    lines.push(`${title} (${rows.length}):`);
    for (const row of rows.slice(0, max)) lines.push(`  ${line(row)}`);
    if (rows.length > max) lines.push(`  … and ${rows.length - max} more`);
  };
  list(
    'Sellers whose ledger differs',
    check.sellers,
    (s) =>
      `${s.sellerId} ${s.currency}: ledger ${n(s.ledger)}, expected ${n(s.expected)} (${n(s.ledger - s.expected)})`,
  );
  list(
    'Orders that differ',
    check.orders,
    (o) => `${o.orderId}${o.orderItemId ? ` item ${o.orderItemId}` : ''}: ${o.problem}`,
  );
  list('Payouts that differ', check.payouts, (p) => `${p.payoutId} (${p.status}): ${p.problem}`);
  lines.push(check.ok ? 'OK: the ledger reconciles.' : 'FAILED: the ledger does not reconcile.');
  return lines.join('\n');
}
