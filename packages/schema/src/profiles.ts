import { z } from 'zod';

export const PROFILE_ROLES = ['buyer', 'seller', 'admin'] as const;
export const usernameSchema = z
  .string()
  .toLowerCase()
  .regex(/^[a-z0-9_]{3,30}$/, '3–30 lowercase letters, digits or underscores');

export const profileLinkSchema = z.object({
  label: z.string().trim().min(1).max(40),
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(300),
});

export const sellerStateSchema = z.object({
  status: z.enum(['onboarding', 'active', 'restricted', 'suspended']),
  chargesEnabled: z.boolean(),
  payoutsEnabled: z.boolean(),
  headline: z.string(),
});

/** The signed-in user as the API sees them (GET /api/me). */
export const meSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  bio: z.string(),
  avatarUrl: z.string().nullable(),
  links: z.array(profileLinkSchema),
  role: z.enum(PROFILE_ROLES),
  status: z.enum(['active', 'suspended']),
  /** Why the account is suspended; only ever shown to its owner and admins. */
  suspendedReason: z.string().nullable(),
  seller: sellerStateSchema.nullable(),
  createdAt: z.string(),
});

/**
 * PATCH /api/me: only these fields. Strict, so a request that tries to set
 * role, status or anything else is refused with the field named.
 */
export const updateMeSchema = z
  .strictObject({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(80),
    bio: z.string().max(2000),
    links: z.array(profileLinkSchema).max(5),
  })
  .partial();

export const onboardingSchema = z.object({
  seller: sellerStateSchema,
  /** Where to send the seller next (Stripe's hosted onboarding), when there is a next step. */
  onboardingUrl: z.string().nullable(),
});

export type Me = z.infer<typeof meSchema>;
export type UpdateMe = z.infer<typeof updateMeSchema>;
export type Onboarding = z.infer<typeof onboardingSchema>;
