import { auditLogs, type Database, profiles, sellerProfiles } from '@promptnx/db';
import type { Onboarding } from '@promptnx/schema';
import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../lib/errors.js';
import type { Account } from '../../plugins/authenticate.js';
import type { ConnectedAccount, ConnectPayments } from '../payments/connect.js';

type SellerRow = typeof sellerProfiles.$inferSelect;

function sellerStatus(account: ConnectedAccount): SellerRow['status'] {
  if (account.chargesEnabled && account.payoutsEnabled) return 'active';
  if (account.disabledReason && !account.disabledReason.startsWith('requirements.pending')) {
    return account.detailsSubmitted ? 'restricted' : 'onboarding';
  }
  return 'onboarding';
}

const toOnboarding = (row: SellerRow, onboardingUrl: string | null): Onboarding => ({
  seller: {
    status: row.status,
    chargesEnabled: row.chargesEnabled,
    payoutsEnabled: row.payoutsEnabled,
    headline: row.headline,
  },
  onboardingUrl,
});

/**
 * Becoming a seller: a seller profile, a connected payments account, and the
 * account's state read back from the provider (never from the request).
 * System code: it writes role and Stripe fields, which users cannot.
 */
export function createSellerService(db: Database, connect: ConnectPayments, siteUrl: string) {
  const urls = {
    refreshUrl: new URL('/sell?onboarding=refresh', siteUrl).toString(),
    returnUrl: new URL('/sell?onboarding=return', siteUrl).toString(),
  };

  async function findSeller(userId: string) {
    const [row] = await db.select().from(sellerProfiles).where(eq(sellerProfiles.userId, userId));
    return row;
  }

  /** Copies the provider's view of the account into the seller profile. */
  async function refreshFromProvider(row: SellerRow): Promise<SellerRow> {
    if (!row.stripeAccountId || row.status === 'suspended') return row;
    const remote = await connect.getAccount(row.stripeAccountId);
    const [updated] = await db
      .update(sellerProfiles)
      .set({
        status: sellerStatus(remote),
        chargesEnabled: remote.chargesEnabled,
        payoutsEnabled: remote.payoutsEnabled,
        country: remote.country,
        ...(remote.defaultCurrency ? { defaultCurrency: remote.defaultCurrency } : {}),
      })
      .where(eq(sellerProfiles.userId, row.userId))
      .returning();
    return updated ?? row;
  }

  return {
    async startOnboarding(account: Account): Promise<Onboarding> {
      await db.transaction(async (tx) => {
        const created = await tx
          .insert(sellerProfiles)
          .values({ userId: account.id })
          .onConflictDoNothing()
          .returning({ userId: sellerProfiles.userId });
        await tx
          .update(profiles)
          .set({ role: 'seller' })
          .where(and(eq(profiles.id, account.id), eq(profiles.role, 'buyer')));
        if (created.length > 0) {
          await tx.insert(auditLogs).values({
            actorId: account.id,
            action: 'seller.onboarding_started',
            entityType: 'seller_profile',
            entityId: account.id,
            after: { payments: connect.mode },
          });
        }
      });
      let row = await findSeller(account.id);
      if (!row) throw new Error('seller profile vanished during onboarding');
      if (row.status === 'suspended') {
        throw new AppError('ACCOUNT_SUSPENDED', 'this seller account is suspended');
      }
      if (!row.stripeAccountId) {
        // Outside the transaction: a network call. The provider's idempotency
        // key and the `is null` guard keep a retry from making a second account.
        const accountId = await connect.createAccount({ userId: account.id, email: account.email });
        await db
          .update(sellerProfiles)
          .set({ stripeAccountId: accountId })
          .where(
            and(eq(sellerProfiles.userId, account.id), isNull(sellerProfiles.stripeAccountId)),
          );
        row = (await findSeller(account.id)) ?? row;
      }
      row = await refreshFromProvider(row);
      const next =
        row.status === 'active' || !row.stripeAccountId
          ? null
          : await connect.onboardingLink(row.stripeAccountId, urls);
      return toOnboarding(row, next);
    },

    async onboardingStatus(account: Account): Promise<Onboarding> {
      const row = await findSeller(account.id);
      if (!row) throw new AppError('NOT_FOUND', 'this account is not a seller yet');
      const fresh = await refreshFromProvider(row);
      return toOnboarding(fresh, null);
    },
  };
}

export type SellerService = ReturnType<typeof createSellerService>;
