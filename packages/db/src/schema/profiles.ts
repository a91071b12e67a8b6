import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  anonRole,
  authenticatedRole,
  authUsers,
  createdAt,
  currentUser,
  isAdmin,
  oneOf,
  updatedAt,
} from './shared.js';

export const PROFILE_ROLES = ['buyer', 'seller', 'admin'] as const;
export const PROFILE_STATUSES = ['active', 'suspended'] as const;

/**
 * One per auth.users row, created by a trigger on sign-up. Public columns are
 * readable by everyone; role, status and the suspension reason are changed only
 * by system code (column grants in the migration allow users to edit their
 * username, display name, bio, avatar and links, nothing else).
 */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid()
      .primaryKey()
      .references(() => authUsers.id, { onDelete: 'cascade' }),
    username: text().unique(),
    displayName: text().notNull().default(''),
    bio: text().notNull().default(''),
    avatarPath: text(),
    links: jsonb().$type<{ label: string; url: string }[]>().notNull().default([]),
    role: text({ enum: PROFILE_ROLES }).notNull().default('buyer'),
    status: text({ enum: PROFILE_STATUSES }).notNull().default('active'),
    suspendedReason: text(),
    suspendedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('profiles_role_valid', oneOf(t.role, PROFILE_ROLES)),
    check('profiles_status_valid', oneOf(t.status, PROFILE_STATUSES)),
    check('profiles_username_format', sql`${t.username} ~ '^[a-z0-9_]{3,30}$'`),
    check('profiles_display_name_length', sql`char_length(${t.displayName}) <= 80`),
    check('profiles_bio_length', sql`char_length(${t.bio}) <= 2000`),
    pgPolicy('anyone reads public profiles', {
      for: 'select',
      to: [anonRole, authenticatedRole],
      using: sql`true`,
    }),
    pgPolicy('users update their own profile', {
      for: 'update',
      to: authenticatedRole,
      using: sql`${t.id} = ${currentUser}`,
      withCheck: sql`${t.id} = ${currentUser}`,
    }),
  ],
).enableRLS();

export const SELLER_STATUSES = ['onboarding', 'active', 'restricted', 'suspended'] as const;

/** A user's seller side: Stripe Connect account and whether payouts can be made. */
export const sellerProfiles = pgTable(
  'seller_profiles',
  {
    userId: uuid()
      .primaryKey()
      .references(() => profiles.id, { onDelete: 'cascade' }),
    headline: text().notNull().default(''),
    status: text({ enum: SELLER_STATUSES }).notNull().default('onboarding'),
    stripeAccountId: text().unique(),
    chargesEnabled: boolean().notNull().default(false),
    payoutsEnabled: boolean().notNull().default(false),
    country: text(),
    defaultCurrency: text().notNull().default('usd'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('seller_profiles_status_valid', oneOf(t.status, SELLER_STATUSES)),
    check('seller_profiles_currency_format', sql`${t.defaultCurrency} ~ '^[a-z]{3}$'`),
    check('seller_profiles_headline_length', sql`char_length(${t.headline}) <= 160`),
    pgPolicy('sellers and admins read seller profiles', {
      for: 'select',
      to: authenticatedRole,
      using: sql`${t.userId} = ${currentUser} or ${isAdmin}`,
    }),
  ],
).enableRLS();

export type Profile = typeof profiles.$inferSelect;
export type SellerProfile = typeof sellerProfiles.$inferSelect;
