import type { IncomingMessage } from 'node:http';
import type { ExecutionArgs, ExecutionResult, GraphQLError } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../logger';
import type { PendingDelivery } from '../../events/event-subscription';
import type { ResultSink, ResultStream } from './shared-execution';

/** How often `next` payloads were serialised vs reused byte-for-byte, and how many operations took the push path. */
export interface PayloadSerialisationStats {
  serialised: number;
  serialisedReused: number;
  /** Subscriptions served by one dispatch per event (`consume`) rather than graphql-ws's per-subscriber loop. */
  pushed: number;
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
/** `ws` send options for a frame built as a Buffer: a text message, as the protocol requires. */
const TEXT_FRAME = { binary: false } as const;
/** The end of a `next` message after its payload. */
const CLOSING_BRACE = Buffer.from('}');

/** A subscription stream that can push its results (shared-execution.ts, every event subscription). */
type PushableStream = ResultStream & { consume: NonNullable<ResultStream['consume']> };

/**
 * graphql-ws over `ws`, like graphql-ws's own `useServer` (same protocol core `makeServer`,
 * so the same close codes, init timeout, ping/pong, hooks), with one difference: a `next`
 * payload object is serialised ONCE and every socket it goes to gets the cached bytes
 * after its own `{"id":…,"type":"next","payload":` prefix. With the shared execution
 * (shared-execution.ts) handing the same result object to every subscriber with the same
 * (event, document, variables, actor), the payload of an event is serialised once per
 * distinct key instead of once per socket.
 *
 * Subscriptions whose stream can push (`consume`, every event subscription) take the push
 * path (`pushed` below): no per-subscriber iterator chain through the core. Messages the
 * core still sends itself take the splice: `onNext`'s return value is remembered in a
 * WeakSet; the core stringifies `{id, type: 'next', payload}` with our
 * `jsonMessageReplacer`, which, at the root of a message whose payload is in that set,
 * returns `{id, type, payload: PLACEHOLDER}` and hands the payload's JSON (cached per
 * object in a WeakMap) to the socket's `send`, which the core calls synchronously right
 * after stringifying. Payload objects are never mutated after execution, so the caches
 * cannot go stale; they are weak, so results are freed with the shared execution's cache.
 * @returns `dispose` (closes every socket with 1001, then the server) and the serialisation stats.
 */
export function useSharedPayloadServer<P extends Record<string, unknown> | undefined>(
  options: ServerOptions<P, Extra>,
  ws: WebSocketServer,
  serverOptions: SharedPayloadServerOptions,
): { dispose: () => Promise<void>; stats: PayloadSerialisationStats } {
  const { logger } = serverOptions;
  const keepAlive = serverOptions.keepAliveMs ?? 12_000;
  const isProd = serverOptions.isProd ?? process.env.NODE_ENV === 'production';
  const stats: PayloadSerialisationStats = { serialised: 0, serialisedReused: 0, pushed: 0 };
  const shareable = new WeakSet<object>();
  const json = new WeakMap<object, string>();
  const frames = new WeakMap<object, Buffer>();
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

  /** A payload's JSON as bytes, without the message's closing brace; cached per payload object. */
  const payloadBytes = (payload: object): Buffer => {
    let bytes = frames.get(payload);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(payload));
      frames.set(payload, bytes);
      stats.serialised += 1;
    } else stats.serialisedReused += 1;
    return bytes;
  };

  /**
   * The fan-out path: instead of graphql-ws's core iterating the stream (an async-iterator
   * chain and a stringify per socket and event), the stream pushes each result here,
   * synchronously from the feed's dispatch when it can, and this writes `{"id":…,"type":
   * "next","payload":…}` as one Buffer (the socket's cached prefix + the payload's cached
   * bytes + `}`) straight to the socket. The core gets a stand-in iterable whose `next()`
   * starts the push and settles only when the stream ends: done (then the core sends
   * `complete` as usual) or an error (the core sends `error`, as for a throwing stream);
   * its `return()` (client `complete`, socket closed) ends the stream at once. `onNext`
   * is still called per delivery (error masking).
   */
  const pushed = (ctx: Context<P, Extra>, id: string, payload: SubscribePayload, args: ExecutionArgs, stream: PushableStream): AsyncIterableIterator<ExecutionResult> => {
    const socket = ctx.extra.socket;
    const prefix = Buffer.from(`{"id":${JSON.stringify(id)},"type":"next","payload":`);
    let open = true;
    let started = false;
    let settle: (result: IteratorResult<ExecutionResult>) => void = () => undefined;
    let fail: (error: GraphQLError) => void = () => undefined;
    const ended = new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const write = (out: unknown, result: ExecutionResult): void | PendingDelivery => {
      if (!open || socket.readyState !== socket.OPEN) return undefined;
      const body = out && typeof out === 'object' ? out : result; // graphql-ws sends the result itself when onNext gives nothing
      return sendFrame(socket, Buffer.concat([prefix, payloadBytes(body), CLOSING_BRACE]));
    };
    const sink: ResultSink = {
      next: (result) => {
        if (!open) return undefined;
        const out = options.onNext?.(ctx, id, payload, args, result);
        return isPromiseLike(out) ? out.then((settled) => write(settled, result)) : write(out, result);
      },
      end: (error) => {
        if (!open) return;
        open = false;
        if (error) fail(error);
        else settle({ value: undefined, done: true });
      },
    };
    const stop = () => {
      sink.end();
      return stream.return();
    };
    const standIn: AsyncIterableIterator<ExecutionResult> = {
      [Symbol.asyncIterator]: () => standIn,
      next: () => {
        if (!started) {
          started = true;
          stream.consume(sink);
        }
        return ended;
      },
      return: async () => {
        await stop();
        return { value: undefined, done: true };
      },
      throw: async (error: unknown) => {
        await stop();
        throw error;
      },
    };
    return standIn;
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
    onOperation: async (ctx, id, payload, args, result) => {
      const replaced = await options.onOperation?.(ctx, id, payload, args, result);
      const operationResult = replaced ?? result;
      // With a replacer of the caller's own, every message must go through the core's stringify.
      if (userReplacer || !isPushable(operationResult)) return replaced;
      stats.pushed += 1;
      return pushed(ctx, id, payload, args, operationResult);
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

/** Sends a complete text frame; waits for the write only when the socket is behind (backpressure for a slow subscriber). */
function sendFrame(socket: WebSocket, frame: Buffer): void | Promise<void> {
  if (socket.bufferedAmount < SEND_HIGH_WATER_BYTES) {
    socket.send(frame, TEXT_FRAME);
    return undefined;
  }
  return new Promise<void>((resolve, reject) => socket.send(frame, TEXT_FRAME, (error) => (error ? reject(error) : resolve())));
}

function isPushable(value: unknown): value is PushableStream {
  return typeof value === 'object' && value !== null && typeof (value as { consume?: unknown }).consume === 'function' && Symbol.asyncIterator in value;
}

function isPromiseLike(value: unknown): value is Promise<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
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
