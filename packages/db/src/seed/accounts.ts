import { sql } from 'drizzle-orm';
import type { Transaction } from '../client.js';
import { sellerProfiles } from '../schema/index.js';
import { type BulkWriter, into } from './bulk.js';
import { at, DAY, type SeedContext } from './context.js';
import {
  BUYER_BIOS,
  COUNTRIES,
  FIRST_NAMES,
  LAST_NAMES,
  SELLER_BIOS,
  SELLER_HEADLINES,
  STUDIO_WORDS_A,
  STUDIO_WORDS_B,
} from './phrases-people.js';
import { ROW, rngFor, seededUuid } from './random.js';

/** The password of every seeded account (they are demo accounts, nothing else). */
export const DEMO_PASSWORD = 'promptnx-demo';

export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@promptnx.dev', username: 'promptnx_admin', displayName: 'PromptNX Admin' },
  seller: { email: 'seller@promptnx.dev', username: 'demo_seller', displayName: 'Demo Seller' },
  buyer: { email: 'buyer@promptnx.dev', username: 'demo_buyer', displayName: 'Demo Buyer' },
} as const;

export interface SeedAccount {
  id: string;
  email: string;
  username: string;
  displayName: string;
  role: 'admin' | 'seller' | 'buyer';
  bio: string;
  links: { label: string; url: string }[];
  createdAt: Date;
}

export interface SeedSeller extends SeedAccount {
  headline: string;
  country: string;
  payoutsEnabled: boolean;
}

/** Index 0 of `sellers` is the demo seller, index 0 of `buyers` the demo buyer. */
export interface AccountPlan {
  admin: SeedAccount;
  sellers: SeedSeller[];
  buyers: SeedAccount[];
}

const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

class UsernamePicker {
  private readonly taken = new Set<string>(
    Object.values(DEMO_ACCOUNTS).map((account) => account.username),
  );

  pick(base: string): string {
    const clean = base.replace(/[^a-z0-9_]/g, '').slice(0, 24) || 'user';
    let name = clean.length >= 3 ? clean : `${clean}_pnx`;
    for (let n = 2; this.taken.has(name); n++) name = `${clean}${n}`;
    this.taken.add(name);
    return name;
  }
}

/** Who exists: the admin, the sellers and the buyers, with the demo three first. */
export function planAccounts(
  ctx: SeedContext,
  sellerCount: number,
  buyerCount: number,
): AccountPlan {
  const { seed, now } = ctx;
  const usernames = new UsernamePicker();
  let next = 0;
  const longAgo = (rng: ReturnType<typeof rngFor>) => at(now.getTime() - rng.int(430, 730) * DAY);

  const admin: SeedAccount = {
    id: seededUuid(seed, ROW.user, next++),
    ...DEMO_ACCOUNTS.admin,
    role: 'admin',
    bio: 'Keeps the PromptNX catalog tidy.',
    links: [],
    createdAt: at(now.getTime() - 740 * DAY),
  };

  const sellers: SeedSeller[] = [];
  for (let i = 0; i < sellerCount; i++) {
    const rng = rngFor(seed, 'seller', i);
    const id = seededUuid(seed, ROW.user, next++);
    let username: string;
    let displayName: string;
    let email: string;
    if (i === 0) {
      ({ username, displayName, email } = DEMO_ACCOUNTS.seller);
    } else if (rng.chance(0.5)) {
      const a = rng.pick(STUDIO_WORDS_A);
      const b = rng.pick(STUDIO_WORDS_B);
      username = usernames.pick(`${a}_${b}`);
      displayName = `${a.charAt(0).toUpperCase()}${a.slice(1)} ${b.charAt(0).toUpperCase()}${b.slice(1)}`;
      email = `${username}@example.com`;
    } else {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      username = usernames.pick(`${ascii(first)}_${ascii(last)}`);
      displayName = `${first} ${last}`;
      email = `${username}@example.com`;
    }
    sellers.push({
      id,
      email,
      username,
      displayName,
      role: 'seller',
      bio: rng.pick(SELLER_BIOS),
      links: [{ label: 'Portfolio', url: `https://${username.replace(/_/g, '-')}.example.com` }],
      createdAt: i === 0 ? at(now.getTime() - 735 * DAY) : longAgo(rng),
      headline: rng.pick(SELLER_HEADLINES),
      country: rng.pick(COUNTRIES),
      payoutsEnabled: i === 0 || rng.chance(0.9),
    });
  }

  const buyers: SeedAccount[] = [];
  for (let i = 0; i < buyerCount; i++) {
    const rng = rngFor(seed, 'buyer', i);
    const id = seededUuid(seed, ROW.user, next++);
    if (i === 0) {
      buyers.push({
        id,
        ...DEMO_ACCOUNTS.buyer,
        role: 'buyer',
        bio: 'Trying out PromptNX.',
        links: [],
        createdAt: at(now.getTime() - 735 * DAY),
      });
      continue;
    }
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const username = usernames.pick(
      rng.chance(0.5) ? `${ascii(first)}_${ascii(last)}` : `${ascii(first)}${rng.int(10, 99)}`,
    );
    buyers.push({
      id,
      email: `${username}@example.com`,
      username,
      displayName: `${first} ${last}`,
      role: 'buyer',
      bio: rng.pick(BUYER_BIOS),
      links: [],
      createdAt: longAgo(rng),
    });
  }
  return { admin, sellers, buyers };
}

/**
 * auth.users rows (the sign-up trigger then creates the profiles), then the
 * profile fields a sign-up does not set, then seller profiles.
 */
export async function insertAccounts(
  tx: Transaction,
  writer: BulkWriter,
  ctx: SeedContext,
  plan: AccountPlan,
  passwordHash: string,
): Promise<void> {
  const everyone = [plan.admin, ...plan.sellers, ...plan.buyers];
  const users = everyone.map((account, i) => {
    const rng = rngFor(ctx.seed, 'sign-in', i);
    return {
      instance_id: '00000000-0000-0000-0000-000000000000',
      id: account.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: account.email,
      encrypted_password: passwordHash,
      email_confirmed_at: account.createdAt,
      // GoTrue (Supabase Auth) reads these as strings and fails on NULL.
      confirmation_token: '',
      recovery_token: '',
      email_change_token_new: '',
      email_change: '',
      raw_app_meta_data: { provider: 'email', providers: ['email'] },
      raw_user_meta_data: { username: account.username, display_name: account.displayName },
      last_sign_in_at: rng.chance(0.7) ? at(ctx.now.getTime() - rng.int(0, 60) * DAY) : null,
      created_at: account.createdAt,
      updated_at: account.createdAt,
      is_anonymous: false,
    };
  });
  await writer.rows({ table: '"auth"."users"', rows: users });
  await writer.flush();

  const profileFields = everyone.map((account) => ({
    id: account.id,
    role: account.role,
    bio: account.bio,
    links: account.links,
    created_at: account.createdAt,
  }));
  await tx.execute(sql`
    update public.profiles p
    set role = x.role, bio = x.bio, links = x.links, created_at = x.created_at
    from json_populate_recordset(null::public.profiles, ${JSON.stringify(profileFields)}::text::json) x
    where p.id = x.id`);

  await writer.rows(
    into(
      sellerProfiles,
      plan.sellers.map((seller) => ({
        user_id: seller.id,
        headline: seller.headline,
        status: 'active',
        stripe_account_id: `acct_${seller.id.replace(/-/g, '').slice(0, 16)}`,
        charges_enabled: true,
        payouts_enabled: seller.payoutsEnabled,
        country: seller.country,
        default_currency: 'usd',
        created_at: seller.createdAt,
      })),
    ),
  );
}
