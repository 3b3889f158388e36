import { BadUserInputError } from '../errors';
import type { Rejection } from './import.model';

/** A strict import met a bad row: the batch holding it was not written. */
export class RowRejectedError extends BadUserInputError {
  constructor(readonly rejection: Rejection) {
    super(
      `${rejection.ref.file}:${rejection.ref.line}: ${rejection.reason} (strict import aborted; this batch was not written)`,
      undefined,
      { file: rejection.ref.file, line: rejection.ref.line, reason: rejection.reason },
    );
  }
}
