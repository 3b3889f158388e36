import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { RowRejectedError } from '../../../src/domain/import/row-rejected.error';
import type { BookingImportRow, EntityImportRow, RelationshipImportRow, TouchpointImportRow } from '../../../src/domain/import/import.model';
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

  test('a new relationship gets version 1, its actor and no validity or role it was not given', async () => {
    await h.services.imports.importEntities([person('1', 'Ada'), person('2', 'Grace'), person('3', 'Alan')], { actor });
    await h.services.imports.importRelationships([knows('1', '2'), knows('1', '3', { role: 'mentor', validFrom: '2021-05-01T10:00:00+02:00' })], { actor });
    const relationships: { toId: string }[] = [];
    for await (const batch of h.services.exports.records()) if ('relationships' in batch) relationships.push(...batch.relationships);
    const byTo = new Map(relationships.map((r) => [r.toId, r]));
    const ids = await h.services.imports.idsByKeys([{ source: 'crm', externalId: '2' }, { source: 'crm', externalId: '3' }]);
    expect(byTo.get(ids.get('crm\u00002') ?? '')).toMatchObject({ version: 1, role: null, strength: null, validFrom: null, validTo: null, source: 'crm' });
    expect(byTo.get(ids.get('crm\u00003') ?? '')).toMatchObject({ version: 1, role: 'mentor', validFrom: '2021-05-01T08:00:00Z' });
    // the role is compared with what is stored: unchanged, then changed
    const same = await h.services.imports.importRelationships([knows('1', '3', { role: 'mentor', validFrom: '2021-05-01T08:00:00Z' })], { actor });
    expect(same).toMatchObject({ unchanged: 1, updated: 0 });
    const changed = await h.services.imports.importRelationships([knows('1', '3', { role: 'friend', validFrom: '2021-05-01T08:00:00Z' })], { actor });
    expect(changed).toMatchObject({ unchanged: 0, updated: 1 });
  });

  test('restores touchpoints and bookings by id with their links, rejects dangling ones, and a re-run changes nothing', async () => {
    await h.services.imports.importEntities(
      [person('1', 'Ada'), person('2', 'Grace'), { ...person('r1', 'Room 1'), kind: 'Room' }],
      { actor },
    );
    const ids = await h.services.imports.idsByKeys(['1', '2', 'r1'].map((externalId) => ({ source: 'crm', externalId })));
    const id = (k: string) => ids.get(`crm\u0000${k}`)!;
    const ref = { file: 'x.ndjson', line: 1 };
    const touchpoint = (tid: string, participants: string[], extra: Partial<TouchpointImportRow> = {}): TouchpointImportRow => ({
      ref,
      id: tid,
      occurredAt: '2025-03-01T09:00:00.000Z',
      createdAt: '2025-03-01T09:05:00.000Z',
      updatedAt: '2025-03-02T10:00:00.000Z',
      version: 2,
      participants: participants.map((entityId) => ({ entityId, role: 'host' })),
      objectIds: [],
      locationId: id('r1'),
      properties: { channel: 'MEETING', direction: 'INBOUND', summary: 'Kick-off', idempotencyKey: `key-${tid}`, createdBy: 'someone' },
      ...extra,
    });
    const rows = [
      touchpoint('tp1', [id('1'), id('2')]),
      { ...touchpoint('tp2', [id('1'), 'ghost']), ref: { file: 'x.ndjson', line: 2 } },
      { ...touchpoint('tp3', [id('1')], { properties: { channel: 'EMAIL', direction: 'OUTBOUND', idempotencyKey: 'key-tp1' } }), ref: { file: 'x.ndjson', line: 3 } },
    ];
    const first = await h.services.imports.importTouchpoints(rows, { actor, keyMode: 'id' });
    expect(first).toMatchObject({ created: 1, unchanged: 0, changedIds: ['tp1'] });
    expect(first.rejected.map((r) => [r.ref.line, r.reason])).toEqual([
      [2, 'dangling touchpoint link: no entity with id ghost'],
      [3, 'idempotency key "key-tp1" is held by touchpoint tp1'],
    ]);
    const booking = (bid: string, bookerId: string): BookingImportRow => ({
      ref,
      id: bid,
      resourceId: id('r1'),
      bookerId,
      start: '2025-03-03T09:00:00.000Z',
      end: '2025-03-03T10:00:00.000Z',
      cancelledAt: null,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
      version: 1,
      properties: { purpose: 'Review', status: 'CONFIRMED', createdBy: 'someone' },
    });
    const booked = await h.services.imports.importBookings([booking('b1', id('2')), booking('b2', 'ghost')], { actor, keyMode: 'id' });
    expect(booked).toMatchObject({ created: 1, changedIds: ['b1'] });
    expect(booked.rejected.map((r) => r.reason)).toEqual(['dangling booking: no entity with id ghost']);

    const exported: object[] = [];
    for await (const batch of h.services.exports.records()) {
      if ('touchpoints' in batch) exported.push(...batch.touchpoints);
      if ('bookings' in batch) exported.push(...batch.bookings);
    }
    expect(exported).toEqual([
      expect.objectContaining({
        id: 'tp1',
        occurredAt: '2025-03-01T09:00:00Z',
        version: 2,
        participants: [id('1'), id('2')].sort().map((entityId) => ({ entityId, role: 'host' })),
        locationId: id('r1'),
        properties: expect.objectContaining({ summary: 'Kick-off', idempotencyKey: 'key-tp1' }),
      }),
      expect.objectContaining({ id: 'b1', resourceId: id('r1'), bookerId: id('2'), start: '2025-03-03T09:00:00Z', cancelledAt: null }),
    ]);
    expect(await h.services.imports.importTouchpoints([rows[0]!], { actor, keyMode: 'id' })).toMatchObject({ created: 0, unchanged: 1 });
    expect(await h.services.imports.importBookings([booking('b1', id('2'))], { actor, keyMode: 'id' })).toMatchObject({ created: 0, unchanged: 1 });
    await expect(h.services.imports.importBookings([booking('b3', 'ghost')], { actor, keyMode: 'id', strict: true })).rejects.toBeInstanceOf(RowRejectedError);
  });

  test('an end deleted after an earlier batch resolved it is still rejected as dangling, and nothing half-written stays', async () => {
    await h.services.imports.importEntities([person('1', 'Ada'), person('2', 'Grace'), person('3', 'Alan')], { actor });
    // this batch resolves (and the service remembers) the ends 1, 2 and 3
    await h.services.imports.importRelationships([knows('1', '2'), knows('2', '3')], { actor });
    const ids = await h.services.imports.idsByKeys([{ source: 'crm', externalId: '3' }]);
    await h.services.entities.delete(ids.get('crm\u00003') ?? '', { detach: true }, actor);
    const result = await h.services.imports.importRelationships([knows('1', '3'), knows('3', '1'), knows('2', '1')], { actor });
    expect(result.created).toBe(1);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'dangling relationship: no entity with key crm/3 (target end)',
      'dangling relationship: no entity with key crm/3 (source end)',
    ]);
    expect(await h.counts()).toEqual({ kinds: { Person: 2 }, types: { KNOWS: 2 } });
    const [row] = await h.engine.read<{ count: number }>(fixtures.get('count-import-events'));
    expect(row?.count).toBe(3); // entities, first relationships, the redone batch: none from the rolled-back attempt
  });
});
