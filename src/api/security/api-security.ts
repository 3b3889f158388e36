import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation, GraphQLRequestContextWillSendResponse, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Extra } from 'graphql-ws/use/ws';
import type { ServerOptions } from 'graphql-ws';
import type { WebSocket } from 'ws';
import { OPEN_PRINCIPAL, type ApiKeyService, type Authenticator, type Credentials, type Principal } from '../../auth';
import { UnauthenticatedError } from '../../domain/errors';
import { GraphUnavailableError } from '../../graph/graph.errors';
import type { Logger } from '../../logger';
import { operationLabel, type ApiMetrics } from '../http/metrics';
import { withSecurityErrors } from './format-error.security';
import { checkOperationLimits, parseWithinLimits, type QueryLimits } from './operation-limits';
import { OriginPolicy } from './origin-policy';
import { SecurityCode } from './security-error';
import { ConnectionLimiter, TokenBucketLimiter, type RateDecision, type RateLimitOptions } from './token-bucket.limiter';

/** Everything the security layer is configured with. */
export interface ApiSecurityOptions {
  authenticator: Authenticator;
  /** API keys, handed to resolvers through the context (admin mutations). */
  apiKeys: ApiKeyService;
  limits: QueryLimits;
  rateLimit: RateLimitOptions;
  /** Most WebSocket connections one principal may hold open (0 = unlimited). */
  maxConnectionsPerPrincipal: number;
  /** Largest WebSocket message, in bytes; a larger frame closes the socket with 1009. */
  maxWebSocketPayloadBytes: number;
  /** Browser origins allowed to call the API (see OriginPolicy). */
  corsOrigins: readonly string[];
  /** Strip "Did you mean …?" from error messages (production). */
  hideSuggestions: boolean;
  metrics: ApiMetrics;
  logger: Logger;
  /** Whether the graph engine can serve now (default: always); while not, GraphQL answers SERVICE_UNAVAILABLE. */
  graphAvailability?: () => GraphAvailability;
  /**
   * Bearer token that may read /metrics (METRICS_TOKEN). When authentication is required,
   * /metrics needs this token or an admin principal; in open mode it stays open.
   */
  metricsToken?: string | undefined;
}

/** Whether the graph engine can serve now, and when a client should retry if not. */
export interface GraphAvailability {
  readonly available: boolean;
  /** Hint for Retry-After, in whole seconds (at least 1). */
  readonly retryAfterSeconds: number;
}

const ALWAYS_AVAILABLE: GraphAvailability = Object.freeze({ available: true, retryAfterSeconds: 1 });
const UNAVAILABLE_MESSAGE = 'The graph database is unavailable right now; the server is reconnecting, retry later';

/** Close codes this layer uses on WebSockets (4400–4499 mirror HTTP statuses, as graphql-ws does). */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_TOO_MANY_CONNECTIONS = 4429;
/** WebSocket "Try Again Later" (RFC 6455 registry): the graph engine is unreachable while authenticating. */
const CLOSE_TRY_AGAIN_LATER = 1013;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The API's security layer, one object for both transports: authentication, CORS and
 * WebSocket Origin checks, per-principal rate and connection limits, operation limits
 * (depth, aliases, directives, tokens, cost), refusal formatting, request logs and metrics.
 * api-server.ts calls it at a handful of seams; the rules live here and in src/auth.
 */
export class ApiSecurity {
  private readonly origins: OriginPolicy;
  private readonly rate: TokenBucketLimiter;
  private readonly connections: ConnectionLimiter;
  /** Principals of WebSocket connections (an HTTP request carries its own: REQUEST_PRINCIPAL). */
  private readonly principals = new WeakMap<object, Principal>();
  private readonly expiryTimers = new WeakMap<WebSocket, NodeJS.Timeout>();

  constructor(private readonly options: ApiSecurityOptions) {
    this.origins = new OriginPolicy(options.corsOrigins);
    this.rate = new TokenBucketLimiter(options.rateLimit);
    this.connections = new ConnectionLimiter(options.maxConnectionsPerPrincipal);
  }

  get metrics(): ApiMetrics {
    return this.options.metrics;
  }

  get apiKeys(): ApiKeyService {
    return this.options.apiKeys;
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Runs before a GraphQL (or SSE) request is read: CORS headers and preflight, Origin,
   * authentication, rate limit. On refusal it has answered (204 preflight, 403, 401 or
   * 429) and returns false.
   */
  async guardHttp(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const origin = header(req, 'origin');
    const allowOrigin = this.origins.allowOriginHeader(origin);
    if (allowOrigin !== undefined) {
      res.setHeader('access-control-allow-origin', allowOrigin);
      res.setHeader('vary', 'origin');
    }
    if (req.method === 'OPTIONS') {
      if (allowOrigin !== undefined) {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'content-type, authorization, x-api-key, apollo-require-preflight, x-apollo-operation-name');
        res.setHeader('access-control-max-age', '600');
      }
      res.statusCode = 204;
      res.end();
      return false;
    }
    if (!this.origins.allows(origin, header(req, 'host'))) {
      return this.refuseHttp(res, 403, 'This origin may not call the API (see CORS_ORIGINS)', SecurityCode.FORBIDDEN);
    }
    // Before authentication: checking an API key needs the engine too.
    const availability = this.graphAvailability();
    if (!availability.available) return this.refuseUnavailable(res, availability);
    let principal: Principal;
    try {
      principal = await this.options.authenticator.authenticate(credentialsOf(req));
    } catch (error) {
      if (error instanceof GraphUnavailableError) return this.refuseUnavailable(res, this.graphAvailability());
      if (!(error instanceof UnauthenticatedError)) throw error;
      res.setHeader('www-authenticate', 'Bearer');
      return this.refuseHttp(res, 401, error.message, SecurityCode.UNAUTHENTICATED, error.details);
    }
    const decision = this.takeToken(principal);
    if (!decision.allowed) {
      res.setHeader('retry-after', String(decision.retryAfterSeconds));
      return this.refuseHttp(res, 429, `Too many requests; retry in ${decision.retryAfterSeconds} s`, SecurityCode.RATE_LIMITED, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
    (req as PrincipalCarrier)[REQUEST_PRINCIPAL] = principal;
    return true;
  }

  /** The principal `guardHttp` authenticated for this request (the open principal if it did not run). */
  principalOf(req: IncomingMessage): Principal {
    return (req as PrincipalCarrier)[REQUEST_PRINCIPAL] ?? (this.options.authenticator.required ? LOCKED_OUT : OPEN_PRINCIPAL);
  }

  /**
   * One request from `principal`'s bucket. The open principal (no authentication
   * configured) stands for everyone, so it has no per-principal quota.
   */
  private takeToken(principal: Principal): RateDecision {
    return principal.source === 'open' ? { allowed: true } : this.rate.take(principal.id);
  }

  /** Whether the graph engine can serve now. */
  graphAvailability(): GraphAvailability {
    return this.options.graphAvailability?.() ?? ALWAYS_AVAILABLE;
  }

  /**
   * Serves GET /metrics. Open when no authentication is configured; otherwise it needs
   * `Authorization: Bearer <METRICS_TOKEN>` or credentials of an admin principal (401
   * without credentials or with bad ones, 403 for another role).
   */
  async serveMetrics(res: ServerResponse, req?: IncomingMessage): Promise<void> {
    if (this.options.authenticator.required && !(await this.mayScrape(req, res))) return;
    return this.options.metrics.serve(res);
  }

  private async mayScrape(req: IncomingMessage | undefined, res: ServerResponse): Promise<boolean> {
    const credentials: Credentials = req === undefined ? {} : credentialsOf(req);
    const token = this.options.metricsToken;
    if (token !== undefined && credentials.authorization !== undefined && sameSecret(credentials.authorization, `Bearer ${token}`)) return true;
    let principal: Principal;
    try {
      principal = await this.options.authenticator.authenticate(credentials);
    } catch (error) {
      if (error instanceof GraphUnavailableError) return this.refuseUnavailable(res, this.graphAvailability());
      if (!(error instanceof UnauthenticatedError)) throw error;
      res.setHeader('www-authenticate', 'Bearer');
      return this.refuseHttp(res, 401, `/metrics needs METRICS_TOKEN or an admin credential: ${error.message}`, SecurityCode.UNAUTHENTICATED, error.details);
    }
    if (principal.role !== 'admin') return this.refuseHttp(res, 403, '/metrics needs METRICS_TOKEN or an admin credential', SecurityCode.FORBIDDEN);
    return true;
  }

  private refuseUnavailable(res: ServerResponse, availability: GraphAvailability): false {
    res.setHeader('retry-after', String(availability.retryAfterSeconds));
    return this.refuseHttp(res, 503, UNAVAILABLE_MESSAGE, SecurityCode.SERVICE_UNAVAILABLE, { retryAfterSeconds: availability.retryAfterSeconds });
  }

  private refuseHttp(res: ServerResponse, status: number, message: string, code: SecurityCode, details: Readonly<Record<string, unknown>> = {}): false {
    this.options.metrics.refused(code);
    res.statusCode = status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: [{ message, extensions: { ...details, code } }] }));
    return false;
  }

  // ---------------------------------------------------------------- Apollo

  /** Apollo constructor options: token limit in the parser, no batching, CSRF prevention on. */
  get apolloOptions(): { parseOptions: { maxTokens: number }; allowBatchedHttpRequests: false; csrfPrevention: true } {
    return { parseOptions: { maxTokens: this.options.limits.maxTokens }, allowBatchedHttpRequests: false, csrfPrevention: true };
  }

  /** Wraps the API's error formatter (see withSecurityErrors); also maps the parser's token-limit error. */
  formatErrors(base: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
    const formatter = withSecurityErrors(base, { hideSuggestions: this.options.hideSuggestions });
    const maxTokens = this.options.limits.maxTokens;
    return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      if (/Document contains more tha[nt] \d+ tokens/.test(formatted.message)) {
        return { message: `The document has more than ${maxTokens} tokens`, extensions: { code: SecurityCode.QUERY_LIMIT_EXCEEDED, limit: 'tokens', max: maxTokens } };
      }
      if (unwrapResolverError(error) instanceof GraphUnavailableError) {
        // The engine went away during the operation: the client's answer is "retry later", the operator's a log line.
        this.options.logger.warn({ err: unwrapResolverError(error), path: formatted.path }, 'graph engine unavailable while serving a request');
        const { retryAfterSeconds } = this.graphAvailability();
        return { message: UNAVAILABLE_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: SecurityCode.SERVICE_UNAVAILABLE, retryAfterSeconds } };
      }
      return formatter(formatted, error);
    };
  }

  /** The Apollo plugin: operation limits once the operation is known, one log line and metrics per request. */
  apolloPlugin<C extends { requestId: string; principal: Principal }>(): ApolloServerPlugin<C> {
    return {
      // keeps `this`; one object per request (RequestObserver), no closures
      requestDidStart: ({ contextValue }) => Promise.resolve(new RequestObserver<C>(this, this.options, contextValue)),
    };
  }

  // ---------------------------------------------------------------- WebSocket

  /** Options for the `ws` server: largest frame, and the Origin check at the upgrade (403). */
  get webSocketServerOptions(): {
    maxPayload: number;
    verifyClient: (info: { origin: string; req: IncomingMessage }, callback: (ok: boolean, code?: number, message?: string) => void) => void;
  } {
    return {
      maxPayload: this.options.maxWebSocketPayloadBytes,
      verifyClient: (info, callback) => {
        const origin = info.origin === '' ? undefined : info.origin;
        if (this.origins.allows(origin, header(info.req, 'host'))) callback(true);
        else {
          this.options.metrics.refused(SecurityCode.FORBIDDEN);
          callback(false, 403, 'Origin not allowed');
        }
      },
    };
  }

  /**
   * Wraps graphql-ws server options, keeping the caller's hooks: on connect, authenticates
   * (connectionParams `authorization`/`apiKey`, else the upgrade request's headers; a
   * failure closes with 4401), applies the per-principal connection limit (4429) and
   * closes the socket with 4401 when the token expires; on subscribe, the rate limit and
   * the operation limits (tokens, depth, aliases, directives, cost) — refusals are sent as
   * the operation's errors; the context gets the principal as actor.
   */
  secureWebSocket<P extends Record<string, unknown> | undefined>(schema: GraphQLSchema, options: ServerOptions<P, Extra>): ServerOptions<P, Extra> {
    const { limits, metrics } = this.options;
    const principalOf = (socket: WebSocket): Principal => this.principals.get(socket) ?? LOCKED_OUT;
    return {
      ...options,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        let principal: Principal;
        try {
          principal = await this.options.authenticator.authenticate(connectionCredentials(ctx.connectionParams, ctx.extra.request));
        } catch (error) {
          if (error instanceof GraphUnavailableError) {
            metrics.refused(SecurityCode.SERVICE_UNAVAILABLE);
            socket.close(CLOSE_TRY_AGAIN_LATER, 'Try again later: the graph database is unavailable');
            return false;
          }
          if (!(error instanceof UnauthenticatedError)) throw error;
          metrics.refused(SecurityCode.UNAUTHENTICATED);
          socket.close(CLOSE_UNAUTHORIZED, closeReason(`Unauthorized: ${error.message}`));
          return false;
        }
        if (principal.source !== 'open' && !this.connections.acquire(principal.id)) {
          metrics.refused(SecurityCode.RATE_LIMITED);
          socket.close(CLOSE_TOO_MANY_CONNECTIONS, 'Too many connections for this principal');
          return false;
        }
        this.principals.set(socket, principal);
        metrics.socketCount(1);
        if (principal.expiresAt !== null) {
          const timer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'Token expired'), Math.min(MAX_TIMER_MS, Math.max(0, principal.expiresAt - Date.now())));
          timer.unref();
          this.expiryTimers.set(socket, timer);
        }
        return options.onConnect ? options.onConnect(ctx) : true;
      },
      onClose: async (ctx, code, reason) => {
        const socket = ctx.extra.socket;
        const principal = this.principals.get(socket);
        if (principal) {
          this.principals.delete(socket);
          if (principal.source !== 'open') this.connections.release(principal.id);
          metrics.socketCount(-1);
        }
        clearTimeout(this.expiryTimers.get(socket));
        await options.onClose?.(ctx, code, reason);
      },
      onSubscribe: async (ctx, id, payload) => {
        const principal = principalOf(ctx.extra.socket);
        const availability = this.graphAvailability();
        if (!availability.available) {
          metrics.refused(SecurityCode.SERVICE_UNAVAILABLE);
          return [wsError(UNAVAILABLE_MESSAGE, SecurityCode.SERVICE_UNAVAILABLE, { retryAfterSeconds: availability.retryAfterSeconds })];
        }
        const decision = this.takeToken(principal);
        if (!decision.allowed) {
          metrics.refused(SecurityCode.RATE_LIMITED);
          return [wsError(`Too many requests; retry in ${decision.retryAfterSeconds} s`, SecurityCode.RATE_LIMITED, { retryAfterSeconds: decision.retryAfterSeconds })];
        }
        const document = parseWithinLimits(payload.query, limits);
        if (document instanceof GraphQLError) {
          if (document.extensions.code === SecurityCode.QUERY_LIMIT_EXCEEDED) metrics.refused(SecurityCode.QUERY_LIMIT_EXCEEDED);
          return [stripHttp(document)];
        }
        const refusal = checkOperationLimits(schema, document, payload.operationName, payload.variables, limits);
        if (refusal) {
          metrics.refused(SecurityCode.QUERY_LIMIT_EXCEEDED);
          return [stripHttp(refusal)];
        }
        return options.onSubscribe?.(ctx, id, payload);
      },
      context: async (ctx, id, payload, args) => {
        const base: unknown = typeof options.context === 'function' ? await options.context(ctx, id, payload, args) : options.context;
        const principal = principalOf(ctx.extra.socket);
        const record = base as Record<string, unknown>;
        return { ...record, principal, actor: principal.source === 'open' ? record.actor : principal.id };
      },
    };
  }
}

/**
 * One GraphQL request over HTTP, seen by the security plugin: checks the operation limits
 * once the operation is known; at the end, sets 503 when the engine was unavailable, counts
 * the request and writes its log line (built only when the level is enabled). A class, so a
 * request costs one object and no closures.
 */
class RequestObserver<C extends { requestId: string; principal: Principal }> implements GraphQLRequestListener<C> {
  private readonly start = process.hrtime.bigint();
  private operation = 'unknown';
  private type = 'unknown';
  /** undefined until the operation is resolved: the log line then names it. */
  private operationName: string | null | undefined;
  private refusal: string | undefined;

  constructor(
    private readonly security: ApiSecurity,
    private readonly options: ApiSecurityOptions,
    private readonly context: C,
  ) {}

  didResolveOperation(rc: GraphQLRequestContextDidResolveOperation<C>): Promise<void> {
    if (rc.operation) {
      this.type = rc.operation.operation;
      this.operation = operationLabel(rc.operation);
    }
    this.operationName = rc.operationName ?? null;
    const error = checkOperationLimits(rc.schema, rc.document, rc.operationName, rc.request.variables, this.options.limits);
    if (error) {
      this.refusal = SecurityCode.QUERY_LIMIT_EXCEEDED;
      this.options.metrics.refused(this.refusal);
      return Promise.reject(error);
    }
    return Promise.resolve();
  }

  willSendResponse(rc: GraphQLRequestContextWillSendResponse<C>): Promise<void> {
    const { metrics, logger } = this.options;
    const seconds = Number(process.hrtime.bigint() - this.start) / 1e9;
    const body = rc.response.body;
    const errors = body.kind === 'single' ? body.singleResult.errors : undefined;
    if (errors?.some((e) => e.extensions?.code === SecurityCode.SERVICE_UNAVAILABLE)) {
      // The graph engine is unreachable: 503 + Retry-After, like the refusal before execution.
      rc.response.http.status = 503;
      rc.response.http.headers.set('retry-after', String(this.security.graphAvailability().retryAfterSeconds));
    }
    const status = rc.response.http.status ?? 200;
    const outcome = this.refusal !== undefined || status === 400 ? 'refused' : errors?.length ? 'error' : 'ok';
    metrics.observeRequest(this.operation, this.type, outcome, seconds);
    if (logger.isLevelEnabled('info')) {
      const subject = { requestId: this.context.requestId, principal: this.context.principal.id };
      const named = this.operationName === undefined ? subject : { ...subject, operationName: this.operationName, operation: this.operation };
      logger.info({ ...named, outcome, status, durationMs: Math.round(seconds * 1000), errorCodes: errors?.map((e) => e.extensions?.code) }, 'graphql request');
    }
    return Promise.resolve();
  }
}

/** Where `guardHttp` leaves the principal on the request (a property: a WeakMap entry per request costs more). */
const REQUEST_PRINCIPAL = Symbol('xrm.principal');
type PrincipalCarrier = IncomingMessage & { [REQUEST_PRINCIPAL]?: Principal };

/** Stands in when no authentication ran where it should have: may do nothing. */
const LOCKED_OUT: Principal = Object.freeze({ id: 'unauthenticated', role: 'viewer', source: 'open', expiresAt: 0 });

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Compares two secrets in constant time (for their common length). */
function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function credentialsOf(req: IncomingMessage): Credentials {
  return { authorization: header(req, 'authorization'), apiKey: header(req, 'x-api-key') };
}

/** Credentials of a WebSocket: connection_init payload first, then the upgrade request's headers. */
function connectionCredentials(params: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage): Credentials {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const authorization = text(params?.authorization) ?? text(params?.Authorization);
  const apiKey = text(params?.apiKey);
  if (authorization !== undefined || apiKey !== undefined) return { authorization, apiKey };
  return credentialsOf(request);
}

/** A close reason fits in 123 bytes. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString()}...`;
}

function wsError(message: string, code: SecurityCode, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code } });
}

function stripHttp(error: GraphQLError): GraphQLError {
  const { http: _http, ...extensions } = error.extensions;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions });
}

