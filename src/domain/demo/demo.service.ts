import type { BookingService } from '../bookings/booking.service';
import { ConflictError } from '../errors';
import type { ImportService } from '../import/import.service';
import { keyString } from '../import/import.service';
import type { BatchResult } from '../import/import.model';
import type { TouchpointService } from '../touchpoints/touchpoint.service';
import { RatingScale, TouchpointDirection } from '../touchpoints/touchpoint.model';
import { DEMO_METAMODEL, generateDemo, type DemoScale } from './demo-generator';

/** What a demo load did. */
export interface DemoResult {
  source: string;
  entities: { created: number; updated: number; unchanged: number };
  relationships: { created: number; updated: number; unchanged: number };
  touchpoints: number;
  bookings: number;
  rejected: number;
  millis: { entities: number; relationships: number; touchpoints: number; bookings: number; total: number };
}

export interface DemoOptions {
  actor: string;
  batchSize?: number;
  /** Called after every batch: phase and rows done so far of the total. */
  onProgress?: (phase: string, done: number, total: number) => void;
}

/**
 * Loads the demo trade-fair network through the batched import path (so a second run with
 * the same seed changes nothing), then records its touchpoints (idempotency keys) and
 * bookings (a slot already booked is skipped).
 */
export class DemoService {
  constructor(
    private readonly imports: ImportService,
    /** Extension point: touchpoints are recorded when the service exists. */
    private readonly touchpoints: TouchpointService | undefined,
    /** Extension point: bookings are made when the service exists. */
    private readonly bookings: BookingService | undefined,
  ) {}

  async load(scale: DemoScale, seed: number, options: DemoOptions): Promise<DemoResult> {
    const started = Date.now();
    const batchSize = options.batchSize ?? 5000;
    const data = generateDemo(scale, seed);
    await this.imports.ensureMetamodel(DEMO_METAMODEL, options.actor);
    const sum = { created: 0, updated: 0, unchanged: 0 };
    const entities = { ...sum };
    const relationships = { ...sum };
    let rejected = 0;
    const add = (into: typeof sum, r: BatchResult) => {
      into.created += r.created;
      into.updated += r.updated;
      into.unchanged += r.unchanged;
      rejected += r.rejected.length;
    };
    const imports = this.imports;
    const importOptions = { actor: options.actor };
    const written = (phase: 'entities' | 'relationships', into: typeof sum, total: number) => (result: BatchResult, done: number) => {
      add(into, result);
      options.onProgress?.(phase, done, total);
    };
    await inBatches(
      data.entities,
      batchSize,
      (rows) => imports.prepareEntities(rows, importOptions),
      (prepared) => imports.writeEntities(prepared),
      written('entities', entities, data.entities.length),
    );
    const entitiesDone = Date.now();
    await inBatches(
      data.relationships,
      batchSize,
      (rows) => imports.prepareRelationships(rows, importOptions),
      (prepared) => imports.writeRelationships(prepared),
      written('relationships', relationships, data.relationships.length),
    );
    const relationshipsDone = Date.now();

    const keys = new Set<string>();
    for (const t of data.touchpoints) for (const k of [...t.participantKeys, ...(t.locationKey ? [t.locationKey] : [])]) keys.add(k);
    for (const b of data.bookings) {
      keys.add(b.resourceKey);
      keys.add(b.bookerKey);
    }
    const ids = await this.imports.idsByKeys([...keys].map((externalId) => ({ source: data.source, externalId })));
    const idOf = (key: string) => ids.get(keyString({ source: data.source, externalId: key }));

    let touchpoints = 0;
    if (this.touchpoints) {
      for (const t of data.touchpoints) {
        const participants = t.participantKeys.flatMap((k) => {
          const id = idOf(k);
          return id ? [{ entityId: id, role: null }] : [];
        });
        const locationId = t.locationKey ? (idOf(t.locationKey) ?? null) : null;
        await this.touchpoints.record(
          {
            channel: t.channel,
            direction: TouchpointDirection[t.direction],
            occurredAt: t.occurredAt,
            summary: t.summary,
            sentiment: t.sentiment,
            ...(t.rating === null ? {} : { rating: t.rating, ratingScale: RatingScale.FIVE_STAR }),
            idempotencyKey: t.key,
            participants,
            locationId,
          },
          options.actor,
        );
        touchpoints += 1;
        if (touchpoints % 500 === 0) options.onProgress?.('touchpoints', touchpoints, data.touchpoints.length);
      }
    }
    const touchpointsDone = Date.now();
    let bookings = 0;
    if (this.bookings) {
      for (const b of data.bookings) {
        const resourceId = idOf(b.resourceKey);
        const bookerId = idOf(b.bookerKey);
        if (!resourceId || !bookerId) continue;
        const existing = await this.bookings.list({ resourceId, from: b.start, to: b.end }, { first: 10 });
        if (existing.items.some((x) => Date.parse(x.start) === Date.parse(b.start) && x.bookerId === bookerId)) continue;
        try {
          await this.bookings.book({ resourceId, bookerId, start: b.start, end: b.end, purpose: b.purpose }, options.actor);
          bookings += 1;
        } catch (error) {
          // Booked by an earlier run with this seed: the slot is taken, which is the wanted state.
          if (!(error instanceof ConflictError)) throw error;
        }
      }
    }
    const done = Date.now();
    return {
      source: data.source,
      entities,
      relationships,
      touchpoints,
      bookings,
      rejected,
      millis: {
        entities: entitiesDone - started,
        relationships: relationshipsDone - entitiesDone,
        touchpoints: touchpointsDone - relationshipsDone,
        bookings: done - touchpointsDone,
        total: done - started,
      },
    };
  }
}

/**
 * Writes `rows` in batches of `size`, in order, preparing (checking) batch n+1 while batch
 * n is written: the engine works off the JS thread on Grafeo. `written` gets each result
 * and how many rows are done.
 */
async function inBatches<R, P>(
  rows: readonly R[],
  size: number,
  prepare: (rows: readonly R[]) => Promise<P>,
  write: (prepared: P) => Promise<BatchResult>,
  written: (result: BatchResult, done: number) => void,
): Promise<void> {
  let next = rows.length > 0 ? prepare(rows.slice(0, size)) : undefined;
  for (let start = 0; next !== undefined; start += size) {
    const prepared = await next;
    const end = start + size;
    const writing = write(prepared);
    // Prepared once this batch's write waits on the engine, not before it starts.
    next = end < rows.length ? afterIo(() => prepare(rows.slice(end, end + size))) : undefined;
    next?.catch(() => undefined); // surfaces when awaited, after this batch is written
    written(await writing, Math.min(end, rows.length));
  }
}

/** Runs `work` after the event loop's next I/O phase. */
function afterIo<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => setImmediate(resolve)).then(work);
}
