import type { Role } from './role';

/** How a principal proved who it is. */
export type PrincipalSource = 'jwt' | 'api-key' | 'open';

/** Who is calling, as every authorization rule sees it. */
export interface Principal {
  /** Stable id, recorded as the actor of writes: `jwt:<sub>`, `api-key:<id>`, or `anonymous` (open mode). */
  readonly id: string;
  readonly role: Role;
  readonly source: PrincipalSource;
  /** When the credential stops being valid (epoch ms), or null when it does not expire. */
  readonly expiresAt: number | null;
}

/**
 * The caller when no authentication is configured (loopback only, or AUTH_DISABLED=true):
 * everyone is admin. Writes are recorded as `anonymous`.
 */
export const OPEN_PRINCIPAL: Principal = Object.freeze({ id: 'anonymous', role: 'admin', source: 'open', expiresAt: null });

/** Whether the principal's credential has expired at `now` (epoch ms). */
export function isExpired(principal: Principal, now: number = Date.now()): boolean {
  return principal.expiresAt !== null && principal.expiresAt <= now;
}
