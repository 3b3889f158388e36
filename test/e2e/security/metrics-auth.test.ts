/** /metrics access (issue 6): open in open mode; with authentication, an admin or the METRICS_TOKEN scrape credential. */
import type { App } from '../../../src/app';
import { AUTH_ENV, bearer } from '../../support/auth/tokens';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const METRICS_TOKEN = 'prometheus-scrape-token-for-tests';

let secured: App;
let open: App;
beforeAll(async () => {
  secured = await startTestServer({ env: { ...AUTH_ENV, API_KEYS_ENABLED: 'true', METRICS_TOKEN } });
  open = await startTestServer();
});
afterAll(stopAllTestServers);

const scrape = async (app: App, headers: Record<string, string> = {}) => {
  const res = await fetch(app.url.replace('/graphql', '/metrics'), { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

describe('GET /metrics with authentication configured', () => {
  it('refuses a scrape without credentials with 401 and a Bearer challenge', async () => {
    const res = await fetch(secured.url.replace('/graphql', '/metrics'));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(body)).not.toContain('xrm_graphql_requests_total');
  });

  it('serves the scrape token', async () => {
    const res = await scrape(secured, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/plain');
    expect(res.text).toContain('xrm_refusals_total');
  });

  it('refuses a wrong scrape token with 401', async () => {
    expect((await scrape(secured, { authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(401);
    expect((await scrape(secured, { authorization: 'Bearer prometheus-scrape-token-for-test' })).status).toBe(401);
  });

  it('serves an admin JWT and refuses every other role with 403', async () => {
    expect((await scrape(secured, await bearer('admin'))).status).toBe(200);
    for (const role of ['viewer', 'analyst', 'editor']) {
      const res = await scrape(secured, await bearer(role));
      expect(res.status).toBe(403);
      expect(res.text).toContain('FORBIDDEN');
      expect(res.text).not.toContain('xrm_graphql_requests_total');
    }
  });

  it('serves an admin API key and refuses an editor API key', async () => {
    const admin = await bearer('admin');
    const keyFor = async (role: string) => {
      const created = await postGraphQL<{ createApiKey: { key: string } }, Record<string, never>>(
        secured.url,
        `mutation { createApiKey(input: { name: "metrics ${role}", role: ${role.toUpperCase()} }) { key } }`,
        undefined,
        admin,
      );
      expect(created.errors).toBeUndefined();
      return created.data!.createApiKey.key;
    };
    expect((await scrape(secured, { 'x-api-key': await keyFor('admin') })).status).toBe(200);
    expect((await scrape(secured, { 'x-api-key': await keyFor('editor') })).status).toBe(403);
  });
});

describe('GET /metrics in open mode (no authentication, loopback only)', () => {
  it('stays open', async () => {
    const res = await scrape(open);
    expect(res.status).toBe(200);
    expect(res.text).toContain('process_cpu');
  });
});
