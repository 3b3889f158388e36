/** Observability (issue 6): GET /metrics in Prometheus text format with the API's own series. */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import type { App } from '../../../src/app';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

let app: App;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(stopAllTestServers);

const scrape = async (): Promise<string> => {
  const res = await fetch(app.url.replace('/graphql', '/metrics'));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

describe('GET /metrics', () => {
  it('counts requests by operation and outcome, and times them', async () => {
    await postGraphQL(app.url, `mutation { createEntity(input: { kind: "Person", name: "Metric" }) { id } }`);
    await postGraphQL(app.url, `{ entities(first: 1) { totalCount } }`);
    await postGraphQL(app.url, `{ entities(first: 100000) { totalCount } }`);
    await postGraphQL(app.url, `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: serverInfo { version }`).join(' ')} }`);
    const text = await scrape();
    expect(text).toMatch(/xrm_graphql_requests_total\{operation="mutation:createEntity",type="mutation",outcome="ok"\} 1/);
    expect(text).toMatch(/xrm_graphql_requests_total\{operation="query:entities",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/xrm_graphql_requests_total\{operation="query:entities",type="query",outcome="error"\} 1/);
    expect(text).toMatch(/xrm_graphql_requests_total\{operation="query:serverInfo",type="query",outcome="refused"\} 1/);
    expect(text).toMatch(/xrm_graphql_request_duration_seconds_count\{operation="query:entities",type="query",outcome="ok"\} 1/);
    expect(text).toMatch(/xrm_refusals_total\{code="QUERY_LIMIT_EXCEEDED"\} 1/);
  });

  it('times engine statements by named query', async () => {
    const text = await scrape();
    expect(text).toMatch(/xrm_graph_query_duration_seconds_count\{query="entity\/create",mode="WRITE",outcome="ok"\} \d+/);
    expect(text).toMatch(/xrm_graph_query_duration_seconds_bucket\{le="[\d.]+",query="entity\/list"/);
  });

  it('counts published events and active subscriptions', async () => {
    const client = createClient({ url: app.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    const iterator = client.iterate({ query: 'subscription { entityChanged { cursor } }' });
    const first = iterator.next();
    await new Promise((r) => setTimeout(r, 200));
    expect(await scrape()).toMatch(/xrm_subscriptions_active 1/);
    await postGraphQL(app.url, `mutation { createEntity(input: { kind: "Person", name: "Metric 2" }) { id } }`);
    await first;
    await iterator.return?.();
    await client.dispose();
    await new Promise((r) => setTimeout(r, 200));
    const text = await scrape();
    expect(text).toMatch(/xrm_subscriptions_active 0/);
    expect(text).toMatch(/xrm_events_published_total\{type="[A-Za-z_.]+"\} [1-9]/);
  });

  it('shows how the topology index stands', async () => {
    const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    const a = await postGraphQL<{ createEntity: { id: string } }, Record<string, never>>(app.url, `mutation { createEntity(input: { kind: "Person", name: "Index A" }) { id } }`);
    const id = a.data?.createEntity.id ?? '';
    await postGraphQL(app.url, `query ($id: ID!) { neighbourhood(id: $id) { nodes { id } } }`, { id }); // starts the build
    await app.services.network.warm();
    await postGraphQL(app.url, `query ($id: ID!) { neighbourhood(id: $id) { nodes { id } } }`, { id });
    const text = await scrape();
    expect(gauge(text, 'xrm_network_index_ready')).toBe(1);
    expect(gauge(text, 'xrm_network_index_entities')).toBeGreaterThanOrEqual(1);
    expect(gauge(text, 'xrm_network_index_builds_total')).toBeGreaterThanOrEqual(1);
  });

  it('counts entity cache hits and misses', async () => {
    const created = await postGraphQL<{ createEntity: { id: string } }, Record<string, never>>(
      app.url,
      `mutation { createEntity(input: { kind: "Person", name: "Cached metric" }) { id } }`,
    );
    const id = created.data?.createEntity.id ?? '';
    const before = await scrape();
    const count = (text: string, name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    for (let i = 0; i < 3; i++) await postGraphQL(app.url, `query ($id: ID!) { entity(id: $id) { name } }`, { id });
    const after = await scrape();
    expect(count(after, 'xrm_entity_cache_misses_total') - count(before, 'xrm_entity_cache_misses_total')).toBe(1);
    expect(count(after, 'xrm_entity_cache_hits_total') - count(before, 'xrm_entity_cache_hits_total')).toBe(2);
    expect(count(after, 'xrm_entity_cache_entries')).toBeGreaterThanOrEqual(1);
  });
});
