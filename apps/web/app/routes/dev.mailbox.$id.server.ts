import type { LoaderFunctionArgs } from '@remix-run/node';
import { assertDevMailbox, listMailbox } from '../lib/mailbox.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  assertDevMailbox();
  const message = (await listMailbox(request))?.find((m) => m.id === params.id);
  if (!message) throw new Response('Not Found', { status: 404 });
  return { message };
}
