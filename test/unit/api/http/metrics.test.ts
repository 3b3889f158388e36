import { Counter, Histogram, Registry } from 'prom-client';
import { ApiMetrics, type RequestOutcome } from '../../../../src/api/http/metrics';

/** The request series of an exposition text, in a stable order. */
function requestLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /^xrm_graphql_request(s_total|_duration_seconds)/.test(line))
    .sort();
}

const observations: [string, string, RequestOutcome, number][] = [
  ['query:entity', 'query', 'ok', 0.0004],
  ['query:entity', 'query', 'ok', 0.005], // on a bound: counted in that bucket
  ['query:entity', 'query', 'error', 0.07],
  ['query:entities', 'query', 'ok', 0.3],
  ['mutation:createEntity', 'mutation', 'ok', 2.6],
  ['query:serverInfo', 'query', 'refused', 0],
  ['unknown', 'unknown', 'refused', 45], // above every bound
  ['query:entity', 'query', 'ok', 0.011],
];

describe('ApiMetrics request series', () => {
  it('expose the same text as prom-client fed every request with inc and observe', async () => {
    const metrics = new ApiMetrics();
    const reference = new Registry();
    const labelNames = ['operation', 'type', 'outcome'];
    const counter = new Counter({ name: 'xrm_graphql_requests_total', help: 'GraphQL operations served', labelNames, registers: [reference] });
    const histogram = new Histogram({
      name: 'xrm_graphql_request_duration_seconds',
      help: 'GraphQL operation latency',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [reference],
    });
    for (const [operation, type, outcome, seconds] of observations) {
      metrics.observeRequest(operation, type, outcome, seconds);
      counter.inc({ operation, type, outcome });
      histogram.observe({ operation, type, outcome }, seconds);
    }
    const ours = requestLines(await metrics.registry.metrics());
    expect(ours).toEqual(requestLines(await reference.metrics()));
    expect(ours).toContain('xrm_graphql_requests_total{operation="query:entity",type="query",outcome="ok"} 3');
    expect(ours).toContain('xrm_graphql_request_duration_seconds_bucket{le="0.005",operation="query:entity",type="query",outcome="ok"} 2');
    expect(ours).toContain('xrm_graphql_request_duration_seconds_bucket{le="+Inf",operation="unknown",type="unknown",outcome="refused"} 1');
  });

  it('give the same JSON as prom-client, and keep counting across scrapes', async () => {
    const metrics = new ApiMetrics();
    metrics.observeRequest('query:entity', 'query', 'ok', 0.002);
    await metrics.registry.metrics();
    metrics.observeRequest('query:entity', 'query', 'ok', 0.02);
    const json = await metrics.registry.getMetricsAsJSON();
    const latency = json.find((m) => m.name === 'xrm_graphql_request_duration_seconds');
    expect(latency?.type).toBe('histogram');
    expect(latency?.values).toContainEqual({ labels: { le: 0.025, operation: 'query:entity', type: 'query', outcome: 'ok' }, value: 2, metricName: 'xrm_graphql_request_duration_seconds_bucket' });
    expect(latency?.values).toContainEqual({ labels: { operation: 'query:entity', type: 'query', outcome: 'ok' }, value: 0.022, metricName: 'xrm_graphql_request_duration_seconds_sum' });
    const total = json.find((m) => m.name === 'xrm_graphql_requests_total');
    expect(total?.values).toEqual([{ labels: { operation: 'query:entity', type: 'query', outcome: 'ok' }, value: 2 }]);
  });

  it('start again from zero when the registry is reset', async () => {
    const metrics = new ApiMetrics();
    metrics.observeRequest('query:entity', 'query', 'ok', 0.002);
    metrics.registry.resetMetrics();
    metrics.observeRequest('query:entity', 'query', 'error', 0.002);
    const lines = requestLines(await metrics.registry.metrics());
    expect(lines).toContain('xrm_graphql_requests_total{operation="query:entity",type="query",outcome="error"} 1');
    expect(lines.some((line) => line.includes('outcome="ok"'))).toBe(false);
  });
});
