import { join } from 'node:path';
import type { DomainEvent } from '../../../src/events/domain-event';
import { DomainEventType } from '../../../src/events/domain-event';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

const catalogue = new QueryCatalogue();
const fixtures = new QueryCatalogue(join(__dirname, '..', '..', 'fixtures', 'cypher', 'events'));
const engine = new GrafeoEngine(null);
const bus = new InProcessEventBus();
const writes = new RecordedWrites(engine, catalogue, bus);
const published: DomainEvent[] = [];

beforeAll(async () => {
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  bus.subscribe((e) => published.push(e));
});
afterAll(() => engine.close());

async function logged(subjectId: string) {
  return engine.read<{ type: string; actor: string; cursor: string; payloadJson: string }>(fixtures.get('events-about'), { subjectId });
}

describe('recorded writes (the outbox)', () => {
  it('stores each emitted event in the same transaction and publishes it after the commit', async () => {
    const before = published.length;
    const result = await writes.run('test.ok', 'alice', async (_tx, emit) => {
      emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['s-ok'], payload: { n: 1 } });
      emit({ type: DomainEventType.ENTITY_UPDATED, subjectIds: ['s-ok'], payload: { n: 2 } });
      // Nothing is published while the transaction is open.
      expect(published.length).toBe(before);
      return 42;
    });
    expect(result).toBe(42);
    const rows = await logged('s-ok');
    expect(rows.map((r) => [r.type, r.actor, JSON.parse(r.payloadJson)])).toEqual([
      ['ENTITY_CREATED', 'alice', { n: 1 }],
      ['ENTITY_UPDATED', 'alice', { n: 2 }],
    ]);
    const mine = published.slice(before);
    expect(mine.map((e) => e.cursor)).toEqual(rows.map((r) => r.cursor));
    expect(mine[0]!.cursor < mine[1]!.cursor).toBe(true);
  });

  it('leaves neither events nor publications when the work fails', async () => {
    const before = published.length;
    const failure = new Error('rule broken');
    await expect(
      writes.run('test.fail', 'bob', async (_tx, emit) => {
        emit({ type: DomainEventType.ENTITY_DELETED, subjectIds: ['s-fail'], payload: {} });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await logged('s-fail')).toEqual([]);
    expect(published.length).toBe(before);
  });
});
