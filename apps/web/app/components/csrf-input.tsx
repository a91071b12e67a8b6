import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root.server';

/** The session's CSRF token as a hidden field; every form that posts renders one. */
export function CsrfInput() {
  const data = useRouteLoaderData<typeof rootLoader>('root');
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ''} />;
}

/** True where the dev mailbox exists (everywhere but production). */
export function useDevMailbox() {
  const data = useRouteLoaderData<typeof rootLoader>('root');
  return data?.ENV.MODE !== undefined && data.ENV.MODE !== 'production';
}
