/** The money rules (DESIGN §5); every one configurable, these are the defaults. */
export interface MoneyRules {
  /** Platform fee in basis points of the price: 2000 = 20 %. */
  feeBps: number;
  /** How long a sale's earnings wait before they can be paid out. */
  holdSeconds: number;
  /** How long after payment a buyer may ask for a refund. */
  refundWindowDays: number;
}

export const DEFAULT_RULES: MoneyRules = {
  feeBps: 2000,
  holdSeconds: 7 * 24 * 3600,
  refundWindowDays: 14,
};

/**
 * Splits a price into the platform fee and the seller's earnings, in minor
 * units; the fee rounds half up, so fee + earnings is always the price.
 */
export function splitPrice(amount: number, feeBps: number): { fee: number; earnings: number } {
  if (!Number.isInteger(amount) || amount < 0) throw new Error(`not an amount: ${amount}`);
  const fee = Math.floor((amount * feeBps + 5000) / 10000);
  return { fee, earnings: amount - fee };
}

/** A receipt number people can quote: the order id's first block in upper case. */
export const receiptNumber = (orderId: string) => `PNX-${orderId.slice(0, 8).toUpperCase()}`;

/** When and how much sellers are paid (DESIGN §5): configurable, these are the defaults. */
export interface PayoutRules {
  /** No payout below this available balance, in minor units ($10). */
  minimumAmount: number;
  /**
   * Payouts run at every multiple of this many seconds since the Unix epoch
   * (86400: daily at 00:00 UTC). The worker schedules runs on this grid and
   * the dashboard tells sellers the next one from the same rule.
   */
  intervalSeconds: number;
}

export const DEFAULT_PAYOUT_RULES: PayoutRules = {
  minimumAmount: 1000,
  intervalSeconds: 86_400,
};

/** The next scheduled payout run strictly after `now`. */
export function nextPayoutAt(now: Date, rules: PayoutRules): Date {
  const step = rules.intervalSeconds * 1000;
  return new Date((Math.floor(now.getTime() / step) + 1) * step);
}
