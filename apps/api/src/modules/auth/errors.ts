/**
 * An error of the Supabase Auth API, sent as GoTrue sends it
 * ({ code, error_code, msg }) so supabase-js and the SDK read it unchanged.
 */
export class GoTrueError extends Error {
  override name = 'GoTrueError';
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export const authErrors = {
  invalidCredentials: () =>
    new GoTrueError(400, 'invalid_credentials', 'Invalid login credentials'),
  emailNotConfirmed: () => new GoTrueError(400, 'email_not_confirmed', 'Email not confirmed'),
  userBanned: () => new GoTrueError(400, 'user_banned', 'User is banned'),
  userExists: () => new GoTrueError(422, 'user_already_exists', 'User already registered'),
  emailExists: () =>
    new GoTrueError(
      422,
      'email_exists',
      'A user with this email address has already been registered',
    ),
  refreshNotFound: () =>
    new GoTrueError(
      400,
      'refresh_token_not_found',
      'Invalid Refresh Token: Refresh Token Not Found',
    ),
  refreshReused: () =>
    new GoTrueError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used'),
  sessionNotFound: () =>
    new GoTrueError(
      403,
      'session_not_found',
      'Session from session_id claim in JWT does not exist',
    ),
  badJwt: (why: string) => new GoTrueError(401, 'bad_jwt', `invalid JWT: ${why}`),
  noAuthorization: () =>
    new GoTrueError(401, 'no_authorization', 'This endpoint requires a valid Bearer token'),
  otpExpired: () => new GoTrueError(403, 'otp_expired', 'Email link is invalid or has expired'),
  userNotFound: () => new GoTrueError(404, 'user_not_found', 'User not found'),
  samePassword: () =>
    new GoTrueError(
      422,
      'same_password',
      'New password should be different from the old password.',
    ),
} as const;
