import { SignJWT } from 'jose';

/** The HS256 secret test servers are started with (JWT_SECRET). */
export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-characters!';
export const TEST_ISSUER = 'https://issuer.test';
export const TEST_AUDIENCE = 'xrm-graph-test';

/** Environment for a test server that requires JWTs (and accepts API keys). */
export const AUTH_ENV: Record<string, string> = {
  JWT_SECRET: TEST_JWT_SECRET,
  JWT_ISSUER: TEST_ISSUER,
  JWT_AUDIENCE: TEST_AUDIENCE,
  JWT_CLOCK_SKEW_SECONDS: '5',
};

export interface TokenOptions {
  sub?: string;
  role?: string | string[] | null;
  issuer?: string;
  audience?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  secret?: string;
  alg?: string;
}

/** Signs a test JWT (HS256 with the test secret unless told otherwise). */
export async function token(options: TokenOptions = {}): Promise<string> {
  const claims: Record<string, unknown> = {};
  if (options.role !== null) claims.role = options.role ?? 'viewer';
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject(options.sub ?? 'tester')
    .setIssuer(options.issuer ?? TEST_ISSUER)
    .setAudience(options.audience ?? TEST_AUDIENCE)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresIn ?? 300))
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** `{ authorization: 'Bearer …' }` for a role. */
export async function bearer(role: string, sub = `${role}-user`): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await token({ role, sub })}` };
}
