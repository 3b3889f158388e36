import { GraphQLError } from 'graphql';

/** Codes of refusals raised by the security layer before execution (limits, batching, auth, rate). */
export const SecurityCode = {
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  BATCH_NOT_ALLOWED: 'BATCH_NOT_ALLOWED',
  OPERATION_TIMEOUT: 'OPERATION_TIMEOUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  /** The graph database is unreachable; the server reconnects by itself (HTTP 503 + Retry-After). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type SecurityCode = (typeof SecurityCode)[keyof typeof SecurityCode];

const CODES = new Set<string>(Object.values(SecurityCode));

/**
 * A refusal with its code and details in `extensions`; `status` is the HTTP status Apollo
 * answers with when it is raised before execution.
 */
export function securityError(message: string, code: SecurityCode, details: Record<string, unknown> = {}, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code, http: { status } } });
}

/** The security refusal carried by `error` (itself or its original error), if any. */
export function asSecurityError(error: unknown): GraphQLError | undefined {
  let current: unknown = error;
  for (let i = 0; i < 3 && current instanceof GraphQLError; i++) {
    const code = current.extensions.code;
    if (typeof code === 'string' && CODES.has(code) && current.extensions.http !== undefined) return current;
    current = current.originalError;
  }
  return undefined;
}
