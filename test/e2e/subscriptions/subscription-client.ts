import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

/** A graphql-ws client (the real one, over `ws`) for the server at `httpUrl`. */
export function wsClient(httpUrl: string, options: Partial<ClientOptions> = {}): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...options,
  });
}

/** One subscription's results as they arrive, with waits. */
export class Subscribed<T> {
  readonly results: FormattedExecutionResult<T, unknown>[] = [];
  completed = false;
  error: unknown;
  private waiters: (() => void)[] = [];
  readonly stop: () => void;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any variables shape: the generated documents type them
  constructor(client: Client, document: TypedDocumentNode<T, any>, variables: Record<string, unknown> = {}) {
    this.stop = client.subscribe<T>(
      { query: print(document), variables },
      {
        next: (value) => this.notify(() => this.results.push(value)),
        error: (error) => this.notify(() => (this.error = error)),
        complete: () => this.notify(() => (this.completed = true)),
      },
    );
  }

  /** The data of every result so far. */
  get data(): T[] {
    return this.results.flatMap((r) => (r.data ? [r.data] : []));
  }

  /** Resolves once `predicate` holds; rejects after `timeoutMs` with what arrived. */
  async until(predicate: (s: this) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out waiting for ${what}; got ${JSON.stringify(this.results)} error=${String(this.error)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once `n` results arrived. */
  count(n: number, timeoutMs?: number): Promise<void> {
    return this.until((s) => s.results.length >= n, timeoutMs, `${n} results`);
  }

  /** Resolves once the subscription failed or completed. */
  ended(timeoutMs?: number): Promise<void> {
    return this.until((s) => s.completed || s.error !== undefined, timeoutMs, 'the end');
  }

  private notify(change: () => void): void {
    change();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Lets in-flight deliveries arrive, to check that nothing else does. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));
