import { describe, expect, it } from 'vitest';
import {
  dateTimeLabel,
  httpUrl,
  isPaidOrder,
  libraryPath,
  orderPath,
  receiptNumberOf,
  successPath,
} from './orders';

describe('order labels and addresses', () => {
  it('writes a date and time in UTC, the same everywhere', () => {
    expect(dateTimeLabel('2026-11-22T10:05:00Z')).toBe('Nov 22, 2026, 10:05 AM UTC');
    expect(dateTimeLabel(null)).toBe('');
  });

  it('writes a receipt number the way the API does', () => {
    expect(receiptNumberOf('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d')).toBe('PNX-A1B2C3D4');
  });

  it('treats paid and partly refunded orders as paid', () => {
    expect(isPaidOrder({ status: 'paid' })).toBe(true);
    expect(isPaidOrder({ status: 'partially_refunded' })).toBe(true);
    expect(isPaidOrder({ status: 'refunded' })).toBe(false);
    expect(isPaidOrder({ status: 'pending' })).toBe(false);
  });

  it('accepts only http(s) addresses for links that leave the site', () => {
    expect(httpUrl('https://checkout.stripe.com/c/pay/cs_1')).toBe(
      'https://checkout.stripe.com/c/pay/cs_1',
    );
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('/relative')).toBeNull();
    expect(httpUrl(null)).toBeNull();
  });

  it('builds the pages’ addresses', () => {
    expect(libraryPath('a b')).toBe('/library/a%20b');
    expect(orderPath('x')).toBe('/account/orders/x');
    expect(successPath('x')).toBe('/checkout/success?order=x');
  });
});
