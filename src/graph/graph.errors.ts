/**
 * Errors raised by the graph layer. They are operator-facing: the API masks them as
 * INTERNAL_SERVER_ERROR and logs the detail (query name, engine code), never the client.
 */
export class GraphEngineError extends Error {
  constructor(
    message: string,
    readonly queryName: string | undefined,
    readonly engineCode: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The engine cannot be reached or opened (network, auth, locked database file). */
export class GraphUnavailableError extends GraphEngineError {}

/** Two transactions wrote the same record; the later one was rolled back. */
export class WriteConflictError extends GraphEngineError {}

/**
 * A write would have broken a uniqueness constraint because a concurrent transaction
 * committed the same key first (e.g. two first uses of one idempotency key, or two
 * definitions of one name on Neo4j). Running the work again reads what the winner wrote.
 */
export class UniqueConstraintError extends GraphEngineError {}
