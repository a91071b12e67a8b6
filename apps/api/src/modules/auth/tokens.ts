import {
  createRemoteJWKSet,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';

export interface TokenSettings {
  /** HS256 secret shared with Supabase (or the embedded auth server). */
  jwtSecret?: string | undefined;
  /** Where asymmetric signing keys are published (Supabase: <url>/auth/v1/.well-known/jwks.json). */
  jwksUrl?: string | undefined;
  audience: string;
  issuer?: string | undefined;
}

/** The claims PromptNX reads from a Supabase access token. */
export interface AccessClaims extends JWTPayload {
  sub: string;
  email?: string;
  role: string;
  session_id?: string;
  is_anonymous?: boolean;
}

/** Why a token was refused, for the 401 detail; never includes the token. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError';
}

export function createTokenVerifier(settings: TokenSettings) {
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : undefined;
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const algorithms = [...(secret ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256', 'EdDSA'] : [])];

  // HS256 tokens are checked with the shared secret, the others against the JWKS.
  const key: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') {
      if (!secret)
        throw new InvalidTokenError(
          'the token is signed with an algorithm this API does not accept',
        );
      return secret;
    }
    if (!jwks)
      throw new InvalidTokenError('the token is signed with an algorithm this API does not accept');
    return jwks(header, token);
  };

  return async function verifyAccessToken(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms,
        audience: settings.audience,
        ...(settings.issuer ? { issuer: settings.issuer } : {}),
        requiredClaims: ['sub', 'exp'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') {
        throw new InvalidTokenError('the token lacks the sub or role claim');
      }
      return payload as AccessClaims;
    } catch (error) {
      throw new InvalidTokenError(describeTokenError(error), { cause: error });
    }
  };
}

function describeTokenError(error: unknown): string {
  if (error instanceof InvalidTokenError) return error.message;
  if (error instanceof errors.JWTExpired) return 'the access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the access token is not meant for this API (audience)';
    if (error.claim === 'iss') return 'the access token comes from another issuer';
    if (error.claim === 'nbf') return 'the access token is not valid yet';
    return `the access token has an invalid ${error.claim} claim`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the access token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'the token is signed with an algorithm this API does not accept';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the access token is signed with an unknown key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return 'the access token is malformed';
  return 'the access token could not be verified';
}

/** Signs an HS256 access token with Supabase's claim set (embedded auth and tests). */
export async function signAccessToken(
  secret: string,
  claims: AccessClaims & { aud: string; iss: string },
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
