import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { asSecurityError } from './security-error';

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * Wraps the API's error formatter: security refusals (limits, batching, auth, rate) keep
 * their code and details; variable coercion errors are BAD_USER_INPUT on every transport; with `hideSuggestions`, "Did you mean …?" hints (which reveal
 * schema names) are cut from every message.
 */
export function withSecurityErrors(base: Formatter, options: { hideSuggestions: boolean }): Formatter {
  return (formatted, error) => {
    const refusal = asSecurityError(error);
    let result: GraphQLFormattedError;
    if (refusal) {
      const { http: _http, ...extensions } = refusal.extensions;
      result = { message: refusal.message, locations: formatted.locations, path: formatted.path, extensions };
    } else if (isCoercionError(error)) {
      // Variable coercion over WebSocket (Apollo marks these itself on HTTP): the client's mistake.
      result = { message: formatted.message, locations: formatted.locations, extensions: { code: 'BAD_USER_INPUT' } };
    } else {
      result = base(formatted, error);
    }
    if (options.hideSuggestions && / Did you mean /.test(result.message)) {
      result = { ...result, message: result.message.replace(/ Did you mean .*$/s, '') };
    }
    return result;
  };
}

/** graphql's own variable coercion errors: no path, no code, about a variable (the original error, if any, is graphql's too). */
function isCoercionError(error: unknown): boolean {
  return (
    error instanceof GraphQLError &&
    (error.originalError === undefined || error.originalError instanceof GraphQLError) &&
    error.path === undefined &&
    error.extensions.code === undefined &&
    error.message.startsWith('Variable "$')
  );
}
