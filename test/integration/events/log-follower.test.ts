/**
 * LogFollower on a real embedded engine: it hands a view the events committed since it last
 * looked, in order, reads nothing while the write mark stays, resets the view when the events
 * cannot be told (too many, or pruned between its two reads), and returns under a stream of
 * writes that keeps moving the mark.
 */
import { DomainEventType } from '../../../src/events/domain-event';
import { EventLog, type LoggedEvent } from '../../../src/events/event-log';
import { LogFollower, type FollowingView } from '../../../src/events/log-follower';
import { RecordedWrites } from '../../../src/events/recorded-writes';
import { GrafeoEngine } from '../../../src/graph/grafeo/grafeo.engine';
import { QueryCatalogue } from '../../../src/graph/query-catalogue';

const catalogue = new QueryCatalogue();

class RecordingView implements FollowingView {
  applied: string[] = [];
  resets = 0;
  apply(events: readonly LoggedEvent[]): void {
    this.applied.push(...events.map((e) => e.subjectIds[0] ?? ''));
  }
  reset(): void {
    this.resets += 1;
  }
}

/** An event log whose next page comes back one event short, as if pruning ran between the follower's two reads. */
class ShortPageLog extends EventLog {
  shortOnce = false;
  /** Called at every state read: lets a test commit a write racing each pull. */
  onState: (() => Promise<void>) | null = null;
  override async state() {
    const state = await super.state();
    await this.onState?.();
    return state;
  }

  override async page(after: number, until: number, limit: number): Promise<LoggedEvent[]> {
    const page = await super.page(after, until, limit);
    if (!this.shortOnce) return page;
    this.shortOnce = false;
    return page.slice(1);
  }
}

describe('LogFollower on the embedded engine', () => {
  let engine: GrafeoEngine;
  let writes: RecordedWrites;
  let log: ShortPageLog;
  const emitOne = (id: string) =>
    writes.run('test', 'test', async (_tx, emit) => emit({ type: DomainEventType.ENTITY_UPDATED, subjectIds: [id], payload: {} }));

  beforeEach(async () => {
    engine = new GrafeoEngine(null);
    await engine.applySchema(catalogue.statements('schema/grafeo'));
    writes = new RecordedWrites(engine, catalogue, { publish: () => undefined });
    log = new ShortPageLog(engine, catalogue);
    await emitOne('before');
  });
  afterEach(() => engine.close());

  it('starts with a reset, then hands over each commit once, in order, and reads nothing while the mark stays', async () => {
    const view = new RecordingView();
    const follower = new LogFollower(engine, log, view);
    expect(await follower.sync()).toBe(true);
    expect(view).toMatchObject({ resets: 1, applied: [] });
    await emitOne('a');
    await emitOne('b');
    await engine.write(catalogue.get('event/ensure-log'), { name: 'other-log', logId: 'x' }); // a write without an event
    expect(await follower.sync()).toBe(true);
    expect(view.applied).toEqual(['a', 'b']);
    const state = jest.spyOn(log, 'state');
    expect(await follower.sync()).toBe(true);
    expect(state).not.toHaveBeenCalled();
    expect(view).toMatchObject({ resets: 1, applied: ['a', 'b'] });
  });

  it('hands each change to every view it follows, reading the log once', async () => {
    const first = new RecordingView();
    const second = new RecordingView();
    const follower = new LogFollower(engine, log, first);
    follower.follow(second);
    expect(second.resets).toBe(1); // it had seen nothing of what came before
    await follower.sync();
    await emitOne('x');
    const state = jest.spyOn(log, 'state');
    await follower.sync();
    expect(state).toHaveBeenCalledTimes(1);
    expect(first.applied).toEqual(['x']);
    expect(second.applied).toEqual(['x']);
  });

  it('resets the view past maxEvents and when a page comes back short', async () => {
    const view = new RecordingView();
    const follower = new LogFollower(engine, log, view, 3);
    await follower.sync();
    for (const id of ['1', '2', '3', '4']) await emitOne(id);
    await follower.sync();
    expect(view).toMatchObject({ resets: 2, applied: [] });
    await emitOne('5');
    await emitOne('6');
    log.shortOnce = true;
    await follower.sync();
    expect(view).toMatchObject({ resets: 3, applied: [] });
    await emitOne('7');
    await follower.sync();
    expect(view.applied).toEqual(['7']);
  });

  it('returns while writes keep moving the mark, with every write committed before the call applied', async () => {
    const view = new RecordingView();
    const follower = new LogFollower(engine, log, view);
    await follower.sync();
    await emitOne('first');
    // A commit races every pull: the mark has always moved again when a pull ends.
    let raced = 0;
    log.onState = async () => {
      if (raced < 50) {
        raced += 1;
        await emitOne(`race${raced}`);
      }
    };
    expect(await follower.sync()).toBe(true);
    log.onState = null;
    expect(view.applied[0]).toBe('first');
    expect(raced).toBeLessThanOrEqual(2);
  });
});
