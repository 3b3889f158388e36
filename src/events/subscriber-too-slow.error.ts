import { DomainError } from '../domain/errors/domain.error';
import { ErrorCode } from '../domain/errors/error-code';

/**
 * A subscriber fell so far behind that its buffer filled up; the subscription ends with
 * this error. `extensions`: `{ code: 'RATE_LIMITED', reason: 'SUBSCRIBER_TOO_SLOW', lastCursor }`:
 * subscribe again with `since: lastCursor` to catch up from the event log.
 */
export class SubscriberTooSlowError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(maxBuffered: number, lastCursor: string | null) {
    super(
      `The subscription fell more than ${maxBuffered} events behind and was ended. Subscribe again with \`since\` set to the last cursor received to catch up.`,
      { reason: 'SUBSCRIBER_TOO_SLOW', lastCursor },
    );
  }
}
