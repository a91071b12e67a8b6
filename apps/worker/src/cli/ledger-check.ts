import { checkLedger, formatLedgerCheck } from '@promptnx/payments';
import { parseHelpOnly, runMoneyCommand } from './cli-database.js';

const NAME = 'ledger:check';
const USAGE = `usage: pnpm ledger:check

Proves, per currency, that captured payments − refunds − platform fees −
payouts (+ manual adjustments) equal the sum of the ledger, and lists every
seller, order and payout that does not agree. Exit code 0 when the ledger
reconciles, 1 when it does not (or the database cannot be reached).

environment: DATABASE_URL (else embedded Postgres under .data/)`;

parseHelpOnly(NAME, USAGE);
await runMoneyCommand(NAME, async ({ db }) => {
  // One consistent view of every table, however busy the database is.
  const check = await db.transaction((tx) => checkLedger(tx), {
    isolationLevel: 'repeatable read',
    accessMode: 'read only',
  });
  const text = formatLedgerCheck(check);
  if (check.ok) console.log(text);
  else console.error(text);
  return check.ok ? 0 : 1;
});
