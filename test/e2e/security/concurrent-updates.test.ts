/** Optimistic concurrency under load (issue 6): of N updates sent at once with the same version, exactly one wins. */
import type { App } from '../../../src/app';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

const N = 12;
let app: App;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(stopAllTestServers);

const codes = (results: { errors?: { extensions?: Record<string, unknown> }[] }[]) => results.map((r) => (r.errors?.[0]?.extensions?.code as string | undefined) ?? 'OK').sort();

describe('concurrent updates with the same version', () => {
  it('let exactly one entity update win; the others get CONFLICT and change nothing', async () => {
    const created = await postGraphQL(app.url, `mutation { createEntity(input: { kind: "Person", name: "Race" }) { id version } }`);
    const { id } = (created.data as { createEntity: { id: string } }).createEntity;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        postGraphQL(app.url, `mutation ($i: UpdateEntityInput!) { updateEntity(input: $i) { name version } }`, { i: { id, expectedVersion: 1, name: `Racer ${i}` } }),
      ),
    );
    expect(codes(results)).toEqual([...Array.from({ length: N - 1 }, () => 'CONFLICT'), 'OK']);
    const winner = results.find((r) => !r.errors) as { data: { updateEntity: { name: string; version: number } } };
    expect(winner.data.updateEntity.version).toBe(2);
    const now = await postGraphQL(app.url, `query ($id: ID!) { entity(id: $id) { name version } }`, { id });
    expect(now.data).toEqual({ entity: { name: winner.data.updateEntity.name, version: 2 } });
  });

  it('let exactly one relationship update win', async () => {
    const a = await postGraphQL(app.url, `mutation { createEntity(input: { kind: "Person", name: "Race A" }) { id } }`);
    const b = await postGraphQL(app.url, `mutation { createEntity(input: { kind: "Organization", name: "Race B" }) { id } }`);
    const rel = await postGraphQL(app.url, `mutation ($i: RelateInput!) { relate(input: $i) { id version } }`, {
      i: { type: 'WORKS_AT', fromId: (a.data as { createEntity: { id: string } }).createEntity.id, toId: (b.data as { createEntity: { id: string } }).createEntity.id },
    });
    const { id } = (rel.data as { relate: { id: string } }).relate;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        postGraphQL(app.url, `mutation ($i: UpdateRelationshipInput!) { updateRelationship(input: $i) { role version } }`, { i: { id, expectedVersion: 1, role: `Role ${i}` } }),
      ),
    );
    expect(codes(results).filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes(results).filter((c) => c === 'CONFLICT')).toHaveLength(N - 1);
  });
});
