import { parseArgs } from 'node:util';
import { grantAdmin } from '../admin.js';
import { createDb } from '../client.js';
import { runWithDatabase } from './run.js';

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
const email = positionals[0];
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error('usage: pnpm admin:grant <email>');
  process.exit(2);
}

await runWithDatabase('admin:grant', async (url) => {
  const client = createDb(url, { max: 1 });
  try {
    const result = await grantAdmin(client.db, email);
    if (result === 'no-such-user') {
      console.error(`admin:grant: no account with the e-mail ${email}; sign up first`);
      process.exitCode = 1;
    } else if (result === 'already-admin') {
      console.log(`admin:grant: ${email} is already an admin`);
    } else {
      console.log(`admin:grant: ${email} is now an admin`);
    }
  } finally {
    await client.close();
  }
});
