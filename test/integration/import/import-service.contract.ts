import type { EntityImportRow, RelationshipImportRow } from '../../../src/domain/import/import.model';
import { mentorsType } from './mentors-type';
import { openTouchpointTestBed, type OpenEngine, type TouchpointTestBed } from '../../support/touchpoints/test-bed';

/**
 * The import's create, lookup and update statements against a real engine: Grafeo always,
 * Neo4j when one is reachable (import-service.contract.test.ts). Each run imports under
 * its own source and type names, so the suite also runs on a shared database.
 */
export function describeImportService(label: string, open: OpenEngine): void {
  const run = `imp${Date.now().toString(36)}`;
  const source = `crm-${run}`;
  const mentors = `MENTORS_${run.toUpperCase()}`;
  const actor = 'test:import';
  let bed: TouchpointTestBed;

  const person = (externalId: string, properties: Record<string, unknown> = {}): EntityImportRow => ({
    ref: { file: 'people.csv', line: 1 },
    key: { source, externalId },
    kind: 'Person',
    name: `${run} Person ${externalId}`,
    properties,
  });
  const relate = (type: string, from: string, to: string, extra: Partial<RelationshipImportRow> = {}): RelationshipImportRow => ({
    ref: { file: 'rels.csv', line: 1 },
    key: { source, externalId: `${type}:${from}-${to}` },
    type,
    from: { source, externalId: from },
    to: { source, externalId: to },
    properties: {},
    ...extra,
  });

  beforeAll(async () => {
    bed = await openTouchpointTestBed(open);
    await bed.services.imports.ensureMetamodel(
      { relationshipTypes: [mentorsType(mentors)] },
      actor,
    );
    const created = await bed.services.imports.importEntities(
      [person('1', { jobTitle: 'Engineer' }), person('2'), person('3'), person('4')],
      { actor },
    );
    expect(created).toMatchObject({ created: 4, rejected: [] });
  });
  afterAll(async () => {
    await bed.close();
  });

  describe(`ImportService on ${label}`, () => {
    test('entities are stored with their system and custom properties', async () => {
      const ids = await bed.services.imports.idsByKeys([{ source, externalId: '1' }, { source, externalId: '2' }]);
      const [ada, grace] = await bed.services.entities.getMany([ids.get(`${source}\u00001`) ?? '', ids.get(`${source}\u00002`) ?? '']);
      expect(ada).toMatchObject({ kind: 'Person', name: `${run} Person 1`, version: 1, createdBy: actor, updatedBy: actor });
      expect(ada?.properties).toMatchObject({ jobTitle: 'Engineer', source, externalId: '1' });
      expect(grace?.properties).not.toHaveProperty('jobTitle');
      expect(ada?.createdAt).toBe(ada?.updatedAt);
    });

    test('relationships are created with what each row gives and nothing for what it leaves out, and a re-run changes nothing', async () => {
      const rows = [
        relate('KNOWS', '1', '2', { role: 'colleague', strength: 0.75, validFrom: '2024-01-01T00:00:00Z' }),
        relate('KNOWS', '2', '3'),
        relate(mentors, '1', '3', { properties: { topic: 'maths', sessions: 3 } }),
        relate(mentors, '1', '4'),
      ];
      const first = await bed.services.imports.importRelationships(rows, { actor });
      expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0, rejected: [] });

      const stored = await bed.services.relationships.getMany(first.changedIds);
      const byKey = new Map(stored.map((r) => [`${r?.type}:${r?.fromId}-${r?.toId}`, r]));
      const ids = await bed.services.imports.idsByKeys(['1', '2', '3', '4'].map((externalId) => ({ source, externalId })));
      const id = (key: string) => ids.get(`${source}\u0000${key}`) ?? '';
      // The import key is kept with the custom properties, as on entities.
      const keyOf = (type: string, from: string, to: string) => ({ source, externalId: `${type}:${from}-${to}` });
      const knows12 = byKey.get(`KNOWS:${id('1')}-${id('2')}`);
      expect(knows12).toMatchObject({ role: 'colleague', strength: 0.75, version: 1, createdBy: actor, updatedBy: actor });
      expect(knows12?.properties).toEqual(keyOf('KNOWS', '1', '2'));
      expect(Date.parse(knows12?.validFrom ?? '')).toBe(Date.parse('2024-01-01T00:00:00Z'));
      expect(knows12?.validTo).toBeNull();
      expect(byKey.get(`KNOWS:${id('2')}-${id('3')}`)).toMatchObject({ role: null, strength: null, validFrom: null, validTo: null, properties: keyOf('KNOWS', '2', '3') });
      expect(byKey.get(`${mentors}:${id('1')}-${id('3')}`)?.properties).toEqual({ topic: 'maths', sessions: 3, ...keyOf(mentors, '1', '3') });
      expect(byKey.get(`${mentors}:${id('1')}-${id('4')}`)?.properties).toEqual(keyOf(mentors, '1', '4'));

      const again = await bed.services.imports.importRelationships(rows, { actor });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: [] });
    });

    test('a changed row updates its relationship in place and bumps the version', async () => {
      const row = relate('KNOWS', '3', '4', { role: 'neighbour' });
      const first = await bed.services.imports.importRelationships([row], { actor });
      const changed = await bed.services.imports.importRelationships([{ ...row, role: 'friend', strength: 0.5 }], { actor });
      expect(changed).toMatchObject({ created: 0, updated: 1, changedIds: first.changedIds });
      const [stored] = await bed.services.relationships.getMany(first.changedIds);
      expect(stored).toMatchObject({ role: 'friend', strength: 0.5, version: 2 });
    });

    test('a row whose end does not exist is rejected with its reason and the rest is imported', async () => {
      const result = await bed.services.imports.importRelationships(
        [relate('KNOWS', '4', '1'), relate('KNOWS', '4', 'ghost')],
        { actor },
      );
      expect(result.created).toBe(1);
      expect(result.rejected.map((r) => r.reason)).toEqual([`dangling relationship: no entity with key ${source}/ghost (target end)`]);
    });
  });
}
