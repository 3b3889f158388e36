import { DomainError } from '../domain/errors/domain.error';
import { ErrorCode } from '../domain/errors/error-code';

/** Why a `since` cursor cannot be resumed from; the client must reload its state and subscribe without `since`. */
export type CursorProblem = 'CURSOR_EXPIRED' | 'CURSOR_UNKNOWN';

/**
 * A subscription's `since` cursor cannot be resumed: its events were pruned (older than
 * the retention), or the cursor was never issued by this log (malformed, or from another
 * database). `extensions`: `{ code: 'BAD_USER_INPUT', field: 'since', reason, resync: true,
 * oldestCursor }` — `oldestCursor` is the earliest `since` still accepted.
 */
export class CursorNotResumableError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(reason: CursorProblem, cursor: string, oldestCursor: string) {
    super(
      reason === 'CURSOR_EXPIRED'
        ? `Cursor ${cursor} is older than the event retention: its events are gone. Reload the current state, then subscribe again without \`since\` (or with a cursor from ${oldestCursor} on).`
        : `Cursor ${cursor} is not a cursor of this event log. Reload the current state, then subscribe again without \`since\`.`,
      { field: 'since', reason, resync: true, oldestCursor },
    );
  }
}
