import { z } from 'zod';

// Shapes of the Supabase Auth (GoTrue) API subset PromptNX uses. The embedded
// auth server answers with exactly these, so the SDK and supabase-js work the
// same against it and against Supabase.

export const emailSchema = z.email('must be an e-mail address').max(255).toLowerCase();
export const passwordSchema = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(72, 'must be at most 72 characters');

export const authUserSchema = z.object({
  id: z.uuid(),
  aud: z.string(),
  role: z.string(),
  email: z.string(),
  email_confirmed_at: z.string().nullable().optional(),
  confirmed_at: z.string().nullable().optional(),
  last_sign_in_at: z.string().nullable().optional(),
  app_metadata: z.record(z.string(), z.unknown()),
  user_metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string().optional(),
  is_anonymous: z.boolean().optional(),
});

export const sessionSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  expires_at: z.number().int(),
  refresh_token: z.string(),
  user: authUserSchema,
});

/** POST /auth/v1/signup answers with a session, or with just the user when e-mail must be confirmed. */
export const signUpResponseSchema = z.union([sessionSchema, authUserSchema]);

/** GoTrue's error body. */
export const authErrorSchema = z.object({
  code: z.number().int(),
  error_code: z.string(),
  msg: z.string(),
});

export const signUpBodySchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  data: z.record(z.string(), z.unknown()).optional(),
});
export const passwordGrantSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(72),
});
export const refreshGrantSchema = z.object({ refresh_token: z.string().min(1).max(255) });
export const recoverBodySchema = z.object({ email: emailSchema });
export const verifyBodySchema = z.object({
  type: z.enum(['signup', 'recovery', 'email', 'email_change']),
  token_hash: z.string().min(16).max(255),
});
export const updateUserBodySchema = z.object({
  email: emailSchema.optional(),
  password: passwordSchema.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export type AuthUser = z.infer<typeof authUserSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type AuthErrorBody = z.infer<typeof authErrorSchema>;
