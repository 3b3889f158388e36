/**
 * MetamodelService against a real engine, run on every engine (see metamodel.service.test.ts).
 * Each test owns its data: every name and id starts with a prefix unique to the run, and
 * only that data is deleted afterwards, so the suite may share a Neo4j with other suites.
 */
import { join } from 'node:path';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../src/domain/errors';
import { MetamodelService } from '../../../../src/domain/metamodel/metamodel.service';
import { Cardinality, Category, PropertyType } from '../../../../src/domain/metamodel/metamodel.types';
import type { GraphEngine } from '../../../../src/graph/graph-engine.port';
import { QueryCatalogue } from '../../../../src/graph/query-catalogue';
import { recordedWrites } from '../../../support/recorded-writes';

/** The product's queries. */
export const catalogue = new QueryCatalogue();
/** The tests' own queries: bare records and relationships for the in-use checks, counting, clean-up. */
export const fixtures = new QueryCatalogue(join(__dirname, '..', '..', '..', 'fixtures', 'cypher', 'metamodel'));

/** Awaits `promise` and returns what it rejected with. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Registers the MetamodelService suite for the engine `open` creates; `schema` names the
 * engine's DDL file (`schema/grafeo` or `schema/neo4j`).
 */
export function describeMetamodelService(label: string, open: () => Promise<GraphEngine>, schema: string): void {
  describe(`MetamodelService on ${label}`, () => {
    // Kinds, relationship types and ids all start with this: PascalCase and UPPER_SNAKE both fit.
    const run = `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    let counter = 0;
    const uniqueKind = () => `${run}Kind${++counter}`;
    const uniqueType = () => `${run}_REL_${++counter}`;
    const uniqueId = () => `${run}-id-${++counter}`;
    let engine: GraphEngine;
    let service: MetamodelService;

    beforeAll(async () => {
      engine = await open();
      await engine.applySchema(catalogue.statements(schema));
      service = new MetamodelService(engine, catalogue, recordedWrites(engine, catalogue));
    }, 60_000);

    afterAll(async () => {
      if (engine === undefined) return;
      await engine.write(fixtures.get('delete-run-data'), { prefix: run });
      await engine.close();
    });

    async function createEntity(kind: string): Promise<string> {
      const id = uniqueId();
      await engine.write(fixtures.get('create-entity'), { id, kind });
      return id;
    }

    async function entityExists(id: string): Promise<boolean> {
      const [row] = await engine.read<{ nodes: number }>(fixtures.get('count-entity'), { id });
      return Number(row?.nodes) > 0;
    }

    async function relate(type: string, fromId: string, toId: string): Promise<void> {
      await engine.write(fixtures.render('create-relationship', { TYPE: type }), { fromId, toId, id: uniqueId() });
    }

    /** Nodes of this run: a refused write must leave the number unchanged. */
    async function runNodeCount(): Promise<number> {
      const [row] = await engine.read<{ nodes: number }>(fixtures.get('count-run-nodes'), { prefix: run });
      return Number(row?.nodes);
    }

    describe('entity kinds', () => {
      it('defines a kind at version 1 with its property schema, timestamps and author', async () => {
        const name = uniqueKind();
        const kind = await service.defineKind(
          {
            name,
            category: Category.OBJECT,
            description: '  Stand furniture  ',
            properties: [
              { name: 'colour', type: PropertyType.STRING, required: true, description: 'Paint' },
              { name: 'legs', type: PropertyType.INT },
            ],
          },
          'alice',
        );
        expect(kind).toEqual({
          name,
          category: Category.OBJECT,
          description: 'Stand furniture',
          properties: [
            { name: 'colour', type: PropertyType.STRING, required: true, description: 'Paint' },
            { name: 'legs', type: PropertyType.INT, required: false, description: null },
          ],
          deprecated: false,
          version: 1,
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
          updatedAt: kind.createdAt,
          createdBy: 'alice',
          updatedBy: 'alice',
        });
        expect(await service.findKind(name)).toEqual(kind);
      });

      it('refuses a second kind of the same name with a ConflictError', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'alice');
        await expect(service.defineKind({ name, category: Category.LOCATION }, 'bob')).rejects.toBeInstanceOf(ConflictError);
        expect((await service.findKind(name))?.category).toBe(Category.OBJECT);
      });

      it.each([
        'Person`) DETACH DELETE n //',
        'Person` {x:1}) MATCH (m) DETACH DELETE m //',
        "Room'}) DETACH DELETE n //",
        'room',
        'Trade Fair',
        '',
        'Event',
        'Entity',
        'Stakeholder',
        'MetamodelSeed',
      ])('refuses the kind name %p with a BadUserInputError on `name` and writes nothing', async (name) => {
        const bystander = await createEntity(uniqueKind());
        const before = await runNodeCount();
        const error = await rejection(service.defineKind({ name, category: Category.OBJECT }, 'mallory'));
        expect(error).toBeInstanceOf(BadUserInputError);
        expect((error as BadUserInputError).details.field).toBe('name');
        expect(await runNodeCount()).toBe(before);
        expect(await entityExists(bystander)).toBe(true);
      });

      it('refuses an invalid property schema and writes nothing', async () => {
        const name = uniqueKind();
        const before = await runNodeCount();
        const error = await rejection(
          service.defineKind({ name, category: Category.OBJECT, properties: [{ name: 'id', type: PropertyType.STRING }] }, 'a'),
        );
        expect(error).toBeInstanceOf(BadUserInputError);
        expect((error as BadUserInputError).details.field).toBe('properties[0].name');
        expect(await runNodeCount()).toBe(before);
        expect(await service.findKind(name)).toBeUndefined();
      });

      it('updates description and schema, bumps the version and records who changed it', async () => {
        const name = uniqueKind();
        await service.defineKind(
          { name, category: Category.OBJECT, description: 'old', properties: [{ name: 'size', type: PropertyType.INT }] },
          'alice',
        );
        const updated = await service.updateKind(
          name,
          {
            expectedVersion: 1,
            description: 'new',
            properties: [
              { name: 'size', type: PropertyType.INT, description: 'in cm' },
              { name: 'tags', type: PropertyType.STRING_LIST },
            ],
          },
          'bob',
        );
        expect(updated).toMatchObject({ version: 2, description: 'new', createdBy: 'alice', updatedBy: 'bob' });
        expect(updated.properties.map((p) => p.name)).toEqual(['size', 'tags']);
        expect(await service.findKind(name)).toEqual(updated);

        const cleared = await service.updateKind(name, { expectedVersion: 2, description: null }, 'bob');
        expect(cleared).toMatchObject({ version: 3, description: null });
        expect(cleared.properties).toHaveLength(2);
      });

      it('refuses an update with a stale version with a ConflictError naming both versions', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'alice');
        await service.updateKind(name, { expectedVersion: 1, description: 'first' }, 'alice');
        await service.updateKind(name, { expectedVersion: 2, description: 'second' }, 'alice');
        await service.updateKind(name, { expectedVersion: 3, description: 'third' }, 'alice');
        const error = await rejection(service.updateKind(name, { expectedVersion: 3, description: 'late' }, 'bob'));
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toContain(`"${name}" was changed by someone else: you sent version 3, the current version is 4`);
        expect((error as ConflictError).details).toMatchObject({ expectedVersion: 3, currentVersion: 4 });
        expect((await service.findKind(name))?.description).toBe('third');
      });

      it('reports NotFoundError for a kind that does not exist', async () => {
        await expect(service.updateKind(uniqueKind(), { expectedVersion: 1 }, 'a')).rejects.toBeInstanceOf(NotFoundError);
        await expect(service.deprecateKind(uniqueKind(), true, 'a')).rejects.toBeInstanceOf(NotFoundError);
        await expect(service.deleteKind(uniqueKind(), 'a')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('deprecates and restores a kind, hiding it only when asked to', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'alice');
        const deprecated = await service.deprecateKind(name, true, 'bob');
        expect(deprecated).toMatchObject({ deprecated: true, version: 2, updatedBy: 'bob' });
        expect((await service.listKinds()).some((k) => k.name === name)).toBe(true);
        expect((await service.listKinds({ includeDeprecated: false })).some((k) => k.name === name)).toBe(false);

        const again = await service.deprecateKind(name, true, 'bob');
        expect(again.version).toBe(2);

        const restored = await service.deprecateKind(name, false, 'carol');
        expect(restored).toMatchObject({ deprecated: false, version: 3 });
      });

      it('deletes a kind nothing uses', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'alice');
        await expect(service.deleteKind(name, 'alice')).resolves.toBe(true);
        expect(await service.findKind(name)).toBeUndefined();
      });

      it('refuses to delete a kind while a record of it exists', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'alice');
        await createEntity(name);
        await createEntity(name);
        const error = await rejection(service.deleteKind(name, 'alice'));
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toContain('2 records');
        expect(await service.findKind(name)).toBeDefined();
      });

      it('refuses to delete a kind named in a relationship type’s endpoint rule', async () => {
        const kind = uniqueKind();
        const type = uniqueType();
        await service.defineKind({ name: kind, category: Category.OBJECT }, 'alice');
        await service.defineRelationshipType({ name: type, target: { kinds: [kind] } }, 'alice');
        const error = await rejection(service.deleteKind(kind, 'alice'));
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toContain(type);
      });

      it('refuses, while records exist, to change the category, a property’s type, or make a property required', async () => {
        const name = uniqueKind();
        await service.defineKind(
          { name, category: Category.OBJECT, properties: [{ name: 'size', type: PropertyType.INT }] },
          'alice',
        );
        await createEntity(name);
        const attempts = [
          { expectedVersion: 1, category: Category.LOCATION },
          { expectedVersion: 1, properties: [{ name: 'size', type: PropertyType.FLOAT }] },
          { expectedVersion: 1, properties: [{ name: 'size', type: PropertyType.INT, required: true }] },
          {
            expectedVersion: 1,
            properties: [
              { name: 'size', type: PropertyType.INT },
              { name: 'owner', type: PropertyType.STRING, required: true },
            ],
          },
        ];
        for (const patch of attempts) {
          const error = await rejection(service.updateKind(name, patch, 'bob'));
          expect(error).toBeInstanceOf(ConflictError);
          expect(error.message).toContain('1 record');
        }
        expect(await service.findKind(name)).toMatchObject({ version: 1, category: Category.OBJECT });
      });

      it('allows, while records exist, adding optional properties, removing properties and editing descriptions', async () => {
        const name = uniqueKind();
        await service.defineKind(
          { name, category: Category.OBJECT, properties: [{ name: 'size', type: PropertyType.INT }, { name: 'old', type: PropertyType.STRING }] },
          'alice',
        );
        await createEntity(name);
        const updated = await service.updateKind(
          name,
          {
            expectedVersion: 1,
            description: 'now documented',
            properties: [
              { name: 'size', type: PropertyType.INT, description: 'in cm' },
              { name: 'colour', type: PropertyType.STRING },
            ],
          },
          'bob',
        );
        expect(updated.properties.map((p) => p.name)).toEqual(['size', 'colour']);
      });

      it('allows changing the category and property types while no record exists', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT, properties: [{ name: 'size', type: PropertyType.INT }] }, 'a');
        const updated = await service.updateKind(
          name,
          { expectedVersion: 1, category: Category.LOCATION, properties: [{ name: 'size', type: PropertyType.FLOAT, required: true }] },
          'a',
        );
        expect(updated).toMatchObject({ category: Category.LOCATION, version: 2 });
        expect(updated.properties[0]).toMatchObject({ type: PropertyType.FLOAT, required: true });
      });
    });

    describe('relationship types', () => {
      async function twoKinds() {
        const person = uniqueKind();
        const place = uniqueKind();
        await service.defineKind({ name: person, category: Category.STAKEHOLDER }, 'alice');
        await service.defineKind({ name: place, category: Category.LOCATION }, 'alice');
        return { person, place };
      }

      it('defines a type with endpoint rules, direction, inverse name, cardinality and properties', async () => {
        const { person, place } = await twoKinds();
        const name = uniqueType();
        const type = await service.defineRelationshipType(
          {
            name,
            description: 'Sits in',
            source: { kinds: [person] },
            target: { kinds: [place], categories: [Category.OBJECT] },
            inverseName: 'seats',
            cardinality: Cardinality.MANY_TO_ONE,
            properties: [{ name: 'desk', type: PropertyType.STRING }],
          },
          'alice',
        );
        expect(type).toMatchObject({
          name,
          description: 'Sits in',
          source: { kinds: [person], categories: [] },
          target: { kinds: [place], categories: [Category.OBJECT] },
          directed: true,
          inverseName: 'seats',
          cardinality: Cardinality.MANY_TO_ONE,
          allowSelf: false,
          properties: [{ name: 'desk', type: PropertyType.STRING, required: false, description: null }],
          deprecated: false,
          version: 1,
          createdBy: 'alice',
        });
        expect(await service.findRelationshipType(name)).toEqual(type);
      });

      it('refuses endpoint rules that name a kind which does not exist, and writes nothing', async () => {
        const name = uniqueType();
        const before = await runNodeCount();
        const error = await rejection(service.defineRelationshipType({ name, source: { kinds: ['NoSuchKind'] } }, 'a'));
        expect(error).toBeInstanceOf(BadUserInputError);
        expect((error as BadUserInputError).details.field).toBe('source.kinds');
        expect(await runNodeCount()).toBe(before);
      });

      it.each(['KNOWS]->() DETACH DELETE n //', 'works_at', 'INVOLVES', 'Event'])(
        'refuses the type name %p with a BadUserInputError and writes nothing',
        async (name) => {
          const before = await runNodeCount();
          const error = await rejection(service.defineRelationshipType({ name }, 'mallory'));
          expect(error).toBeInstanceOf(BadUserInputError);
          expect((error as BadUserInputError).details.field).toBe('name');
          expect(await runNodeCount()).toBe(before);
        },
      );

      it('refuses a duplicate type name with a ConflictError', async () => {
        const name = uniqueType();
        await service.defineRelationshipType({ name }, 'a');
        await expect(service.defineRelationshipType({ name }, 'a')).rejects.toBeInstanceOf(ConflictError);
      });

      it('updates a type, bumps its version and refuses a stale version', async () => {
        const { person } = await twoKinds();
        const name = uniqueType();
        await service.defineRelationshipType({ name, source: { kinds: [person] } }, 'alice');
        const updated = await service.updateRelationshipType(
          name,
          { expectedVersion: 1, inverseName: 'is liked by', source: {}, allowSelf: true },
          'bob',
        );
        expect(updated).toMatchObject({ version: 2, inverseName: 'is liked by', source: { kinds: [], categories: [] }, allowSelf: true });
        const error = await rejection(service.updateRelationshipType(name, { expectedVersion: 1, description: 'x' }, 'carol'));
        expect(error).toBeInstanceOf(ConflictError);
        expect(error.message).toContain('you sent version 1, the current version is 2');
      });

      it('deprecates, restores and deletes an unused type', async () => {
        const name = uniqueType();
        await service.defineRelationshipType({ name }, 'a');
        expect(await service.deprecateRelationshipType(name, true, 'b')).toMatchObject({ deprecated: true, version: 2 });
        expect((await service.listRelationshipTypes({ includeDeprecated: false })).some((t) => t.name === name)).toBe(false);
        expect(await service.deprecateRelationshipType(name, false, 'b')).toMatchObject({ deprecated: false, version: 3 });
        await expect(service.deleteRelationshipType(name, 'b')).resolves.toBe(true);
        expect(await service.findRelationshipType(name)).toBeUndefined();
        await expect(service.deleteRelationshipType(name, 'b')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('refuses to delete a type while a relationship of it exists', async () => {
        const { person, place } = await twoKinds();
        const name = uniqueType();
        await service.defineRelationshipType({ name }, 'a');
        await relate(name, await createEntity(person), await createEntity(place));
        const error = await rejection(service.deleteRelationshipType(name, 'a'));
        expect(error).toBeInstanceOf(ConflictError);
        expect(await service.findRelationshipType(name)).toBeDefined();
      });

      it('refuses, while in use, to narrow an endpoint rule or tighten the cardinality, but allows widening', async () => {
        const { person, place } = await twoKinds();
        const name = uniqueType();
        await service.defineRelationshipType({ name, source: { kinds: [person] }, target: { kinds: [place] } }, 'a');
        await relate(name, await createEntity(person), await createEntity(place));

        const narrower = await rejection(
          service.updateRelationshipType(name, { expectedVersion: 1, source: { kinds: [place] } }, 'a'),
        );
        expect(narrower).toBeInstanceOf(ConflictError);
        expect(narrower.message).toContain('source rule');
        await expect(
          service.updateRelationshipType(name, { expectedVersion: 1, cardinality: Cardinality.ONE_TO_ONE }, 'a'),
        ).rejects.toBeInstanceOf(ConflictError);
        await expect(
          service.updateRelationshipType(name, { expectedVersion: 1, directed: false, target: { kinds: [person] } }, 'a'),
        ).rejects.toBeInstanceOf(ConflictError);

        const wider = await service.updateRelationshipType(
          name,
          { expectedVersion: 1, target: { kinds: [place], categories: [Category.OBJECT] } },
          'a',
        );
        expect(wider.version).toBe(2);
      });
    });

    describe('the cache', () => {
      it('lets another instance see a change once its time-to-live has passed', async () => {
        let now = Date.parse('2026-05-01T10:00:00Z');
        const clock = () => new Date(now);
        const writer = new MetamodelService(engine, catalogue, recordedWrites(engine, catalogue), { now: clock });
        const reader = new MetamodelService(engine, catalogue, recordedWrites(engine, catalogue), { cacheTtlMs: 5000, now: clock });
        const name = uniqueKind();

        expect(await reader.findKind(name)).toBeUndefined();
        await writer.defineKind({ name, category: Category.OBJECT }, 'alice');
        expect(await writer.findKind(name)).toBeDefined();
        expect(await reader.findKind(name)).toBeUndefined();
        now += 5000;
        expect(await reader.findKind(name)).toMatchObject({ name, createdAt: '2026-05-01T10:00:00.000Z' });
      });

      it('serves the same kind objects, frozen, to every caller', async () => {
        const name = uniqueKind();
        await service.defineKind({ name, category: Category.OBJECT }, 'a');
        const a = await service.findKind(name);
        const b = await service.findKind(name);
        expect(a).toBe(b);
        expect(Object.isFrozen(a)).toBe(true);
      });
    });
  });
}
