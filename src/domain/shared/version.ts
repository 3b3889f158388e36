import { ConflictError } from '../errors';

/** @throws ConflictError when the version the client read is not the current one (optimistic concurrency). */
export function checkVersion(what: string, id: string, expected: number, current: number): void {
  if (expected !== current) {
    throw new ConflictError(
      `${what} "${id}" was changed by someone else: you sent version ${expected}, the current version is ${current}. Read it again and retry.`,
      { id, expectedVersion: expected, currentVersion: current },
    );
  }
}
