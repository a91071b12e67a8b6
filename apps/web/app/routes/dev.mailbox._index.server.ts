import type { LoaderFunctionArgs } from '@remix-run/node';
import { assertDevMailbox, listMailbox } from '../lib/mailbox.server';

export async function loader({ request }: LoaderFunctionArgs) {
  assertDevMailbox();
  const to = new URL(request.url).searchParams.get('to')?.trim() || undefined;
  const messages = await listMailbox(request, to);
  return {
    to: to ?? '',
    messages:
      messages?.map(({ id, to, subject, createdAt }) => ({ id, to, subject, createdAt })) ?? null,
  };
}
