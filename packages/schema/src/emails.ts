import { z } from 'zod';

/** An e-mail as the dev mailbox shows it (embedded mode only). */
export const mailboxMessageSchema = z.object({
  id: z.uuid(),
  to: z.string(),
  template: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: z.string(),
});

export const mailboxSchema = z.object({ items: z.array(mailboxMessageSchema) });

export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;
