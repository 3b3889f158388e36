import type { ErrorCode } from './error-code';

/**
 * Base of every error a client may see. Its message is written for the client;
 * `details` lands in `extensions` next to `code`. Anything that is not a DomainError
 * is masked as INTERNAL_SERVER_ERROR at the API edge.
 */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
