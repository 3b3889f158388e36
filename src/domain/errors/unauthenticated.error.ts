import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** No valid credentials: missing, malformed, expired, forged, or for another audience. */
export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
}
