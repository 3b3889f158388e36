import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCode } from '../../domain/errors';
import type { Logger } from '../../logger';

/** Codes GraphQL itself or Apollo produce for a client's mistake; passed through unmasked. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
]);

/**
 * Shapes every error a client sees. A DomainError keeps its message and gets its code
 * and details in `extensions`; GraphQL's own request errors pass; anything else (engine
 * failures, bugs) becomes a masked INTERNAL_SERVER_ERROR and a full log line, so no
 * Cypher, driver code or stack trace leaves the server.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...original.details, code: original.code },
      };
    }
    const code = formatted.extensions?.code;
    const isRequestError = original instanceof GraphQLError && original.originalError === undefined;
    if (typeof code === 'string' && CLIENT_CODES.has(code) && (isRequestError || code !== 'INTERNAL_SERVER_ERROR')) {
      // Apollo's own stack traces are off; keep only the code and documented details.
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    if (original instanceof GraphQLError && original.originalError === undefined && code === undefined) {
      // Errors GraphQL raises while executing (e.g. a non-null field resolved to null) are safe to show.
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while serving a request');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
