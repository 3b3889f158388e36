import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
}
