/** Exit codes of `xrm` (documented in docs/import-export.md and `xrm --help`). */
export const ExitCode = {
  /** Done. */
  OK: 0,
  /** An unexpected failure (the message says what). */
  FAILURE: 1,
  /** Bad usage: unknown option, invalid configuration, mapping or scope. */
  USAGE: 2,
  /** The graph database cannot be opened or reached (e.g. locked by a running server). */
  GRAPH_UNAVAILABLE: 3,
  /** The import finished, but some rows were rejected (see the reject file). */
  ROWS_REJECTED: 4,
  /** A --strict import stopped at a bad row; the batch holding it was not written. */
  STRICT_ABORTED: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the command with a given exit code and a message for the operator. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
