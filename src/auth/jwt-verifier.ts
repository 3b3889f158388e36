import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../domain/errors';
import type { Principal } from './principal';
import { parseRole, strongestRole, type Role } from './role';

/** How bearer JWTs are checked. Exactly one of `secret` (HS256) and `jwksUrl` is set. */
export interface JwtOptions {
  /** Shared HS256 secret (JWT_SECRET). */
  secret?: string;
  /** JSON Web Key Set URL for asymmetric keys (JWT_JWKS_URL); keys are cached and refetched on an unknown `kid`. */
  jwksUrl?: string;
  /** Required `iss` (JWT_ISSUER), when set. */
  issuer?: string;
  /** Required `aud` (JWT_AUDIENCE), when set. */
  audience?: string;
  /** Tolerated clock difference for `exp`/`nbf`/`iat`, in seconds (JWT_CLOCK_SKEW_SECONDS). */
  clockSkewSeconds: number;
  /** Claim holding the role: a role name or a list of them, the strongest wins (JWT_ROLE_CLAIM, default `role`). */
  roleClaim: string;
  /** Role of a valid token without a role claim (JWT_DEFAULT_ROLE); undefined → such a token is refused. */
  defaultRole?: Role;
}

/** Verifies a bearer token into a principal. */
export type JwtVerifier = (token: string) => Promise<Principal>;

/**
 * Builds the verifier: signature (HS256 with the secret, or the algorithms of the JWKS),
 * `exp`/`nbf` with bounded skew, issuer and audience when configured, and a role.
 * Every failure is an UnauthenticatedError with a reason a client can act on; the token
 * itself is never echoed.
 */
export function createJwtVerifier(options: JwtOptions): JwtVerifier {
  const key: Uint8Array | JWTVerifyGetKey = options.secret !== undefined
    ? new TextEncoder().encode(options.secret)
    : createRemoteJWKSet(new URL(required(options.jwksUrl)), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockSkewSeconds,
    ...(options.secret !== undefined ? { algorithms: ['HS256'] } : {}),
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      // `key` is either form; jose's overloads want them apart.
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      throw new UnauthenticatedError(reasonOf(error), { reason: 'invalid-token' });
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0) {
      throw new UnauthenticatedError('The token has no subject (sub)', { reason: 'invalid-token' });
    }
    const claim = payload[options.roleClaim];
    const role = (Array.isArray(claim) ? strongestRole(claim) : parseRole(claim)) ?? options.defaultRole;
    if (role === undefined) throw new UnauthenticatedError(`The token carries no known role in "${options.roleClaim}"`, { reason: 'no-role' });
    return { id: `jwt:${payload.sub}`, role, source: 'jwt', expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null };
  };
}

function required(value: string | undefined): string {
  if (value === undefined) throw new Error('JWT verification needs JWT_SECRET or JWT_JWKS_URL');
  return value;
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's "${error.claim}" claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The token signature is not valid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The token algorithm is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'No key matches the token';
  return 'The token is not valid';
}
