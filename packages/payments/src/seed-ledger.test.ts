import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedDemoData } from '@promptnx/db/seed';
import { useTestDatabase } from '@promptnx/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLedger } from './ledger-check.js';

const database = await useTestDatabase();
const storageRoot = await mkdtemp(path.join(tmpdir(), 'promptnx-seed-ledger-'));
afterAll(() => rm(storageRoot, { recursive: true, force: true }));

describe('the demo and bench data', () => {
  it('reconciles: refunds, payouts and the ledger the seed writes agree', async () => {
    await seedDemoData(database.db, {
      prompts: 400,
      sellers: 12,
      buyers: 60,
      imagePool: 4,
      storageRoot,
      now: new Date('2026-11-20T12:00:00Z'),
    });
    const [counts] = await database.sql<{ refunds: number; payouts: number }[]>`
      select (select count(*)::int from public.refunds where status = 'succeeded') as refunds,
             (select count(*)::int from public.payouts where status = 'paid') as payouts`;
    // The data must hold the cases the check is about.
    expect(counts!.refunds).toBeGreaterThan(0);
    expect(counts!.payouts).toBeGreaterThan(0);
    const check = await checkLedger(database.db);
    expect(check.orders).toEqual([]);
    expect(check.sellers).toEqual([]);
    expect(check.payouts).toEqual([]);
    expect(check.ok).toBe(true);
  });
});
