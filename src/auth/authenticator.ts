import { UnauthenticatedError } from '../domain/errors';
import { API_KEY_PREFIX } from './api-key-secret';
import type { ApiKeyService } from './api-key.service';
import type { JwtVerifier } from './jwt-verifier';
import { OPEN_PRINCIPAL, type Principal } from './principal';

/** What a request or connection presented: the `Authorization` value and/or an API key. */
export interface Credentials {
  /** `Bearer <JWT or API key>`. */
  authorization?: string | undefined;
  /** An API key on its own (`x-api-key` header, `apiKey` connection parameter). */
  apiKey?: string | undefined;
}

export interface AuthenticatorOptions {
  /** Whether a request without credentials is refused (auth configured) or served as the open principal. */
  required: boolean;
  /** Verifies bearer JWTs; undefined when no JWT issuer is configured. */
  jwt: JwtVerifier | undefined;
  apiKeys: ApiKeyService;
}

/**
 * Turns credentials into a principal, for HTTP requests and WebSocket connections alike.
 * Presented credentials are always checked (a bad one is refused even in open mode, so a
 * client learns its key is wrong); no credentials are the open principal unless auth is required.
 */
export class Authenticator {
  constructor(private readonly options: AuthenticatorOptions) {}

  /** Whether requests need credentials. */
  get required(): boolean {
    return this.options.required;
  }

  /** @throws UnauthenticatedError naming what is wrong (never echoing the credential). */
  async authenticate(credentials: Credentials): Promise<Principal> {
    const token = credentials.apiKey ?? bearerToken(credentials.authorization);
    if (token === undefined || token === '') {
      if (this.options.required) {
        throw new UnauthenticatedError('Authentication required: send "Authorization: Bearer <token or API key>"', { reason: 'missing' });
      }
      return OPEN_PRINCIPAL;
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      const principal = await this.options.apiKeys.verify(token);
      if (!principal) throw new UnauthenticatedError('The API key is not valid or has been revoked', { reason: 'invalid-api-key' });
      return principal;
    }
    if (!this.options.jwt) throw new UnauthenticatedError('Bearer tokens are not accepted here: use an API key', { reason: 'jwt-not-configured' });
    return this.options.jwt(token);
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"', { reason: 'malformed' });
  return match[1];
}
