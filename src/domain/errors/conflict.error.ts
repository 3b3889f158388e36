import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** The write clashes with the current state: a stale version, a cardinality limit, a record still in use. */
export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
}
