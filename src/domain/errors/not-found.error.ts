import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** A record the request names does not exist. */
export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(what: string, id: string) {
    super(`${what} "${id}" does not exist`, { id });
  }
}
