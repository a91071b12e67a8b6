import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSeller, createUser, useTestDatabase } from '@promptnx/db/testing';
import { sell } from '@promptnx/payments/testing';
import { describe, expect, it } from 'vitest';

const database = await useTestDatabase();
const { db, sql } = database;
const packageDir = fileURLToPath(new URL('../..', import.meta.url));

// The commands as `pnpm payouts:run` and `pnpm ledger:check` run them: their
// own process, only these variables.
function run(script: 'payouts-run' | 'ledger-check', env: Record<string, string> = {}) {
  const cli = fileURLToPath(new URL(`./${script}.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', cli], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('pnpm payouts:run and pnpm ledger:check', () => {
  it('pays by hand, proves the ledger, and exits 1 naming the seller and order once it is tampered with', async () => {
    const seller = await createSeller(db);
    const sale = await sell(db, {
      seller,
      buyer: await createUser(db),
      price: 1500,
      rules: { feeBps: 2000, holdSeconds: 0, refundWindowDays: 14 },
    });

    const paid = await run('payouts-run');
    expect(paid.stderr).toBe('');
    expect(paid.code).toBe(0);
    expect(paid.stdout).toMatch(
      /^payouts:run: 1 paid \(\$12\.00\), 0 failed, 0 waiting for a retry, 0 errors, 1 sellers over the minimum, 1 new payouts, 0 unfinished retried in [\d.]+ s\n$/,
    );
    const [payout] = await sql`select status, amount from payouts where seller_id = ${seller.id}`;
    expect(payout).toEqual({ status: 'paid', amount: 1200 });

    const ok = await run('ledger-check');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe(
      [
        'USD (minor units)',
        '  captured payments      1,500',
        '  − refunds                  0',
        '  − platform fees          300',
        '  − payouts              1,200',
        '  + adjustments              0',
        '  = expected                 0',
        '  ledger (all balances)      0',
        '  balanced',
        'OK: the ledger reconciles.',
        '',
      ].join('\n'),
    );

    await sql`update ledger_entries set amount = amount + 7
               where order_item_id = ${sale.orderItemId} and kind = 'sale'`;
    const bad = await run('ledger-check');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('DIFFERENCE 7 (ledger above expected)');
    expect(bad.stderr).toContain(`${seller.id} usd: ledger 7, expected 0 (7)`);
    expect(bad.stderr).toContain(
      `${sale.orderId} item ${sale.orderItemId}: sale credit 1207, earnings 1200`,
    );
    expect(bad.stderr.trim().split('\n').at(-1)).toBe('FAILED: the ledger does not reconcile.');
  });

  it('stops with one line naming a bad payout setting', async () => {
    const result = await run('payouts-run', { PAYOUT_INTERVAL_SECONDS: '90' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'payouts:run: PAYOUT_INTERVAL_SECONDS must be whole minutes (a multiple of 60)',
    );
  });
});
