import { ImportEntitiesDocument, ImportRelationshipsDocument } from '../../generated/graphql';
import { postGraphQL } from '../../support/graphql-client';
import { startTestServer, stopAllTestServers } from '../../support/test-server';

afterAll(stopAllTestServers);

describe('GraphQL import mutations', () => {
  test('import entities and relationships by import key, report bad rows, and change nothing on a repeat', async () => {
    const app = await startTestServer();
    const source = `crm-${Date.now()}`;
    const rows = [
      { externalId: 'p1', kind: 'Person', name: 'Ada', properties: { jobTitle: 'Engineer' } },
      { externalId: 'p2', kind: 'Person', name: 'Grace' },
      { externalId: 'x', kind: 'Unicorn', name: 'Nope' },
    ];
    const first = await postGraphQL(app.url, ImportEntitiesDocument, { source, rows });
    expect(first.errors).toBeUndefined();
    expect(first.data?.importEntities).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: [{ index: 2, reason: 'unknown kind "Unicorn"' }] });

    const rels = [{ type: 'KNOWS', from: { externalId: 'p1' }, to: { externalId: 'p2' }, strength: 0.8 }];
    const related = await postGraphQL(app.url, ImportRelationshipsDocument, { source, rows: rels });
    expect(related.data?.importRelationships).toMatchObject({ created: 1, rejected: [] });

    const again = await postGraphQL(app.url, ImportEntitiesDocument, { source, rows: rows.slice(0, 2) });
    expect(again.data?.importEntities).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const relatedAgain = await postGraphQL(app.url, ImportRelationshipsDocument, { source, rows: rels });
    expect(relatedAgain.data?.importRelationships).toMatchObject({ created: 0, unchanged: 1 });
  });

  test('a strict call fails with BAD_USER_INPUT at the first bad row and writes nothing', async () => {
    const app = await startTestServer();
    const source = `strict-${Date.now()}`;
    const result = await postGraphQL(app.url, ImportEntitiesDocument, {
      source,
      strict: true,
      rows: [
        { externalId: 'a', kind: 'Person', name: 'Ada' },
        { externalId: 'b', kind: 'Person', name: '' },
      ],
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('missing name');
    const retry = await postGraphQL(app.url, ImportEntitiesDocument, { source, rows: [{ externalId: 'a', kind: 'Person', name: 'Ada' }] });
    expect(retry.data?.importEntities.created).toBe(1);
  });

  test('refuses more than 1,000 rows in one call', async () => {
    const app = await startTestServer();
    const rows = Array.from({ length: 1001 }, (_, i) => ({ externalId: String(i), kind: 'Person', name: `P${i}` }));
    const result = await postGraphQL(app.url, ImportEntitiesDocument, { source: 'bulk', rows });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('At most 1000 rows per call');
  });
});
