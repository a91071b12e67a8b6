import { z } from 'zod';

export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single dashes');

export const categorySchema = z.object({
  id: z.uuid(),
  slug: slugSchema,
  name: z.string(),
  description: z.string(),
});

export const categoryListSchema = z.object({
  items: z.array(categorySchema),
});

export type Category = z.infer<typeof categorySchema>;
export type CategoryList = z.infer<typeof categoryListSchema>;
