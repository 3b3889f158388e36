import { DomainEventType, type DomainEvent } from '../../../src/events/domain-event';
import { CursorNotResumableError } from '../../../src/events/cursor-expired.error';
import { EventFeed } from '../../../src/events/event-feed';
import { EventLog } from '../../../src/events/event-log';
import type { EventSink } from '../../../src/events/event-subscription';
import { SubscriberTooSlowError } from '../../../src/events/subscriber-too-slow.error';
import type { EventPublisher } from '../../../src/events/event-publisher';
import { InProcessEventBus } from '../../../src/events/in-process-event-bus';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';
import { createLogger } from '../../../src/logger';

const catalogue = new QueryCatalogue();
const logger = createLogger('silent');

/** A fresh in-memory graph with its event log, a bus and a feed; writes are held back until released. */
async function setup(gapWaitMs = 50) {
  const engine = new GrafeoEngine(null);
  await engine.applySchema(catalogue.statements('schema/grafeo'));
  const bus = new InProcessEventBus();
  const log = new EventLog(engine, catalogue);
  const feed = new EventFeed(bus, log, logger, { gapWaitMs, replayPageSize: 2 });
  await feed.start();
  const held: DomainEvent[] = [];
  const holding: EventPublisher = { publish: (events) => held.push(...events) };
  let clock = new Date();
  const writes = new RecordedWrites(engine, catalogue, holding, () => clock);
  const write = (subject: string) =>
    writes.run('test.write', 'tester', async (_tx, emit) => {
      emit({ type: DomainEventType.ENTITY_UPDATED, subjectIds: [subject], payload: { entity: { id: subject } } });
    });
  return {
    engine,
    bus,
    log,
    feed,
    held,
    write,
    setClock: (at: Date) => (clock = at),
    close: async () => {
      await feed.close();
      await engine.close();
    },
  };
}

const seqOf = (e: DomainEvent) => Number(e.cursor);

describe('the event log positions', () => {
  it('are dense and follow commit order, also with several events in one transaction', async () => {
    const s = await setup();
    const writes = new RecordedWrites(s.engine, catalogue, { publish: (events) => s.held.push(...events) });
    await writes.run('two', 'tester', async (_tx, emit) => {
      emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['a'], payload: {} });
      emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['b'], payload: {} });
    });
    await s.write('c');
    expect(s.held.map(seqOf)).toEqual([1, 2, 3]);
    expect(await s.log.state()).toEqual({ lastSeq: 3, prunedThrough: 0 });
    await s.close();
  });

  it('are not used up by a rolled-back change', async () => {
    const s = await setup();
    const writes = new RecordedWrites(s.engine, catalogue, { publish: (events) => s.held.push(...events) });
    await s.write('a');
    await expect(
      writes.run('fails', 'tester', async (_tx, emit) => {
        emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['x'], payload: {} });
        throw new Error('rule broken');
      }),
    ).rejects.toThrow('rule broken');
    await s.write('b');
    expect(s.held.map(seqOf)).toEqual([1, 2]);
    await s.close();
  });
});

describe('the event feed', () => {
  it('delivers events that reach the bus out of order in log order', async () => {
    const s = await setup();
    const seen: number[] = [];
    s.feed.subscribe((e) => seen.push(seqOf(e)));
    for (const subject of ['a', 'b', 'c']) await s.write(subject);
    s.bus.publish([s.held[2]!]);
    s.bus.publish([s.held[0]!]);
    expect(seen).toEqual([1]);
    s.bus.publish([s.held[1]!]);
    s.bus.publish([s.held[1]!]); // a duplicate is dropped
    expect(seen).toEqual([1, 2, 3]);
    await s.close();
  });

  it('reads an event that never reached the bus from the log (e.g. lost while Redis was away)', async () => {
    const s = await setup(30);
    const seen: number[] = [];
    s.feed.subscribe((e) => seen.push(seqOf(e)));
    for (const subject of ['a', 'b', 'c']) await s.write(subject);
    s.bus.publish([s.held[0]!, s.held[2]!]); // 2 is lost
    expect(seen).toEqual([1]);
    for (let waited = 0; seen.length < 3 && waited < 3_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([1, 2, 3]);
    await s.close();
  });

  it('catches up with the log on its own when the bus lost an event and no later one reveals the gap', async () => {
    const engine = new GrafeoEngine(null);
    await engine.applySchema(catalogue.statements('schema/grafeo'));
    const log = new EventLog(engine, catalogue);
    const feed = new EventFeed(new InProcessEventBus(), log, logger, { catchUpIntervalMs: 30 });
    const silent = new EventFeed(new InProcessEventBus(), log, logger, { catchUpIntervalMs: 0 });
    await feed.start();
    await silent.start();
    const seen: number[] = [];
    const unseen: number[] = [];
    feed.subscribe((e) => seen.push(seqOf(e)));
    silent.subscribe((e) => unseen.push(seqOf(e)));
    // Committed, but published on nobody's bus (as if Redis dropped it): only the log has it.
    const writes = new RecordedWrites(engine, catalogue, { publish: () => undefined });
    await writes.run('lost', 'tester', async (_tx, emit) => {
      emit({ type: DomainEventType.ENTITY_CREATED, subjectIds: ['lost'], payload: {} });
    });
    for (let waited = 0; seen.length < 1 && waited < 3_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([1]);
    expect(unseen).toEqual([]); // without the catch-up, nothing reveals the gap
    await feed.close();
    await silent.close();
    await engine.close();
  });

  it('replays the stored events after `since` that match, a page at a time, then continues live', async () => {
    const s = await setup();
    for (const subject of ['a', 'x', 'a', 'a', 'x', 'a']) await s.write(subject);
    s.bus.publish(s.held.splice(0));
    const sub = await s.feed.open('0000000000000001', (e) => e.subjectIds[0] === 'a');
    await s.write('a');
    s.bus.publish(s.held.splice(0));
    const got: number[] = [];
    for (let i = 0; i < 4; i++) got.push(seqOf((await sub.next()).value as DomainEvent));
    expect(got).toEqual([3, 4, 6, 7]);
    await sub.return();
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    await s.close();
  });

  it('ends a waiting subscription at once on return()', async () => {
    const s = await setup();
    const sub = await s.feed.open(null, () => true);
    const pending = sub.next();
    await sub.return();
    await expect(pending).resolves.toEqual({ value: undefined, done: true });
    await s.close();
  });
});

describe('retention', () => {
  it('prunes events older than the retention and then refuses cursors before the pruned ones as expired', async () => {
    const s = await setup();
    s.setClock(new Date(Date.now() - 10 * 86_400_000));
    await s.write('old-1');
    await s.write('old-2');
    s.setClock(new Date());
    await s.write('new');
    s.bus.publish(s.held.splice(0));

    const deleted = await s.log.prune(new Date(Date.now() - 7 * 86_400_000));
    expect(deleted).toBe(2);
    expect(await s.log.state()).toEqual({ lastSeq: 3, prunedThrough: 2 });

    const expired = s.feed.open('0000000000000001', () => true);
    await expect(expired).rejects.toBeInstanceOf(CursorNotResumableError);
    await expect(expired).rejects.toMatchObject({ details: { reason: 'CURSOR_EXPIRED', resync: true, oldestCursor: '0000000000000002' } });

    // The oldest cursor still accepted resumes with the first retained event.
    const resumed = await s.feed.open('0000000000000002', () => true);
    expect(seqOf((await resumed.next()).value as DomainEvent)).toBe(3);
    await resumed.return();
    await s.close();
  });

  it('deletes nothing when every event is within the retention', async () => {
    const s = await setup();
    await s.write('fresh');
    expect(await s.log.prune(new Date(Date.now() - 86_400_000))).toBe(0);
    expect((await s.log.state()).prunedThrough).toBe(0);
    await s.close();
  });
});

describe('pruning while a subscriber replays', () => {
  it('ends the subscription with CURSOR_EXPIRED when events it has not replayed yet are pruned, never skipping them', async () => {
    const s = await setup(); // replay pages of 2
    s.setClock(new Date(Date.now() - 10 * 86_400_000));
    for (const subject of ['old-1', 'old-2', 'old-3', 'old-4']) await s.write(subject);
    s.setClock(new Date());
    await s.write('new');
    s.bus.publish(s.held.splice(0));

    const sub = await s.feed.open('0000000000000000', () => true);
    // The first page (positions 1 and 2) is read; then retention prunes 1–4.
    expect(seqOf((await sub.next()).value as DomainEvent)).toBe(1);
    expect(await s.log.prune(new Date(Date.now() - 7 * 86_400_000))).toBe(4);
    expect(seqOf((await sub.next()).value as DomainEvent)).toBe(2); // already read: delivered
    const next = sub.next(); // positions 3 and 4 are gone
    await expect(next).rejects.toBeInstanceOf(CursorNotResumableError);
    await expect(next).rejects.toMatchObject({ details: { reason: 'CURSOR_EXPIRED', resync: true, oldestCursor: '0000000000000004' } });
    // The subscription is over: nothing more, and it no longer listens to the feed.
    expect(await sub.next()).toEqual({ value: undefined, done: true });
    await s.close();
  });

  it('ends it too when pruning removed part of a page (a hole in the positions)', async () => {
    const s = await setup();
    s.setClock(new Date(Date.now() - 10 * 86_400_000));
    await s.write('old-1');
    s.setClock(new Date());
    await s.write('new-2');
    await s.write('new-3');
    s.bus.publish(s.held.splice(0));
    const sub = await s.feed.open('0000000000000000', () => true);
    // Pruned after the cursor check and before the first page is read: the page starts at 2, not 1.
    expect(await s.log.prune(new Date(Date.now() - 7 * 86_400_000))).toBe(1);
    await expect(sub.next()).rejects.toMatchObject({ details: { reason: 'CURSOR_EXPIRED', oldestCursor: '0000000000000001' } });
    await s.close();
  });

  it('replays everything when pruning only removed events it had already replayed', async () => {
    const s = await setup();
    s.setClock(new Date(Date.now() - 10 * 86_400_000));
    await s.write('old-1');
    await s.write('old-2');
    s.setClock(new Date());
    for (const subject of ['new-3', 'new-4', 'new-5']) await s.write(subject);
    s.bus.publish(s.held.splice(0));
    const sub = await s.feed.open('0000000000000000', () => true);
    const got = [seqOf((await sub.next()).value as DomainEvent)];
    expect(await s.log.prune(new Date(Date.now() - 7 * 86_400_000))).toBe(2);
    for (let i = 0; i < 4; i++) got.push(seqOf((await sub.next()).value as DomainEvent));
    expect(got).toEqual([1, 2, 3, 4, 5]);
    await sub.return();
    await s.close();
  });
});

describe('push mode (consume: the WebSocket fan-out path)', () => {
  /** A sink that records what it is handed; `hold` may return a promise to hold back the next event. */
  function recordingSink(hold?: (event: DomainEvent) => void | Promise<void>) {
    const got: number[] = [];
    let resolveEnd: (error: Error | undefined) => void = () => undefined;
    const ended = new Promise<Error | undefined>((resolve) => (resolveEnd = resolve));
    let ends = 0;
    const sink: EventSink = {
      next: (event) => {
        got.push(seqOf(event));
        return hold?.(event);
      },
      end: (error) => {
        ends += 1;
        resolveEnd(error);
      },
    };
    return { sink, got, ended, ends: () => ends };
  }
  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition() && waited < 5_000; waited += 10) await new Promise((r) => setTimeout(r, 10));
  };

  it('hands the replayed events, then those published during the replay, then live ones to the sink in order, none twice', async () => {
    const s = await setup(); // replay pages of 2
    for (const subject of ['a', 'x', 'a', 'a', 'x', 'a']) await s.write(subject);
    s.bus.publish(s.held.splice(0));
    await s.write('a'); // 7, held back until the subscription is opening
    const opening = s.feed.open('0000000000000001', (e) => e.subjectIds[0] === 'a');
    // Published while the cursor is checked: 7 is both buffered and inside the replay range.
    s.bus.publish(s.held.splice(0));
    const sub = await opening;
    const { sink, got } = recordingSink();
    sub.consume(sink);
    await s.write('a'); // 8: while the replay reads its pages
    s.bus.publish(s.held.splice(0));
    await until(() => got.length >= 5);
    expect(got).toEqual([3, 4, 6, 7, 8]);
    await sub.return();
    await s.close();
  });

  it('delivers a live event synchronously from the feed once the replay and the buffer are through', async () => {
    const s = await setup();
    const sub = await s.feed.open(null, () => true);
    const { sink, got } = recordingSink();
    sub.consume(sink);
    await new Promise((r) => setImmediate(r)); // the (empty) pump hands delivery over
    await s.write('a');
    s.bus.publish(s.held.splice(0));
    expect(got).toEqual([1]); // no await between the publish and this line
    await sub.return();
    await s.close();
  });

  it('keeps the order when the predicate answers asynchronously, the first one last', async () => {
    const s = await setup();
    const delays = new Map([[1, 60], [2, 0], [3, 20]]);
    const sub = await s.feed.open(null, (e) => new Promise((resolve) => setTimeout(() => resolve(true), delays.get(seqOf(e)) ?? 0)));
    const { sink, got } = recordingSink();
    sub.consume(sink);
    for (const subject of ['a', 'b', 'c']) await s.write(subject);
    s.bus.publish(s.held.splice(0));
    await until(() => got.length >= 3);
    expect(got).toEqual([1, 2, 3]);
    await sub.return();
    await s.close();
  });

  it('ends a subscriber whose sink stays behind with SUBSCRIBER_TOO_SLOW and its last cursor, once', async () => {
    const s = await setup();
    const feed = new EventFeed(s.bus, s.log, logger, { maxBufferedPerSubscriber: 3 });
    await feed.start();
    const sub = await feed.open(null, () => true);
    const { sink, got, ended, ends } = recordingSink(() => new Promise<void>(() => undefined)); // a socket that never drains
    sub.consume(sink);
    for (const subject of ['a', 'b', 'c', 'd', 'e']) await s.write(subject);
    s.bus.publish(s.held.splice(0)); // 1 is being delivered; 2, 3, 4 wait; 5 overflows
    const error = await ended;
    expect(error).toBeInstanceOf(SubscriberTooSlowError);
    expect(error).toMatchObject({ details: { reason: 'SUBSCRIBER_TOO_SLOW', lastCursor: '0000000000000001' } });
    expect(got).toEqual([1]);
    await s.write('f');
    s.bus.publish(s.held.splice(0));
    await sub.return();
    expect(got).toEqual([1]);
    expect(ends()).toBe(1);
    await feed.close();
    await s.close();
  });

  it('ends the sink without an error on return() and stops listening', async () => {
    const s = await setup();
    const sub = await s.feed.open(null, () => true);
    const { sink, got, ended, ends } = recordingSink();
    sub.consume(sink);
    await sub.return();
    await expect(ended).resolves.toBeUndefined();
    await s.write('a');
    s.bus.publish(s.held.splice(0));
    expect(got).toEqual([]);
    expect(ends()).toBe(1);
    await s.close();
  });

  it('ends the sink with CURSOR_EXPIRED when pruning overtakes the replay', async () => {
    const s = await setup();
    s.setClock(new Date(Date.now() - 10 * 86_400_000));
    await s.write('old-1');
    s.setClock(new Date());
    await s.write('new-2');
    s.bus.publish(s.held.splice(0));
    const sub = await s.feed.open('0000000000000000', () => true);
    expect(await s.log.prune(new Date(Date.now() - 7 * 86_400_000))).toBe(1);
    const { sink, got, ended } = recordingSink();
    sub.consume(sink);
    await expect(ended).resolves.toMatchObject({ details: { reason: 'CURSOR_EXPIRED', oldestCursor: '0000000000000001' } });
    expect(got).toEqual([]);
    await s.close();
  });
});
