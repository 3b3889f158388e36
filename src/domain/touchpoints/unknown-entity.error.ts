import { DomainError, ErrorCode } from '../errors';

/**
 * A record named in the input does not exist: NOT_FOUND like NotFoundError, but also
 * naming the input field (`participants[1].entityId`, `resourceId` …), which the shared
 * NotFoundError does not carry.
 */
export class UnknownEntityError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(id: string, field: string) {
    super(`Entity "${id}" does not exist`, { id, field });
  }
}
