import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import Redis from 'ioredis';
import type { Logger } from '../logger';
import type { DomainEvent } from './domain-event';
import type { BusHealth, EventBus, Unsubscribe } from './event-bus.port';

const LOCAL = 'event';
const RECOVERED = 'recovered';

/** What crosses Redis: a batch of one transaction's events and the instance that committed them. */
interface Envelope {
  origin: string;
  events: DomainEvent[];
}

export interface RedisEventBusOptions {
  /** e.g. redis://127.0.0.1:6379 */
  url: string;
  logger: Logger;
  /** Prefix of the Pub/Sub channel, `<prefix>:<logId>`; default `xrm-graph:events`. */
  channelPrefix?: string;
  /** Longest wait between reconnection attempts, in ms; default 2000. */
  maxReconnectDelayMs?: number;
  /** How long join() waits for Redis before carrying on degraded, in ms; default 2000. */
  connectTimeoutMs?: number;
}

/**
 * Fan-out across instances through Redis Pub/Sub (ioredis, two connections: Pub/Sub needs
 * its own). An instance delivers its own events to its local subscribers at once, without
 * a round trip, and ignores its own echo. While Redis is unreachable it keeps doing that,
 * reports `degraded`, logs, and reconnects for ever; events other instances published in
 * the meantime are not redelivered by Redis — the OrderedEventStream fetches them from the
 * event log (it sees the gap, and `onRecovered` tells it to catch up).
 */
export class RedisEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly channelPrefix: string;
  /** Set by join(): until then events are delivered locally only. */
  private channel: string | undefined;
  private readonly origin = randomUUID();
  private readonly logger: Logger;
  private lastError: string | undefined;
  private wasDown = false;
  private closed = false;
  private readonly connectTimeoutMs: number;

  constructor(options: RedisEventBusOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
    this.emitter.setMaxListeners(0);
    this.channelPrefix = options.channelPrefix ?? 'xrm-graph:events';
    this.logger = options.logger;
    const maxDelay = options.maxReconnectDelayMs ?? 2_000;
    const common = {
      // Fail fast while disconnected instead of queueing: local delivery never waits for Redis.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 10), maxDelay),
      connectionName: 'xrm-graph-events',
    };
    this.pub = new Redis(options.url, common);
    // The subscriber queues its SUBSCRIBE until connected and resubscribes after a reconnect.
    this.sub = new Redis(options.url, { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null });
    for (const [role, conn] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      conn.on('error', (error: Error) => this.onError(role, error));
      // A clean close (Redis restarted, a proxy dropped us) emits no error: report it the same way.
      conn.on('close', () => this.onError(role, new Error('connection closed')));
      conn.on('ready', () => this.onReady(role));
    }
    this.sub.on('message', (channel: string, message: string) => this.onMessage(channel, message));
  }

  /**
   * Listens on the channel of event log `logId`. Resolves once subscribed and able to
   * publish, or after `connectTimeoutMs` while Redis is away (it subscribes on reconnect
   * and the server starts degraded).
   */
  async join(logId: string): Promise<void> {
    if (this.channel !== undefined) throw new Error('RedisEventBus.join may be called once');
    this.channel = `${this.channelPrefix}:${logId}`;
    // Subscribe only on a ready connection (and again after every reconnect, see onReady):
    // a SUBSCRIBE queued before the connection is up can race ioredis's ready check, which
    // then fails ("only subscriber commands may be used") and leaves the channel unsubscribed.
    const subscribed =
      this.sub.status === 'ready'
        ? this.subscribeChannel()
        : new Promise<void>((resolve) => this.sub.once('ready', () => resolve())).then(() => this.subscribeChannel());
    const publisherReady =
      this.pub.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => this.pub.once('ready', () => resolve()));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.connectTimeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.all([subscribed, publisherReady]), timeout]);
    clearTimeout(timer);
  }

  publish(events: readonly DomainEvent[]): void {
    if (events.length === 0 || this.closed) return;
    for (const event of events) this.emitter.emit(LOCAL, event);
    if (this.channel === undefined) return; // not joined yet: nobody else to tell
    if (this.pub.status !== 'ready') {
      this.logger.warn({ events: events.length, redis: this.pub.status }, 'Redis unavailable: events delivered locally only; other instances read them from the event log');
      return;
    }
    const envelope: Envelope = { origin: this.origin, events: [...events] };
    this.pub.publish(this.channel, JSON.stringify(envelope)).catch((error: unknown) => {
      this.logger.warn({ err: error, events: events.length }, 'Redis publish failed: events delivered locally only');
    });
  }

  subscribe(listener: (event: DomainEvent) => void): Unsubscribe {
    this.emitter.on(LOCAL, listener);
    return () => this.emitter.off(LOCAL, listener);
  }

  /** Calls `listener` each time Redis comes back after an outage (events may have been missed meanwhile). */
  onRecovered(listener: () => void): Unsubscribe {
    this.emitter.on(RECOVERED, listener);
    return () => this.emitter.off(RECOVERED, listener);
  }

  health(): BusHealth {
    if (this.pub.status === 'ready' && this.sub.status === 'ready') return { status: 'ok' };
    return {
      status: 'degraded',
      detail: `redis publisher ${this.pub.status}, subscriber ${this.sub.status}${this.lastError ? `: ${this.lastError}` : ''}; serving local subscribers only`,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.emitter.removeAllListeners();
    // quit() waits for a connection (the subscriber queues commands while away): only when connected.
    await Promise.all(
      [this.pub, this.sub].map(async (conn) => {
        if (conn.status !== 'ready') return conn.disconnect();
        await conn.quit().catch(() => conn.disconnect());
      }),
    );
  }

  private onMessage(channel: string, message: string): void {
    if (channel !== this.channel) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch (error) {
      this.logger.error({ err: error }, 'ignoring a malformed message on the event channel');
      return;
    }
    if (envelope.origin === this.origin || !Array.isArray(envelope.events)) return;
    for (const event of envelope.events) this.emitter.emit(LOCAL, event);
  }

  private onError(role: string, error: Error): void {
    if (this.closed || (role === 'publisher' ? this.pub : this.sub).status === 'ready') return;
    const message = error.message;
    // ioredis emits an error per reconnection attempt: log the first of an outage only.
    if (!this.wasDown || message !== this.lastError) {
      this.logger.error({ err: error, role }, 'Redis connection error: serving local subscribers only, reconnecting');
    }
    this.lastError = message;
    this.wasDown = true;
  }

  private subscribeChannel(): Promise<void> {
    if (this.channel === undefined || this.closed) return Promise.resolve();
    return this.sub.subscribe(this.channel).then(
      () => undefined,
      (error: unknown) => this.onError('subscriber', error as Error),
    );
  }

  private onReady(role: string): void {
    if (role === 'subscriber') void this.subscribeChannel(); // SUBSCRIBE is idempotent; covers the first connection and every reconnect
    if (this.closed || !this.wasDown) return;
    if (this.pub.status === 'ready' && this.sub.status === 'ready') {
      this.wasDown = false;
      this.lastError = undefined;
      this.logger.info({ role }, 'Redis connection restored');
      this.emitter.emit(RECOVERED);
    }
  }
}
