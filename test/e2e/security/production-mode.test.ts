/** Production defaults (issue 6): introspection off, no schema hints in errors; WebSocket rate limits. */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { getIntrospectionQuery } from 'graphql';
import { AUTH_ENV, bearer } from '../../support/auth/tokens';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

afterAll(stopAllTestServers);

describe('in production', () => {
  it('refuses introspection unless INTROSPECTION=true, and hides "Did you mean" suggestions', async () => {
    const app = await startTestServer({ env: { ...AUTH_ENV, NODE_ENV: 'production' } });
    const auth = await bearer('viewer');
    const introspection = await postGraphQL(app.url, getIntrospectionQuery(), undefined, auth);
    expect(introspection.status).toBe(400);
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED'); // Apollo 5's code for it
    expect(introspection.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typo = await postGraphQL(app.url, '{ entitie { totalCount } }', undefined, auth);
    expect(typo.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "entitie" on type "Query".');

    const open = await startTestServer({ env: { ...AUTH_ENV, NODE_ENV: 'production', INTROSPECTION: 'true' } });
    expect((await postGraphQL(open.url, '{ __schema { queryType { name } } }', undefined, auth)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('shows suggestions outside production', async () => {
    const app = await startTestServer();
    const typo = await postGraphQL(app.url, '{ entitie { totalCount } }');
    expect(typo.errors?.[0]?.message).toContain('Did you mean "entities"');
  });
});

describe('rate limits over WebSocket', () => {
  it('answers RATE_LIMITED with retryAfterSeconds once the principal\'s bucket is empty', async () => {
    const app = await startTestServer({ env: { ...AUTH_ENV, RATE_LIMIT_PER_SECOND: '0.2', RATE_LIMIT_BURST: '2' } });
    const client = createClient({ url: app.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: await bearer('viewer', 'ws-hasty'), retryAttempts: 0 });
    try {
      for (let i = 0; i < 2; i++) expect((await client.iterate({ query: '{ serverInfo { version } }' }).next()).value?.errors).toBeUndefined();
      await expect(client.iterate({ query: '{ serverInfo { version } }' }).next()).rejects.toEqual([
        expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 5 } }),
      ]);
    } finally {
      await client.dispose();
    }
  });
});
