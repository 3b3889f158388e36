import { join } from 'node:path';
import type { DomainEvent } from '../../../src/events/domain-event';
import { DomainEventType } from '../../../src/events/domain-event';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { UniqueConstraintError } from '../../../src/graph/graph.errors';
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

  it('runs the work once more when the commit lost a race for a unique key, recording only the second attempt', async () => {
    const before = published.length;
    let attempts = 0;
    const result = await writes.run('test.race', 'carol', async (_tx, emit) => {
      attempts += 1;
      emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['s-race'], payload: { attempt: attempts } });
      if (attempts === 1) throw new UniqueConstraintError('a concurrent write took the key first', 'test', 'Neo.ClientError.Schema.ConstraintValidationFailed');
      return 'second';
    });
    expect(result).toBe('second');
    expect(attempts).toBe(2);
    expect((await logged('s-race')).map((r) => JSON.parse(r.payloadJson))).toEqual([{ attempt: 2 }]);
    expect(published.slice(before).map((e) => e.payload)).toEqual([{ attempt: 2 }]);
  });

  it('retries a lost unique-key race only once, then reports it', async () => {
    const race = new UniqueConstraintError('still taken', 'test', 'Neo.ClientError.Schema.ConstraintValidationFailed');
    let attempts = 0;
    await expect(
      writes.run('test.race2', 'carol', () => {
        attempts += 1;
        return Promise.reject(race);
      }),
    ).rejects.toBe(race);
    expect(attempts).toBe(2);
  });
});
