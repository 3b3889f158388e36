import { createClient } from 'graphql-sse';
import { print } from 'graphql';
import type { App } from '../../../src/app';
import { CreateEntityDocument, OnEntityChangedDocument, type OnEntityChangedSubscription } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

// Servers start and stop in these tests: allow for a loaded machine.
jest.setTimeout(30_000);

let app: App;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => stopAllTestServers());

describe('Server-Sent Events transport (graphql-sse) at /graphql/stream', () => {
  it('serves the same subscriptions as graphql-ws: subscribe, mutate, receive', async () => {
    const client = createClient({ url: `${app.url}/stream`, retryAttempts: 0 });
    const received: OnEntityChangedSubscription[] = [];
    let stop: () => void = () => undefined;
    const got = new Promise<void>((resolve, reject) => {
      stop = client.subscribe<OnEntityChangedSubscription>(
        { query: print(OnEntityChangedDocument), variables: { filter: { kinds: ['Vehicle'] } } },
        {
          next: (result) => {
            if (result.data) received.push(result.data);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const created = await postGraphQL(app.url, CreateEntityDocument, { input: { kind: 'Vehicle', name: 'Shuttle 7' } });
    expect(created.errors).toBeUndefined();
    await got;
    expect(received[0]!.entityChanged).toMatchObject({ type: 'ENTITY_CREATED', entity: { id: created.data!.createEntity.id, kind: 'Vehicle' } });
    expect(received[0]!.entityChanged.cursor).toMatch(/^\d{16}$/);
    stop();
    client.dispose();
  });

  it('reports a cursor it cannot resume from as a typed error', async () => {
    const client = createClient({ url: `${app.url}/stream`, retryAttempts: 0 });
    const result = await new Promise<unknown>((resolve, reject) => {
      client.subscribe(
        { query: print(OnEntityChangedDocument), variables: { since: 'bogus' } },
        { next: resolve, error: reject, complete: () => undefined },
      );
    });
    expect(result).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'CURSOR_UNKNOWN', resync: true } }] });
    client.dispose();
  });
});
