import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** The request is well-formed GraphQL but its values break a rule; `field` is the path of the offending input. */
export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message, field === undefined ? details : { field, ...details });
  }
}
