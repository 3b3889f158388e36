/**
 * Maps neo4j-driver errors to the graph layer's typed errors, with messages an operator
 * can act on (which server, which user, which database, which query).
 */
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { GraphEngineError, GraphUnavailableError, UniqueConstraintError, WriteConflictError } from '../graph.errors';

/** What the message of a mapped error may name. */
export interface Neo4jErrorContext {
  readonly url: string;
  readonly user: string;
  readonly database: string | undefined;
  /** The named query that failed; undefined for connection-level operations. */
  readonly queryName: string | undefined;
}

/** Codes meaning the server, database or session cannot be used right now. */
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

/**
 * The typed error for `error`. Errors that are already GraphEngineErrors, and errors that
 * do not come from the driver (thrown by the caller's transaction work), are returned
 * unchanged so the caller gets back exactly what it threw.
 */
export function mapNeo4jError(error: unknown, context: Neo4jErrorContext): unknown {
  if (error instanceof GraphEngineError || !(error instanceof Neo4jError)) return error;
  const code = error.code;
  const { queryName } = context;
  const options = { cause: error };
  const auth = authenticationMessage(code, context);
  if (auth !== undefined) return new GraphUnavailableError(auth, queryName, code, options);
  if (UNAVAILABLE_CODES.has(code) || code.startsWith('Neo.TransientError.Cluster.')) {
    return new GraphUnavailableError(unavailableMessage(code, error.message, context), queryName, code, options);
  }
  const where = queryName === undefined ? 'Neo4j' : `Neo4j failed on query "${queryName}"`;
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new UniqueConstraintError(`${where}: a concurrent write took the same unique key first: ${error.message}`, queryName, code, options);
  }
  if (code.startsWith('Neo.TransientError.') || isRetryableError(error)) {
    // Reaching here means the driver's retries of a managed transaction ran out.
    return new WriteConflictError(`${where}: transient failure after retries (${code}): ${error.message}`, queryName, code, options);
  }
  return new GraphEngineError(`${where} (${code}): ${error.message}`, queryName, code, options);
}

function authenticationMessage(code: string, { url, user }: Neo4jErrorContext): string | undefined {
  switch (code) {
    case 'Neo.ClientError.Security.Unauthorized':
      return `Neo4j at ${url} rejected the credentials for user "${user}": check NEO4J_USER and NEO4J_PASSWORD`;
    case 'Neo.ClientError.Security.CredentialsExpired':
      return `The password of Neo4j user "${user}" at ${url} has expired (a fresh install requires changing the default password): set a new one with ALTER CURRENT USER SET PASSWORD`;
    case 'Neo.ClientError.Security.AuthenticationRateLimit':
      return `Neo4j at ${url} is refusing logins for user "${user}" after too many failed attempts: wait, then check the credentials`;
    case 'Neo.ClientError.Security.TokenExpired':
      return `The authentication token for Neo4j at ${url} has expired`;
    default:
      return undefined;
  }
}

function unavailableMessage(code: string, detail: string, { url, database }: Neo4jErrorContext): string {
  const db = database === undefined ? 'the default database' : `database "${database}"`;
  switch (code) {
    case 'Neo.ClientError.Database.DatabaseNotFound':
      return `Neo4j at ${url} has no ${db}: check NEO4J_DATABASE (${detail})`;
    case 'Neo.TransientError.General.DatabaseUnavailable':
      return `Neo4j at ${url} cannot serve ${db} right now: ${detail}`;
    default:
      return `Cannot reach Neo4j at ${url}: ${detail}`;
  }
}
