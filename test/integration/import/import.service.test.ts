import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { RowRejectedError } from '../../../src/domain/import/row-rejected.error';
import type { EntityImportRow, RelationshipImportRow } from '../../../src/domain/import/import.model';
import { closeAllHarnesses, openHarness, type ImportHarness } from './import-harness';

const fixtures = new QueryCatalogue(`${__dirname}/../../fixtures/cypher/import`);
const actor = 'test:import';

function person(externalId: string, name: string, properties: Record<string, unknown> = {}): EntityImportRow {
  return { ref: { file: 'people.csv', line: 1 }, key: { source: 'crm', externalId }, kind: 'Person', name, properties };
}
function knows(from: string, to: string, extra: Partial<RelationshipImportRow> = {}): RelationshipImportRow {
  return {
    ref: { file: 'knows.csv', line: 1 },
    key: { source: 'crm', externalId: `${from}>KNOWS>${to}` },
    type: 'KNOWS',
    from: { source: 'crm', externalId: from },
    to: { source: 'crm', externalId: to },
    properties: {},
    ...extra,
  };
}

let h: ImportHarness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await closeAllHarnesses();
});

describe('ImportService on Grafeo', () => {
  test('creates entities and relationships and changes nothing when the same batch is imported again', async () => {
    const people = [person('1', 'Ada', { jobTitle: 'Engineer' }), person('2', 'Grace')];
    const rels = [knows('1', '2', { validFrom: '2020-01-01T00:00:00Z', strength: 0.5 })];
    const first = await h.services.imports.importEntities(people, { actor });
    const firstRels = await h.services.imports.importRelationships(rels, { actor });
    expect([first.created, firstRels.created]).toEqual([2, 1]);
    const before = await h.services.exports.records().next();

    const again = await h.services.imports.importEntities(people, { actor });
    const againRels = await h.services.imports.importRelationships(rels, { actor });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(againRels).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await h.services.exports.records().next()).toEqual(before);
    expect(await h.counts()).toEqual({ kinds: { Person: 2 }, types: { KNOWS: 1 } });
  });

  test('updates a changed record in place, bumping its version, and keeps its id', async () => {
    await h.services.imports.importEntities([person('1', 'Ada')], { actor });
    const result = await h.services.imports.importEntities([person('1', 'Ada Lovelace', { jobTitle: 'Countess' })], { actor });
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const page = await h.services.entities.list(null, null, { first: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ name: 'Ada Lovelace', version: 2, properties: { jobTitle: 'Countess', source: 'crm', externalId: '1' } });
  });

  test('rejects bad rows with a reason and imports the rest', async () => {
    const rows: EntityImportRow[] = [
      person('1', 'Ada'),
      { ...person('', 'No key'), ref: { file: 'people.csv', line: 3 } },
      { ...person('3', 'Robot'), kind: 'Robot', ref: { file: 'people.csv', line: 4 } },
      { ...person('4', 'Typed', { marketingConsent: 'yes' }), ref: { file: 'people.csv', line: 5 } },
    ];
    const result = await h.services.imports.importEntities(rows, { actor });
    expect(result.created).toBe(1);
    expect(result.rejected.map((r) => [r.ref.line, r.reason])).toEqual([
      [3, 'missing key'],
      [4, 'unknown kind "Robot"'],
      [5, expect.stringContaining('"marketingConsent" must be true or false')],
    ]);
    const rels = await h.services.imports.importRelationships([knows('1', 'ghost')], { actor });
    expect(rels.rejected[0]?.reason).toBe('dangling relationship: no entity with key crm/ghost (target end)');
    expect(await h.counts()).toEqual({ kinds: { Person: 1 }, types: {} });
  });

  test('a strict import stops at the first bad row and writes nothing of its batch', async () => {
    await h.services.imports.importEntities([person('1', 'Ada')], { actor });
    await expect(
      h.services.imports.importEntities([person('2', 'Grace'), { ...person('3', 'Robot'), kind: 'Robot' }], { actor, strict: true }),
    ).rejects.toBeInstanceOf(RowRejectedError);
    await expect(
      h.services.imports.importRelationships([knows('1', '1x'), knows('1', 'ghost')], { actor, strict: true }),
    ).rejects.toThrow('dangling relationship');
    expect(await h.counts()).toEqual({ kinds: { Person: 1 }, types: {} });
  });

  test('refuses a relationship type the metamodel does not allow between the two kinds', async () => {
    await h.services.imports.importEntities([person('1', 'Ada')], { actor });
    await h.services.imports.importEntities(
      [{ ref: { file: 'o', line: 1 }, key: { source: 'crm', externalId: 'o1' }, kind: 'Organization', name: 'ACME', properties: {} }],
      { actor },
    );
    const result = await h.services.imports.importRelationships(
      [{ ...knows('1', 'o1'), type: 'KNOWS' }],
      { actor },
    );
    expect(result.rejected[0]?.reason).toContain('KNOWS does not allow a Person → Organization relationship');
  });

  test('records one IMPORT_BATCH_COMMITTED event per batch that changed something', async () => {
    await h.services.imports.importEntities([person('1', 'Ada'), person('2', 'Grace')], { actor });
    await h.services.imports.importRelationships([knows('1', '2')], { actor });
    await h.services.imports.importEntities([person('1', 'Ada')], { actor }); // unchanged: no event
    const [row] = await h.engine.read<{ count: number }>(fixtures.get('count-import-events'));
    expect(row?.count).toBe(2);
  });
});
