import { BadUserInputError, ConflictError } from '../errors';

/**
 * Optimistic concurrency: the client names the version it read.
 * @param what what the record is, e.g. `Entity` or `Entity kind`
 * @param key how the record is identified in the error details, e.g. `{ id }` or `{ name }`
 * @throws BadUserInputError (field `expectedVersion`) when `expected` is not a positive integer.
 * @throws ConflictError when `expected` differs from `current`, e.g.
 *   `Entity "01J…" was changed by someone else: you sent version 3, the current version is 4.`
 */
export function checkVersion(
  what: string,
  key: { id: string } | { name: string },
  expected: number,
  current: number,
): void {
  if (!Number.isSafeInteger(expected) || expected < 1) {
    throw new BadUserInputError('expectedVersion must be the positive version number you read', 'expectedVersion');
  }
  if (expected !== current) {
    const label = 'id' in key ? key.id : key.name;
    throw new ConflictError(
      `${what} "${label}" was changed by someone else: you sent version ${expected}, the current version is ${current}. Read it again and retry.`,
      { ...key, expectedVersion: expected, currentVersion: current },
    );
  }
}
