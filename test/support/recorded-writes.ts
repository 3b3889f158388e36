import { InProcessEventBus } from '../../src/events/in-process-event-bus';
import { RecordedWrites } from '../../src/events/recorded-writes';
import type { GraphEngine } from '../../src/graph/graph-engine.port';
import type { QueryCatalogue } from '../../src/graph/query-catalogue';

/** Recorded writes on a real engine with an in-process bus, for service-level tests. */
export function recordedWrites(engine: GraphEngine, catalogue: QueryCatalogue, bus = new InProcessEventBus()): RecordedWrites {
  return new RecordedWrites(engine, catalogue, bus);
}
