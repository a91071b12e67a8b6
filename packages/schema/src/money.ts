import { z } from 'zod';

/** ISO 4217 code, lower case as Stripe writes it. */
export const currencySchema = z
  .string()
  .regex(/^[a-z]{3}$/, 'a three-letter ISO 4217 code in lower case');

/** An amount in integer minor units (cents) with its currency; never a float. */
export const moneySchema = z.object({
  amount: z.number().int().nonnegative(),
  currency: currencySchema,
});

export type Money = z.infer<typeof moneySchema>;

/** Formats minor units for people, e.g. { 1999, 'usd' } → "$19.99". */
export function formatMoney(money: Money, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency.toUpperCase(),
  }).format(money.amount / 100);
}
