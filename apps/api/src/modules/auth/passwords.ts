import bcrypt from 'bcryptjs';

const COST = 10;
// Compared against when the e-mail is unknown, so both paths take the same time.
const DUMMY_HASH = bcrypt.hashSync('promptnx-no-such-user', COST);

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

export async function checkPassword(password: string, hash: string | null | undefined) {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && Boolean(hash);
}
