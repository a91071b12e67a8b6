import { createApiClient } from './api.server';

/**
 * How many notifications the user has not read, for the bell; null when the API
 * cannot answer (down, slow, or the token was refused: the page decides about that).
 * Never throws: every page of a signed-in user shows the header.
 */
export async function unreadNotificationCount(
  request: Request,
  accessToken: string,
): Promise<number | null> {
  try {
    return await createApiClient(request, accessToken).notifications.unreadCount();
  } catch (error) {
    console.warn(`[web] unread notifications: ${(error as Error).message}`);
    return null;
  }
}
