// Any origin works as the base: only its own paths are accepted.
const BASE = 'http://promptnx.invalid';

/**
 * A same-site relative path (`/account?tab=1`) or the fallback. Absolute URLs,
 * protocol-relative ones (`//evil.example`, `/\evil.example`) and anything with control
 * characters or whitespace (which URL parsers drop) are refused: no open redirects.
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2048) return fallback;
  if (!to.startsWith('/') || to.startsWith('//')) return fallback;
  // Backslashes count as slashes in browsers; control characters and spaces are stripped.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (/[\\\u0000-\u0020\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where to go after a sign-in or sign-up: the form's redirectTo, else the query's, if same-site. */
export function redirectTargetOf(
  request: Request,
  formData: FormData | undefined,
  fallback: string,
) {
  const fromForm = formData?.get('redirectTo');
  const fromQuery = new URL(request.url).searchParams.get('redirectTo');
  return safeRedirect(fromForm ?? fromQuery, fallback);
}
