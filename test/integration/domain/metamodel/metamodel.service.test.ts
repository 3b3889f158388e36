import { DEFAULT_KINDS, DEFAULT_RELATIONSHIP_TYPES } from '../../../../src/domain/metamodel/default-metamodel';
import { MetamodelService } from '../../../../src/domain/metamodel/metamodel.service';
import { Cardinality, Category, PropertyType } from '../../../../src/domain/metamodel/metamodel.types';
import { GrafeoEngine } from '../../../../src/graph/grafeo/grafeo.engine';
import { catalogue, describeMetamodelService } from './metamodel-service.contract';
import { recordedWrites } from '../../../support/recorded-writes';
import { describeOnNeo4j } from '../../../support/on-neo4j';

describeMetamodelService('Grafeo (in memory)', () => Promise.resolve(new GrafeoEngine(null)), 'schema/grafeo');

// Seeding is about the whole database (one marker), so these tests each take a fresh
// in-memory Grafeo database; they do not run on a shared Neo4j.
describe('MetamodelService.seedDefaults on a fresh database', () => {
  const engines: GrafeoEngine[] = [];

  async function freshService(): Promise<{ engine: GrafeoEngine; service: MetamodelService }> {
    const engine = new GrafeoEngine(null);
    engines.push(engine);
    await engine.applySchema(catalogue.statements('schema/grafeo'));
    return { engine, service: new MetamodelService(engine, catalogue, recordedWrites(engine, catalogue)) };
  }

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
  });

  it('seeds every default kind and relationship type into a new database, once', async () => {
    const { service } = await freshService();
    const first = await service.seedDefaults('system');
    expect(first.seeded).toBe(true);
    expect([...first.kindsCreated].sort()).toEqual(DEFAULT_KINDS.map((k) => k.name).sort());
    expect([...first.relationshipTypesCreated].sort()).toEqual(DEFAULT_RELATIONSHIP_TYPES.map((t) => t.name).sort());

    const kinds = await service.listKinds();
    expect(kinds.map((k) => k.name)).toEqual(DEFAULT_KINDS.map((k) => k.name).sort());
    const room = await service.findKind('Room');
    expect(room).toMatchObject({ category: Category.LOCATION, version: 1, deprecated: false, createdBy: 'system' });
    expect(room?.properties.find((p) => p.name === 'capacity')).toMatchObject({ type: PropertyType.INT, required: false });
    expect(await service.findRelationshipType('WORKS_AT')).toMatchObject({
      directed: true,
      inverseName: 'employs',
      cardinality: Cardinality.MANY_TO_MANY,
      source: { kinds: ['Person'], categories: [] },
      target: { kinds: ['Organization', 'Department'], categories: [] },
    });
    expect((await service.findRelationshipType('KNOWS'))?.directed).toBe(false);

    const second = await service.seedDefaults('system');
    expect(second).toEqual({ seeded: false, kindsCreated: [], relationshipTypesCreated: [] });
    expect(await service.listKinds()).toHaveLength(DEFAULT_KINDS.length);
    expect(await service.listRelationshipTypes()).toHaveLength(DEFAULT_RELATIONSHIP_TYPES.length);
  });

  it('does not bring back defaults the user deleted when seeding runs again after a restart', async () => {
    const { engine, service } = await freshService();
    await service.seedDefaults('system');
    await service.deleteRelationshipType('KNOWS', 'admin');
    // Vehicle is named by no relationship type's endpoint rule, so it may be deleted.
    await service.deleteKind('Vehicle', 'admin');

    const restarted = new MetamodelService(engine, catalogue, recordedWrites(engine, catalogue));
    expect((await restarted.seedDefaults('system')).seeded).toBe(false);
    expect(await restarted.findKind('Vehicle')).toBeUndefined();
    expect(await restarted.findRelationshipType('KNOWS')).toBeUndefined();
    expect(await restarted.findKind('Person')).toBeDefined();
  });

  it('keeps a kind a user defined before the first seeding instead of the default of that name', async () => {
    const { service } = await freshService();
    await service.defineKind({ name: 'Room', category: Category.LOCATION, description: 'Ours' }, 'admin');
    const result = await service.seedDefaults('system');
    expect(result.seeded).toBe(true);
    expect(result.kindsCreated).not.toContain('Room');
    expect((await service.findKind('Room'))?.description).toBe('Ours');
  });
});

describeOnNeo4j('MetamodelService', (label, open) => describeMetamodelService(label, open, 'schema/neo4j'));
