import type { MailboxMessage } from '@promptnx/schema';
import { ApiError } from '@promptnx/sdk';
import { isDevMailboxEnabled } from '../env.server';
import { createApiClient, isApiOutage, outageResponse } from './api.server';

/** The dev mailbox does not exist in production: a 404 like any unknown page. */
export function assertDevMailbox() {
  if (!isDevMailboxEnabled()) throw new Response('Not Found', { status: 404 });
}

/**
 * Captured e-mails, newest first; null when the API sends real e-mail (it has no mailbox
 * then).
 */
export async function listMailbox(request: Request, to?: string): Promise<MailboxMessage[] | null> {
  try {
    const items = await createApiClient(request).dev.mailbox(to);
    return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    if (isApiOutage(error))
      throw outageResponse(error, 'dev mailbox', 'The mailbox is unavailable right now');
    throw error;
  }
}
