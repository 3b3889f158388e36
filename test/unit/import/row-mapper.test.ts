import { Category, PropertyType, type EntityKind, type RelationshipType, Cardinality } from '../../../src/domain/metamodel/metamodel.types';
import { parseMapping } from '../../../src/domain/import/import-mapping';
import { mapEntityRecord, mapRelationshipRecord, readColumn, type MetamodelSnapshot } from '../../../src/domain/import/row-mapper';

const kind = (name: string, properties: EntityKind['properties'] = []): EntityKind => ({
  name, category: Category.STAKEHOLDER, description: null, properties, deprecated: false, version: 1, createdAt: '', updatedAt: '',
});
const person = kind('Person', [
  { name: 'givenName', type: PropertyType.STRING, required: false, description: null },
  { name: 'born', type: PropertyType.DATE, required: false, description: null },
]);
const knows: RelationshipType = {
  name: 'KNOWS', description: null, source: { kinds: [], categories: [] }, target: { kinds: [], categories: [] }, directed: false,
  inverseName: null, cardinality: Cardinality.MANY_TO_MANY, allowSelf: false, version: 1, createdAt: '', updatedAt: '', deprecated: false,
  properties: [{ name: 'weight', type: PropertyType.INT, required: false, description: null }],
};
const metamodel: MetamodelSnapshot = { kinds: new Map([['Person', person]]), relationshipTypes: new Map([['KNOWS', knows]]) };
const mapping = parseMapping({
  source: 'crm',
  entities: [{ file: 'p.csv', key: 'id', kindColumn: 'type', kindMap: { P: 'Person' }, nameTemplate: '{first} {last}', properties: { givenName: 'first', born: { column: 'dob', format: 'yyyyMMdd' } } }],
  relationships: [{ file: 'k.csv', type: 'KNOWS', from: { column: 'a' }, to: { column: 'b', source: 'hr' }, validFrom: { column: 'since', format: 'yyyy' }, properties: { weight: 'w' } }],
});
const entityFile = mapping.entities[0]!;
const relFile = mapping.relationships[0]!;
const ref = { file: 'p.csv', line: 2 };

describe('mapEntityRecord', () => {
  test('builds the key, kind (through kindMap), name template and typed properties', () => {
    const result = mapEntityRecord({ id: '7', type: 'P', first: 'Ada', last: 'Lovelace', dob: '18151210' }, ref, entityFile, 'crm', metamodel);
    expect(result).toEqual({
      ok: true,
      row: { ref, key: { source: 'crm', externalId: '7' }, kind: 'Person', name: 'Ada Lovelace', properties: { givenName: 'Ada', born: '1815-12-10' } },
    });
  });

  test('rejects a row without a key, with an unknown kind, or with a value of the wrong type', () => {
    expect(mapEntityRecord({ id: '', type: 'P', first: 'A', last: 'B' }, ref, entityFile, 'crm', metamodel)).toEqual({ ok: false, reason: 'missing key (column "id")' });
    expect(mapEntityRecord({ id: '1', type: 'Robot', first: 'A' }, ref, entityFile, 'crm', metamodel)).toEqual({ ok: false, reason: 'unknown kind "Robot"' });
    const wrong = mapEntityRecord({ id: '1', type: 'P', first: 'A', dob: 'yesterday' }, ref, entityFile, 'crm', metamodel);
    expect(wrong).toMatchObject({ ok: false, reason: expect.stringContaining('property born: expected a date in format yyyyMMdd') });
  });
});

describe('mapRelationshipRecord', () => {
  test('derives the key from both ends and the type, and reads validity in its format', () => {
    const result = mapRelationshipRecord({ a: '1', b: '2', since: '2013', w: '3' }, ref, relFile, 'crm', metamodel);
    expect(result).toMatchObject({
      ok: true,
      row: {
        key: { source: 'crm', externalId: '1>KNOWS>2' },
        from: { source: 'crm', externalId: '1' },
        to: { source: 'hr', externalId: '2' },
        validFrom: '2013-01-01T00:00:00.000Z',
        properties: { weight: 3 },
      },
    });
  });

  test('rejects a row with a missing end', () => {
    expect(mapRelationshipRecord({ a: '1', b: '' }, ref, relFile, 'crm', metamodel)).toEqual({ ok: false, reason: 'missing target key (column "b")' });
  });
});

test('readColumn reaches into nested JSON objects with a dotted path', () => {
  expect(readColumn({ address: { city: 'Berlin' } }, 'address.city')).toBe('Berlin');
  expect(readColumn({ 'a.b': 1 }, 'a.b')).toBe(1);
});
