import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logger';

/** How often `next` payloads were serialised vs reused byte-for-byte. */
export interface PayloadSerialisationStats {
  serialised: number;
  serialisedReused: number;
}

export interface SharedPayloadServerOptions {
  logger: Logger;
  /** Server ping interval; a socket that does not answer within it is terminated. Default 12,000 ms (graphql-ws's). */
  keepAliveMs?: number;
  /** Hides internal error messages in close reasons; default: NODE_ENV === 'production'. */
  isProd?: boolean;
}

/**
 * The placeholder the message replacer puts where a shared payload goes; `send` splices
 * the payload's cached JSON in its place. A NUL cannot appear unescaped in JSON text, and
 * the message is built by us with `payload` last, so the tail is unambiguous.
 */
const PLACEHOLDER = '\u0000xrm-shared-payload';
const TAIL = `,"payload":${JSON.stringify(PLACEHOLDER)}}`;
/** Below this many buffered bytes a send does not wait for its write to complete (saves a promise and a callback per delivery). */
const SEND_HIGH_WATER_BYTES = 256 * 1024;

/**
 * graphql-ws over `ws`, like graphql-ws's own `useServer` (same protocol core `makeServer`,
 * so the same close codes, init timeout, ping/pong, hooks), with one difference: a `next`
 * payload object is serialised ONCE and every socket it goes to gets the cached JSON
 * spliced into `{"id":…,"type":"next","payload":<cached>}`. With the shared execution
 * (shared-execution.ts) handing the same result object to every subscriber with the same
 * (event, document, variables, actor), the payload of an event is stringified once per
 * distinct key instead of once per socket.
 *
 * How: `onNext`'s return value (the masked result) is remembered in a WeakSet; the core
 * stringifies `{id, type: 'next', payload}` with our `jsonMessageReplacer`, which, at the
 * root of a message whose payload is in that set, returns `{id, type, payload:
 * PLACEHOLDER}` and hands the payload's JSON (cached per object in a WeakMap) to the
 * socket's `send`, which the core calls synchronously right after stringifying. Payload
 * objects are never mutated after execution, so the cache cannot go stale; it is weak,
 * so results are freed with the shared execution's cache.
 */
export function useSharedPayloadServer<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, Extra>,
  ws: WebSocketServer,
  serverOptions: SharedPayloadServerOptions,
): { dispose: () => Promise<void>; stats: PayloadSerialisationStats } {
  const { logger } = serverOptions;
  const keepAlive = serverOptions.keepAliveMs ?? 12_000;
  const isProd = serverOptions.isProd ?? process.env.NODE_ENV === 'production';
  const stats: PayloadSerialisationStats = { serialised: 0, serialisedReused: 0 };
  const shareable = new WeakSet<object>();
  const json = new WeakMap<object, string>();
  /** The JSON of the payload the replacer just replaced by the placeholder; taken by the next `send`. */
  let handoff: string | undefined;

  const userReplacer = options.jsonMessageReplacer;
  const replacer = function (this: unknown, key: string, value: unknown): unknown {
    if (key === '' && isShareableNext(value)) {
      let text = json.get(value.payload);
      if (text === undefined) {
        text = JSON.stringify(value.payload);
        json.set(value.payload, text);
        stats.serialised += 1;
      } else stats.serialisedReused += 1;
      handoff = text;
      return { id: value.id, type: 'next', payload: PLACEHOLDER };
    }
    return value;
  };
  const isShareableNext = (value: unknown): value is { id: string; type: 'next'; payload: object } => {
    if (typeof value !== 'object' || value === null) return false;
    const message = value as { id?: unknown; type?: unknown; payload?: unknown };
    return message.type === 'next' && typeof message.id === 'string' && typeof message.payload === 'object' && message.payload !== null && shareable.has(message.payload);
  };

  const server = makeServer<P, Extra>({
    ...options,
    // A replacer of the caller's own would see our placeholder: then serialise per socket as graphql-ws does.
    ...(userReplacer ? {} : { jsonMessageReplacer: replacer }),
    onNext: async (ctx, id, payload, args, result) => {
      const out = await options.onNext?.(ctx, id, payload, args, result);
      if (out && typeof out === 'object') shareable.add(out);
      return out;
    },
  });

  const internalError = (socket: WebSocket, error: unknown) => {
    socket.close(CloseCode.InternalServerError, isProd ? 'Internal server error' : closeReason(error instanceof Error ? error.message : String(error)));
  };

  ws.options.handleProtocols = handleProtocols;
  ws.once('error', (error) => {
    logger.error({ err: error }, 'WebSocket server error; closing every socket');
    for (const client of ws.clients) internalError(client, error);
  });

  ws.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    socket.once('error', (error) => {
      logger.warn({ err: error }, 'WebSocket socket error');
      internalError(socket, error);
    });

    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval =
      keepAlive > 0 && Number.isFinite(keepAlive)
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAlive);
            socket.once('pong', () => {
              if (pongWait) clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAlive)
        : null;

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          let text = data;
          if (handoff !== undefined) {
            const payload = handoff;
            handoff = undefined;
            if (text.endsWith(TAIL)) text = `${text.slice(0, text.length - TAIL.length)},"payload":${payload}}`;
          }
          if (socket.readyState !== socket.OPEN) return;
          // Backpressure only when the socket is behind: then the core's loop waits for the
          // write, the subscriber's own buffer fills and a too-slow subscriber is ended (event-subscription.ts).
          if (socket.bufferedAmount < SEND_HIGH_WATER_BYTES) {
            socket.send(text);
            return;
          }
          return new Promise<void>((resolve, reject) => socket.send(text, (error) => (error ? reject(error) : resolve())));
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (callback) =>
          socket.on('message', (message: Buffer | ArrayBuffer | Buffer[]) => {
            callback(messageText(message)).catch((error: unknown) => {
              logger.error({ err: error }, 'internal error while handling a WebSocket message');
              internalError(socket, error);
            });
          }),
      },
      { socket, request },
    );

    socket.once('close', (code, reason) => {
      if (pongWait) clearTimeout(pongWait);
      if (pingInterval) clearInterval(pingInterval);
      void closed(code, String(reason));
    });
  });

  return {
    stats,
    dispose: async () => {
      for (const client of ws.clients) client.close(1001, 'Going away');
      ws.removeAllListeners();
      await new Promise<void>((resolve, reject) => ws.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A close reason fits in 123 bytes. */
function closeReason(text: string): string {
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 110).toString()}…`;
}

/** A `ws` message as text (ws hands a Buffer, or fragments / an ArrayBuffer with other binaryTypes). */
function messageText(message: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(message)) return Buffer.concat(message).toString();
  if (message instanceof ArrayBuffer) return Buffer.from(message).toString();
  return message.toString();
}
