import { randomUUID } from 'node:crypto';
import {
  createCategory,
  createPublishedPrompt,
  createSeller,
  createUser,
  useTestDatabase,
} from '@promptnx/db/testing';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/capture-logs.js';
import { RECONCILE_PAYMENTS_QUEUE } from './index.js';
import { reconcilePaymentsJob } from './reconcile-payments.js';

const database = await useTestDatabase();
const { db, sql } = database;

describe('reconcile-payments', () => {
  it('fulfils a paid checkout whose webhook never came, once, and leaves young orders to the webhook', async () => {
    const seller = await createSeller(db);
    const buyer = await createUser(db);
    const category = await createCategory(db);
    const bought = await createPublishedPrompt(db, seller, {
      categoryId: category.id,
      priceAmount: 1500,
    });

    // An order paid at the (embedded) provider ten minutes ago; the event was lost.
    const orderId = randomUUID();
    await sql`insert into orders (id, buyer_id, subtotal_amount, platform_fee_amount, total_amount,
                                  stripe_checkout_session_id, created_at)
              values (${orderId}, ${buyer.id}, 1500, 300, 1500, ${`cs_test_${orderId.slice(0, 8)}`},
                      now() - interval '10 minutes')`;
    await sql`insert into order_items (order_id, prompt_id, version_id, seller_id, price_amount,
                                       platform_fee_amount, seller_earnings_amount)
              values (${orderId}, ${bought.prompt.id}, ${bought.version.id}, ${seller.id}, 1500, 300, 1200)`;
    await sql`insert into embedded_checkout_sessions (id, order_id, amount, status, payment_intent_id,
                                                      success_url, cancel_url, expires_at, completed_at)
              values (${`cs_test_${orderId.slice(0, 8)}`}, ${orderId}, 1500, 'complete', 'pi_test_lost',
                      'http://web.test/ok', 'http://web.test/no', now() + interval '1 day', now())`;
    // A young pending order: the webhook still has time.
    const youngId = randomUUID();
    await sql`insert into orders (id, buyer_id, subtotal_amount, platform_fee_amount, total_amount,
                                  stripe_checkout_session_id)
              values (${youngId}, ${buyer.id}, 1500, 300, 1500, ${`cs_test_${youngId.slice(0, 8)}`})`;

    const job = reconcilePaymentsJob('*/5 * * * *', {
      mode: 'embedded',
      apiPublicUrl: 'http://api.test',
      webUrl: 'http://web.test',
      rules: { feeBps: 2000, holdSeconds: 604800, refundWindowDays: 14 },
      minAgeSeconds: 300,
    });
    expect(job.name).toBe(RECONCILE_PAYMENTS_QUEUE);
    const { logger } = captureLogs();
    const context = { db, sql, logger, boss: {} as PgBoss };
    const fakeJob = { id: 'job-1', name: job.name, data: {} } as PgBoss.Job<object>;

    const first = (await job.handler(fakeJob, context)) as { fulfilled: number; checked: number };
    expect(first).toMatchObject({ fulfilled: 1, checked: 1 });
    const second = (await job.handler(fakeJob, context)) as { fulfilled: number };
    expect(second.fulfilled).toBe(0);

    const [row] = await sql`
      select o.status,
        (select count(*)::int from entitlements e where e.user_id = ${buyer.id} and e.prompt_id = ${bought.prompt.id}) as entitlements,
        (select count(*)::int from ledger_entries l join order_items i on i.id = l.order_item_id where i.order_id = o.id) as credits,
        (select count(*)::int from outbound_emails m where m.dedupe_key = ${`order_receipt:${orderId}`}) as receipts
      from orders o where o.id = ${orderId}`;
    expect(row).toMatchObject({ status: 'paid', entitlements: 1, credits: 1, receipts: 1 });
    const [young] = await sql`select status from orders where id = ${youngId}`;
    expect(young?.status).toBe('pending');
  });
});
