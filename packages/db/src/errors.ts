/**
 * Turns a failed connection into one line that says what to fix, so a bad
 * DATABASE_URL is not reported as a stack trace.
 */
export function describeConnectionError(error: unknown, url: string): string {
  const where = redactUrl(url);
  // Drizzle wraps the driver's error (which has the code) in `cause`.
  let e = error as { code?: string; message?: string; cause?: unknown } | undefined;
  while (e && !e.code && e.cause) e = e.cause as typeof e;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${where}: is Postgres running there? Check DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host in DATABASE_URL (${where}) cannot be resolved: check DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return `connecting to ${where} timed out: check DATABASE_URL and the network`;
    case '28P01':
    case '28000':
      return `Postgres at ${where} refused the user name or password in DATABASE_URL`;
    case '3D000':
      return `the database named in DATABASE_URL (${where}) does not exist: create it or fix the URL`;
    case 'ERR_INVALID_URL':
      return `DATABASE_URL is not a valid postgres:// URL`;
    default:
      return `cannot use the database at ${where}: ${e?.message ?? String(error)}`;
  }
}

/**
 * The SQLSTATE of a failed query: Drizzle wraps the driver's error (which has
 * the code) in `cause`. Undefined for errors that are not from Postgres.
 */
export function sqlStateOfError(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
