import { timingSafeEqual } from 'node:crypto';
import { getSession } from './session.server';

/** The name of the hidden input <CsrfInput/> renders. */
export const CSRF_FIELD = 'csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function forbidden(message: string): Response {
  return new Response(message, { status: 403, statusText: 'Forbidden' });
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a state-changing request that a browser sent from another site: its Origin (or,
 * without one, its Referer) must name this host. Compared by host, like Remix does, so a
 * proxy that terminates TLS in front of the server does not break every form.
 * Browsers send Origin on every POST; a request with neither header still needs the token.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const ownHost = new URL(request.url).host;
  const origin = request.headers.get('Origin');
  if (origin !== null) {
    // "null" is an opaque origin: a sandboxed frame, a data: URL, a privacy redirect.
    if (hostOf(origin) !== ownHost) throw forbidden('This form was sent from another site.');
    return;
  }
  const referer = request.headers.get('Referer');
  if (referer !== null && hostOf(referer) !== ownHost) {
    throw forbidden('This form was sent from another site.');
  }
}

function sameToken(expected: string, received: string) {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every action calls this first: same-origin request and the session's CSRF token in the
 * form. Throws a 403 response otherwise.
 */
export async function assertCsrf(request: Request, formData: FormData): Promise<void> {
  assertSameOrigin(request);
  const expected = (await getSession(request)).get('csrf');
  const received = formData.get(CSRF_FIELD);
  if (!expected || typeof received !== 'string' || !sameToken(expected, received)) {
    throw forbidden('This form has expired. Reload the page and try again.');
  }
}
