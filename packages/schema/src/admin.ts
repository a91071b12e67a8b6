import { z } from 'zod';
import { PROFILE_ROLES } from './profiles.js';

export const adminUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(PROFILE_ROLES),
  status: z.enum(['active', 'suspended']),
  createdAt: z.string(),
});

export const adminUserListSchema = z.object({ items: z.array(adminUserSchema) });
export const adminUserQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export type AdminUser = z.infer<typeof adminUserSchema>;
