import { createSeller, createUser, useTestDatabase } from '@promptnx/db/testing';
import { checkLedger, sellerBalance } from '@promptnx/payments';
import { sell } from '@promptnx/payments/testing';
import type PgBoss from 'pg-boss';
import { describe, expect, it } from 'vitest';
import { captureLogs } from '../testing/capture-logs.js';
import { waitFor } from '../testing/wait-for.js';
import { PAYOUTS_QUEUE } from './index.js';
import { payoutsJob } from './payouts.js';
import type { PaymentsSettings } from './reconcile-payments.js';

const database = await useTestDatabase();
const { db, sql } = database;

const settings = (intervalSeconds: number): PaymentsSettings => ({
  mode: 'embedded',
  apiPublicUrl: 'http://api.test',
  webUrl: 'http://web.test',
  rules: { feeBps: 2000, holdSeconds: 1, refundWindowDays: 14 },
  minAgeSeconds: 300,
  payoutRules: { minimumAmount: 1000, intervalSeconds },
});
const fakeJob = (data: object = {}) =>
  ({ id: 'job-1', name: PAYOUTS_QUEUE, data }) as PgBoss.Job<object>;

describe('payouts job', () => {
  it('pays a sale once its hold is over, and a retried job pays nothing twice', async () => {
    const job = payoutsJob(settings(86_400));
    expect(job).toMatchObject({ name: PAYOUTS_QUEUE, cron: '0 0 * * *' });
    const { logger, lines } = captureLogs();
    const context = { db, sql, logger, boss: {} as PgBoss };

    const seller = await createSeller(db);
    const buyer = await createUser(db);
    // A hold of one second, the way a test deployment sets EARNINGS_HOLD_SECONDS=1.
    await sell(db, { seller, buyer, price: 1500, rules: settings(86_400).rules });
    const early = await job.handler(fakeJob(), context);
    expect(early).toMatchObject({ created: 0, paid: 0 });
    expect(await sellerBalance(db, seller.id)).toMatchObject({ pending: 1200, available: 0 });

    await waitFor('the hold to end', async () =>
      (await sellerBalance(db, seller.id)).available > 0 ? true : undefined,
    );
    expect(await job.handler(fakeJob(), context)).toMatchObject({ created: 1, paid: 1 });
    // pg-boss retries the job (or a second worker runs it): nothing more.
    expect(await job.handler(fakeJob(), context)).toMatchObject({ created: 0, paid: 0 });

    const rows = await sql<{ amount: number; status: string; transfers: number }[]>`
      select p.amount, p.status,
             (select count(*)::int from embedded_transfers t where t.payout_id = p.id) as transfers
        from payouts p where p.seller_id = ${seller.id}`;
    expect(rows).toEqual([{ amount: 1200, status: 'paid', transfers: 1 }]);
    expect(lines.some((l) => l.msg === 'payouts run' && l.paid === 1)).toBe(true);
    expect((await checkLedger(db)).ok).toBe(true);
  });

  it('skips ticks off the payout grid unless asked to run by hand', async () => {
    // Every two days since the epoch: 2026-11-23 is on the grid, 2026-11-22 is not.
    const offGrid = payoutsJob(settings(172_800), {
      now: () => new Date('2026-11-22T00:00:05Z'),
    });
    const { logger } = captureLogs();
    const context = { db, sql, logger, boss: {} as PgBoss };
    const seller = await createSeller(db);
    await sell(db, {
      seller,
      buyer: await createUser(db),
      price: 5000,
      rules: { ...settings(60).rules, holdSeconds: 0 },
    });

    expect(await offGrid.handler(fakeJob(), context)).toEqual({ skipped: true });
    const [none] = await sql`select count(*)::int as n from payouts where seller_id = ${seller.id}`;
    expect(none?.n).toBe(0);

    expect(await offGrid.handler(fakeJob({ force: true }), context)).toMatchObject({
      created: 1,
      paid: 1,
    });
    await sell(db, {
      seller,
      buyer: await createUser(db),
      price: 2500,
      rules: { ...settings(60).rules, holdSeconds: 0 },
    });
    const onGrid = payoutsJob(settings(172_800), {
      now: () => new Date('2026-11-23T00:00:05Z'),
    });
    expect(await onGrid.handler(fakeJob(), context)).toMatchObject({ created: 1, paid: 1 });
    const paid =
      await sql`select amount from payouts where seller_id = ${seller.id} order by created_at`;
    expect(paid.map((p) => p.amount)).toEqual([4000, 2000]);
  });
});
