import { DomainError } from './domain.error';
import { ErrorCode } from './error-code';

/** The caller spent its request budget; `retryAfterSeconds` says when the next request is accepted. */
export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}
