import type { ServerResponse } from 'node:http';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EntityCacheStats } from '../../domain/entities/entity-cache';
import type { TopologyIndexStats } from '../../domain/network/indexed-traversal';

/** Outcome label of a GraphQL request. */
export type RequestOutcome = 'ok' | 'error' | 'refused';

/**
 * The server's Prometheus metrics, on a registry of its own (several servers can run in
 * one process, as in tests), served at GET /metrics:
 * - `xrm_graphql_requests_total{operation,type,outcome}` and
 *   `xrm_graphql_request_duration_seconds{operation,type,outcome}`; `operation` is the
 *   sorted root fields (bounded by the schema, unlike client-chosen operation names).
 *   HTTP operations, and operations over graphql-ws and graphql-sse: a
 *   subscription counts once, when it is set up (`ok`: the stream is open; `error`: it
 *   was answered with errors, e.g. forbidden or an expired `since`; `refused`: limits,
 *   rate or validation), timed until the stream is open;
 * - `xrm_graph_query_duration_seconds{query,mode,outcome}` per named Cypher query;
 * - `xrm_subscriptions_active`, `xrm_websocket_connections_active`;
 * - `xrm_events_published_total{type}`: domain events this process received from the bus;
 * - `xrm_refusals_total{code}`: requests refused before execution (limits, auth, rate);
 * - `xrm_entity_cache_{hits,misses,bypassed}_total`, `xrm_entity_cache_entries`: the entity
 *   cache (docs/caching.md), once `watchEntityCache` is called;
 * - `xrm_network_index_{ready,entities,relationships}`, `xrm_network_index_{builds,resets}_total`:
 *   the topology index of traversals (docs/network.md), once `watchNetworkIndex` is called;
 * - Node's default process metrics.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  /** Requests by operation, type and outcome, tallied here and read by the two series below when scraped. */
  private readonly requests = new RequestTally();
  private readonly queries = new Histogram({
    name: 'xrm_graph_query_duration_seconds',
    help: 'Graph engine statement latency by named query',
    labelNames: ['query', 'mode', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({ name: 'xrm_subscriptions_active', help: 'Subscriptions currently open', registers: [this.registry] });
  private readonly sockets = new Gauge({ name: 'xrm_websocket_connections_active', help: 'WebSocket connections currently open', registers: [this.registry] });
  private readonly events = new Counter({ name: 'xrm_events_published_total', help: 'Domain events received from the event bus', labelNames: ['type'], registers: [this.registry] });
  private readonly refusals = new Counter({ name: 'xrm_refusals_total', help: 'Requests refused before execution', labelNames: ['code'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const requests = this.requests;
    new Counter({
      name: 'xrm_graphql_requests_total',
      help: 'GraphQL operations served',
      labelNames: REQUEST_LABELS,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const series of requests.all()) this.inc(series.labels, series.count);
      },
    });
    new TalliedHistogram(requests, this.registry);
  }

  /** Counts and times one operation (a map look-up and a bucket scan; prom-client reads the tally when scraped). */
  observeRequest(operation: string, type: string, outcome: RequestOutcome, seconds: number): void {
    this.requests.record(operation, type, outcome, seconds);
  }

  observeQuery = (query: string, mode: string, seconds: number, failed: boolean): void => {
    this.queries.observe({ query, mode, outcome: failed ? 'error' : 'ok' }, seconds);
  };

  subscriptionCount = (delta: 1 | -1): void => {
    this.subscriptions.inc(delta);
  };

  socketCount(delta: 1 | -1): void {
    this.sockets.inc(delta);
  }

  eventPublished = (event: { type: string }): void => {
    this.events.inc({ type: event.type });
  };

  refused(code: string): void {
    this.refusals.inc({ code });
  }

  /** Exposes the entity cache's counters, read when scraped (no work per lookup). */
  watchEntityCache(stats: () => EntityCacheStats | undefined): void {
    const counter = (name: string, help: string, pick: (s: EntityCacheStats) => number) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          const current = stats();
          if (current === undefined) return;
          this.reset();
          this.inc(pick(current));
        },
      });
    counter('xrm_entity_cache_hits_total', 'Entity lookups answered from the entity cache', (s) => s.hits);
    counter('xrm_entity_cache_misses_total', 'Entity lookups the entity cache read from the engine', (s) => s.misses);
    counter('xrm_entity_cache_bypassed_total', 'Entity ids looked up without the cache (no write mark, or disabled)', (s) => s.bypassed);
    new Gauge({
      name: 'xrm_entity_cache_entries',
      help: 'Ids the entity cache holds now',
      registers: [this.registry],
      collect() {
        this.set(stats()?.size ?? 0);
      },
    });
  }

  /** Exposes how the topology index stands, read when scraped. */
  watchNetworkIndex(stats: () => TopologyIndexStats | undefined): void {
    const registers = [this.registry];
    const gauge = (name: string, help: string, pick: (s: TopologyIndexStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const current = stats();
          this.set(current === undefined ? 0 : pick(current));
        },
      });
    const counter = (name: string, help: string, pick: (s: TopologyIndexStats) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          const current = stats();
          if (current === undefined) return;
          this.reset();
          this.inc(pick(current));
        },
      });
    gauge('xrm_network_index_ready', 'Whether traversals answer from the in-memory topology index now (1) or from the engine (0)', (s) => (s.ready ? 1 : 0));
    gauge('xrm_network_index_entities', 'Entities the topology index holds', (s) => s.entities);
    gauge('xrm_network_index_relationships', 'Relationships the topology index holds', (s) => s.relationships);
    counter('xrm_network_index_builds_total', 'Topology index builds finished since start-up', (s) => s.builds);
    counter('xrm_network_index_resets_total', 'Times a built or building topology index was dropped (bulk imports, lost changes, outages)', (s) => s.resets);
  }

  /** Writes the exposition text. */
  async serve(res: ServerResponse): Promise<void> {
    const body = await this.registry.metrics();
    res.statusCode = 200;
    res.setHeader('content-type', this.registry.contentType);
    res.end(body);
  }
}

const REQUEST_LABELS = ['operation', 'type', 'outcome'] as const;
type RequestLabel = (typeof REQUEST_LABELS)[number];
const REQUEST_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** One label set of the request metrics. `buckets[i]` counts latencies in (bound i−1, bound i]; the last slot those above every bound. */
interface RequestSeries {
  readonly labels: Readonly<Record<RequestLabel, string>>;
  count: number;
  sum: number;
  readonly buckets: number[];
}

/**
 * The requests counted and timed so far. prom-client's `inc` and `observe` check and hash
 * the label values on every call (≈ 1.3 µs per request, twice per request); this costs a map
 * look-up by the operation label (a string built once per document, see `operationLabel`)
 * and a bucket scan, and prom-client formats the result only when /metrics is scraped.
 */
class RequestTally {
  /** By operation label, then the few (type, outcome) pairs seen for it. */
  private readonly byOperation = new Map<string, RequestSeries[]>();

  record(operation: string, type: string, outcome: RequestOutcome, seconds: number): void {
    let list = this.byOperation.get(operation);
    if (list === undefined) this.byOperation.set(operation, (list = []));
    let series: RequestSeries | undefined;
    for (const candidate of list) {
      if (candidate.labels.type === type && candidate.labels.outcome === outcome) {
        series = candidate;
        break;
      }
    }
    if (series === undefined) {
      series = { labels: { operation, type, outcome }, count: 0, sum: 0, buckets: new Array<number>(REQUEST_BUCKETS.length + 1).fill(0) };
      list.push(series);
    }
    series.count += 1;
    series.sum += seconds;
    let bucket = 0;
    while (bucket < REQUEST_BUCKETS.length && seconds > (REQUEST_BUCKETS[bucket] as number)) bucket += 1;
    series.buckets[bucket] = (series.buckets[bucket] as number) + 1;
  }

  *all(): IterableIterator<RequestSeries> {
    for (const list of this.byOperation.values()) yield* list;
  }

  clear(): void {
    this.byOperation.clear();
  }
}

type HistogramValues = Awaited<ReturnType<Histogram<RequestLabel>['get']>>;
const LATENCY_NAME = 'xrm_graphql_request_duration_seconds';
const LATENCY_HELP = 'GraphQL operation latency';

/**
 * `xrm_graphql_request_duration_seconds`, read from a RequestTally when scraped: the same
 * series, values and text as a prom-client Histogram fed each request with `observe`
 * (test/unit/api/http/metrics.test.ts compares the two). `reset()` clears the tally, and so
 * the request counter too.
 */
class TalliedHistogram extends Histogram<RequestLabel> {
  constructor(
    private readonly tally: RequestTally,
    registry: Registry,
  ) {
    super({ name: LATENCY_NAME, help: LATENCY_HELP, labelNames: REQUEST_LABELS, buckets: [...REQUEST_BUCKETS], registers: [registry] });
  }

  override get(): Promise<HistogramValues> {
    // prom-client's shape (its typings leave out `le` and the metric's own fields)
    const values: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
    for (const series of this.tally.all()) {
      let cumulative = 0;
      REQUEST_BUCKETS.forEach((le, i) => {
        cumulative += series.buckets[i] as number;
        values.push({ labels: { le, ...series.labels }, value: cumulative, metricName: `${LATENCY_NAME}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...series.labels }, value: series.count, metricName: `${LATENCY_NAME}_bucket` });
      values.push({ labels: { ...series.labels }, value: series.sum, metricName: `${LATENCY_NAME}_sum` });
      values.push({ labels: { ...series.labels }, value: series.count, metricName: `${LATENCY_NAME}_count` });
    }
    return Promise.resolve({ name: LATENCY_NAME, help: LATENCY_HELP, type: 'histogram', values, aggregator: 'sum' } as unknown as HistogramValues);
  }

  /** What the registry formats the exposition text from (prom-client's own reads its per-label map, empty here). */
  getForPromString(): Promise<HistogramValues> {
    return this.get();
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor resets before the tally is assigned
    (this.tally as RequestTally | undefined)?.clear();
  }
}

/** Labels by operation node: Apollo reuses the parsed document of a query text, so each is built once. */
const labels = new WeakMap<OperationDefinitionNode, string>();

/**
 * `query:entities,entity`: the operation type and its sorted root fields, a bounded metric
 * label (`...` stands for root fragments). The same label for every transport.
 */
export function operationLabel(operation: OperationDefinitionNode): string {
  let label = labels.get(operation);
  if (label === undefined) labels.set(operation, (label = buildLabel(operation)));
  return label;
}

function buildLabel(operation: OperationDefinitionNode): string {
  const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : ['...']));
  const label = `${operation.operation}:${[...new Set(fields)].sort().join(',')}`;
  return label.length > 120 ? `${label.slice(0, 117)}...` : label;
}
