import { type Database, type DbOrTx, withUser } from '@promptnx/db';
import { nextPayoutAt, type PayoutRules, sellerBalance } from '@promptnx/payments';
import type {
  NextPayout,
  Payout,
  PayoutList,
  PayoutListQuery,
  PayoutSummary,
  SellerLifecycle,
} from '@promptnx/schema';
import { sql } from 'drizzle-orm';
import { AppError, notFound } from '../../lib/errors.js';
import { type Account, accountClaims } from '../../plugins/authenticate.js';
import { decodeCursor, encodeCursor } from '../catalog/cursor.js';

// Read-only: payouts are made by the worker's payout job (packages/payments);
// this module shows them, and what the next one will be.

const PAGE = 20;
const iso = (t: string | Date | null) => (t ? new Date(t).toISOString() : null);

/** The payout rules the dashboard explains: the worker pays by the same ones. */
export interface PayoutDisplayRules {
  payout: PayoutRules;
  holdSeconds: number;
}

/** A seller's account state as the dashboard and payouts page need it. */
export type SellerRow = {
  id: string;
  role: 'buyer' | 'seller' | 'admin';
  /** Null when the account never started selling (no seller profile). */
  status: 'onboarding' | 'active' | 'restricted' | 'suspended' | null;
  charges_enabled: boolean;
  payouts_enabled: boolean;
  /** Whether a payments account is connected (transfers go there). */
  has_account: boolean;
  profile_status: 'active' | 'suspended';
  currency: string;
};

/** The account behind an id with its seller profile, or undefined when there is none. */
export async function findSeller(tx: DbOrTx, sellerId: string): Promise<SellerRow | undefined> {
  const [row] = await tx.execute<SellerRow>(sql`
    select p.id, p.role, s.status, coalesce(s.charges_enabled, false) as charges_enabled,
           coalesce(s.payouts_enabled, false) as payouts_enabled,
           s.stripe_account_id is not null as has_account, p.status as profile_status,
           coalesce(s.default_currency, 'usd') as currency
    from public.profiles p
    left join public.seller_profiles s on s.user_id = p.id
    where p.id = ${sellerId}`);
  return row;
}

export const isSeller = (row: SellerRow) => row.status !== null || row.role === 'seller';

/**
 * Who may look at whose money: a seller at their own, an admin at anyone's.
 * Someone else's is a 403 whether or not that id exists; an admin asking
 * about an unknown id or a non-seller gets a 404; a buyer asking about
 * themselves is told to become a seller.
 */
export async function authorizeSellerView(
  tx: DbOrTx,
  account: Account,
  sellerId: string,
): Promise<SellerRow> {
  if (account.id !== sellerId && account.role !== 'admin') {
    throw new AppError('FORBIDDEN', "only the seller and admins can see a seller's money");
  }
  const seller = await findSeller(tx, sellerId);
  if (seller && isSeller(seller)) return seller;
  if (seller && account.id === sellerId) {
    throw new AppError('SELLER_REQUIRED', 'this account does not sell yet; become a seller first');
  }
  throw notFound(`seller ${sellerId}`);
}

/** Where the seller is in their lifecycle, and the one thing to do next. */
export function lifecycleOf(seller: SellerRow, hasPublished: boolean): SellerLifecycle {
  const step = (code: NonNullable<SellerLifecycle['nextStep']>['code'], message: string) => ({
    code,
    message,
  });
  let nextStep: SellerLifecycle['nextStep'] = null;
  if (!isSeller(seller) || seller.status === null) {
    nextStep = step('become_seller', 'Set up your seller account to start selling.');
  } else if (seller.status === 'suspended') {
    nextStep = step(
      'contact_support',
      'Your seller account is suspended: your prompts are not for sale and payouts are paused.',
    );
  } else if (seller.status === 'onboarding') {
    nextStep = step(
      'finish_onboarding',
      'Finish setting up your payout account so buyers can purchase your prompts.',
    );
  } else if (seller.status === 'restricted') {
    nextStep = step(
      'provide_information',
      'Our payment provider needs more information before you can be paid.',
    );
  } else if (!seller.payouts_enabled || !seller.has_account) {
    nextStep = step('enable_payouts', 'Payouts are not enabled yet: finish your payout details.');
  } else if (!hasPublished) {
    nextStep = step('publish_prompt', 'Publish your first prompt so buyers can find it.');
  }
  return {
    isSeller: isSeller(seller),
    status: seller.status,
    chargesEnabled: seller.charges_enabled,
    payoutsEnabled: seller.payouts_enabled,
    nextStep,
  };
}

/**
 * Balances (sellerBalance, the ledger's one sum) and the next payout: the
 * next run on the payout grid and what it would pay — the available balance
 * plus the pending earnings whose hold ends by then — if payouts are enabled
 * and that reaches the minimum.
 */
export async function payoutSummary(
  tx: DbOrTx,
  seller: SellerRow,
  rules: PayoutDisplayRules,
): Promise<PayoutSummary> {
  const currency = seller.currency;
  const [clock] = await tx.execute<{ now: string }>(sql`select now() as now`);
  const now = new Date(clock!.now);
  const balance = await sellerBalance(tx, seller.id, currency);
  const at = nextPayoutAt(now, rules.payout);
  // The pending part of that same sum whose hold ends by the run (a projection, not a balance).
  const [maturing] = await tx.execute<{ amount: string }>(sql`
    select coalesce(sum(case direction when 'credit' then amount else -amount end), 0) as amount
    from public.ledger_entries
    where seller_id = ${seller.id} and currency = ${currency}
      and available_at > now() and available_at <= ${at.toISOString()}::timestamptz`);
  const projected = balance.available + Number(maturing?.amount ?? 0);
  // The payout run's own test (decision 0016): payouts enabled on an active seller with a
  // connected account, and an active profile.
  let reason: NextPayout['reason'] = null;
  if (!isSeller(seller)) reason = 'not_a_seller';
  else if (seller.status === 'suspended' || seller.profile_status === 'suspended') {
    reason = 'seller_suspended';
  } else if (!seller.payouts_enabled || seller.status !== 'active' || !seller.has_account) {
    reason = 'payouts_not_enabled';
  } else if (projected < rules.payout.minimumAmount) reason = 'below_minimum';
  return {
    balance: {
      pending: { amount: balance.pending, currency },
      available: { amount: balance.available, currency },
      nextAvailableAt: iso(balance.nextAvailableAt),
    },
    nextPayout: {
      at: at.toISOString(),
      amount: { amount: reason ? 0 : projected, currency },
      projectedBalance: { amount: projected, currency },
      reason,
    },
    rules: {
      minimum: { amount: rules.payout.minimumAmount, currency },
      intervalSeconds: rules.payout.intervalSeconds,
      holdSeconds: rules.holdSeconds,
    },
  };
}

type PayoutRow = {
  id: string;
  status: Payout['status'];
  amount: number;
  currency: string;
  created_at: string;
  scheduled_for: string;
  paid_at: string | null;
  failure_reason: string | null;
  last_error: string | null;
};

export const payoutColumns = sql`id, status, amount, currency, created_at, scheduled_for, paid_at, failure_reason, last_error`;

export const toPayout = (r: PayoutRow): Payout => ({
  id: r.id,
  status: r.status,
  amount: { amount: r.amount, currency: r.currency },
  createdAt: iso(r.created_at)!,
  scheduledFor: iso(r.scheduled_for)!,
  paidAt: iso(r.paid_at),
  failureReason: r.failure_reason,
  lastError: r.status === 'processing' ? r.last_error : null,
});

/** A seller's newest payouts (the dashboard shows a few). */
export async function recentPayouts(tx: DbOrTx, sellerId: string, limit: number) {
  const rows = await tx.execute<PayoutRow>(sql`
    select ${payoutColumns} from public.payouts where seller_id = ${sellerId}
    order by created_at desc, id desc limit ${limit}`);
  return rows.map(toPayout);
}

/** A "newest first" page boundary in the catalog's cursor format, as orders writes it. */
function timeCursor(t: string, id: string) {
  return encodeCursor({ s: 'payouts', k: [t], id });
}

function readTimeCursor(text: string): { t: string; id: string } {
  const cursor = decodeCursor(text);
  const t = cursor && 'k' in cursor && cursor.s === 'payouts' ? cursor.k[0] : undefined;
  if (cursor && 'k' in cursor && typeof t === 'string' && !Number.isNaN(Date.parse(t))) {
    return { t, id: cursor.id };
  }
  throw new AppError('VALIDATION_FAILED', 'invalid query.cursor', [
    { field: 'query.cursor', message: 'is not a cursor this API gave out' },
  ]);
}

/** GET /api/payouts: read as the asker, so RLS checks the rows again. */
export function createPayoutService(db: Database, rules: PayoutDisplayRules) {
  return {
    async list(account: Account, query: PayoutListQuery): Promise<PayoutList> {
      const sellerId = query.sellerId ?? account.id;
      const after = query.cursor ? readTimeCursor(query.cursor) : undefined;
      return withUser(db, accountClaims(account), async (tx) => {
        const seller = await authorizeSellerView(tx, account, sellerId);
        // The cursor keeps microseconds: payouts made in one run share a millisecond.
        const rows = await tx.execute<PayoutRow & { cursor_at: string }>(sql`
          select ${payoutColumns},
                 to_char(created_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at
          from public.payouts
          where seller_id = ${sellerId}
          ${after ? sql`and (created_at, id) < (${after.t}::timestamptz, ${after.id}::uuid)` : sql``}
          order by created_at desc, id desc
          limit ${PAGE + 1}`);
        const page = rows.slice(0, PAGE);
        const last = page.at(-1);
        return {
          sellerId,
          items: page.map(toPayout),
          nextCursor: rows.length > PAGE && last ? timeCursor(last.cursor_at, last.id) : null,
          summary: await payoutSummary(tx, seller, rules),
        };
      });
    },
  };
}

export type PayoutService = ReturnType<typeof createPayoutService>;
