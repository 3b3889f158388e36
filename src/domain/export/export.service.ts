import type { GraphEngine } from '../../graph/graph-engine.port';
import type { CypherQuery, QueryCatalogue } from '../../graph/query-catalogue';
import { BadUserInputError, NotFoundError } from '../errors';
import type { DefineKindInput, DefineRelationshipTypeInput } from '../metamodel/metamodel.inputs';
import type { MetamodelReader, PropertyDefinition } from '../metamodel/metamodel.types';

/** Which part of the graph to export. Everything left out means "all". */
export interface ExportScope {
  /** Only entities of these kinds (and relationships among them). */
  kinds?: string[];
  /** Only relationships of these types (entities are not filtered by it). */
  types?: string[];
  /** Only the neighbourhood of one entity: itself and everything within `depth` hops (either direction). */
  around?: { id: string; depth: number };
  /** Most entities a neighbourhood may hold (default 100,000): refused beyond. */
  maxNodes?: number;
}

/** The metamodel as exported: definitions to apply before importing the records. */
export interface ExportedMetamodel {
  kinds: DefineKindInput[];
  relationshipTypes: DefineRelationshipTypeInput[];
}

/** An entity as exported (also the record of the xrm export format). */
export interface ExportedEntity {
  id: string;
  kind: string;
  category: string;
  name: string;
  /** Node labels, e.g. ['Entity', 'Stakeholder', 'Person']. */
  labels: string[];
  source?: string;
  externalId?: string;
  properties: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A relationship as exported. */
export interface ExportedRelationship {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  role: string | null;
  validFrom: string | null;
  validTo: string | null;
  strength: number | null;
  source?: string;
  externalId?: string;
  properties: Record<string, unknown>;
  version: number;
  createdAt: string;
}

/**
 * A touchpoint as exported, with its links: INVOLVES (participants with their role),
 * ABOUT (objects) and AT (the location). `properties` holds every other stored field
 * (channel, direction, summary, sentiment, rating, idempotencyKey, createdBy, custom …).
 */
export interface ExportedTouchpoint {
  id: string;
  occurredAt: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  participants: { entityId: string; role: string | null }[];
  objectIds: string[];
  locationId: string | null;
  properties: Record<string, unknown>;
}

/**
 * A booking as exported: RESERVES the resource, BOOKED_FOR the booker. `properties` holds
 * every other stored field (purpose, status, cancelReason, createdBy …).
 */
export interface ExportedBooking {
  id: string;
  resourceId: string;
  bookerId: string;
  start: string;
  end: string;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  properties: Record<string, unknown>;
}

/** One batch of an export, in this order: entities, relationships, touchpoints, bookings. */
export type ExportBatch =
  | { entities: ExportedEntity[] }
  | { relationships: ExportedRelationship[] }
  | { touchpoints: ExportedTouchpoint[] }
  | { bookings: ExportedBooking[] };

const TOUCHPOINT_SYSTEM = new Set(['id', 'occurredAt', 'createdAt', 'updatedAt', 'version']);
const BOOKING_SYSTEM = new Set(['id', 'resourceId', 'bookerId', 'start', 'end', 'cancelledAt', 'createdAt', 'updatedAt', 'version']);

const ENTITY_SYSTEM = new Set(['id', 'kind', 'category', 'name', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'source', 'externalId']);
const RELATIONSHIP_SYSTEM = new Set([
  'id', 'role', 'validFrom', 'validTo', 'strength', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'source', 'externalId',
]);
const PAGE = 2000;
const DEFAULT_MAX_NODES = 100_000;

interface EntityRow extends Record<string, unknown> {
  entity: Record<string, unknown>;
  labels: string[];
}
interface TouchpointRow extends Record<string, unknown> {
  touchpoint: Record<string, unknown>;
  participants: { entityId: string; role: string | null }[];
  objectIds: string[];
  locationId: string | null;
}
interface BookingRow extends Record<string, unknown> {
  booking: Record<string, unknown>;
}
interface RelRow extends Record<string, unknown> {
  relationship: Record<string, unknown>;
  type: string;
  fromId: string;
  toId: string;
}

/**
 * Reads the graph (or a scope of it) page by page for export: `(:Entity)` nodes, the
 * relationships between them, then touchpoints (with their INVOLVES/ABOUT/AT links) and
 * bookings (RESERVES/BOOKED_FOR) whose linked entities were all exported. The metamodel
 * is exported separately (metamodelDefinitions); the event log, channels, API keys and
 * idempotency records are not exported.
 */
export class ExportService {
  private readonly q: Record<
    'entitiesPage' | 'entitiesByIds' | 'relationshipsFrom' | 'neighbourIds' | 'touchpointIds' | 'touchpointsByIds' | 'bookingIds' | 'bookingsByIds',
    CypherQuery
  >;

  constructor(
    private readonly engine: GraphEngine,
    catalogue: QueryCatalogue,
    private readonly metamodel: MetamodelReader,
  ) {
    this.q = {
      entitiesPage: catalogue.get('export/entities-page'),
      entitiesByIds: catalogue.get('export/entities-by-ids'),
      relationshipsFrom: catalogue.get('export/relationships-from'),
      neighbourIds: catalogue.get('export/neighbour-ids'),
      touchpointIds: catalogue.get('export/touchpoint-ids-page'),
      touchpointsByIds: catalogue.get('touchpoint/get-by-ids'),
      bookingIds: catalogue.get('export/booking-ids-page'),
      bookingsByIds: catalogue.get('booking/get-by-ids'),
    };
  }

  /**
   * Streams the scope: first every entity (pages), then every relationship whose two ends
   * were exported.
   * @throws BadUserInputError for unknown kinds or types, or a neighbourhood above maxNodes;
   *   NotFoundError when the `around` entity does not exist.
   */
  async *records(scope: ExportScope = {}): AsyncGenerator<ExportBatch> {
    await this.checkScope(scope);
    const kinds = scope.kinds?.length ? scope.kinds : null;
    const types = scope.types?.length ? scope.types : null;
    const exported: string[] = [];
    const exportedIds = new Set<string>();

    if (scope.around) {
      const around = await this.neighbourhood(scope.around.id, scope.around.depth, types, scope.maxNodes ?? DEFAULT_MAX_NODES);
      for (let i = 0; i < around.length; i += PAGE) {
        const rows = await this.engine.read<EntityRow>(this.q.entitiesByIds, { ids: around.slice(i, i + PAGE) });
        const page = rows.map(toExportedEntity).filter((e) => kinds === null || kinds.includes(e.kind));
        for (const e of page) {
          exported.push(e.id);
          exportedIds.add(e.id);
        }
        if (page.length > 0) yield { entities: page };
      }
    } else {
      let after = '';
      for (;;) {
        const rows = await this.engine.read<EntityRow>(this.q.entitiesPage, { after, kinds, limit: PAGE });
        if (rows.length === 0) break;
        const page = rows.map(toExportedEntity);
        for (const e of page) {
          exported.push(e.id);
          exportedIds.add(e.id);
        }
        yield { entities: page };
        after = page[page.length - 1]?.id ?? after;
        if (rows.length < PAGE) break;
      }
    }

    for (let i = 0; i < exported.length; i += PAGE) {
      const rows = await this.engine.read<RelRow>(this.q.relationshipsFrom, { ids: exported.slice(i, i + PAGE), types });
      const page = rows.filter((r) => exportedIds.has(r.toId)).map(toExportedRelationship);
      if (page.length > 0) yield { relationships: page };
    }

    // Touchpoints and bookings whose every linked entity was exported (all of them in a full export).
    for await (const ids of this.idPages(this.q.touchpointIds)) {
      const rows = await this.engine.read<TouchpointRow>(this.q.touchpointsByIds, { ids });
      const page = rows
        .map(toExportedTouchpoint)
        .filter((t) => [...t.participants.map((p) => p.entityId), ...t.objectIds, ...(t.locationId === null ? [] : [t.locationId])].every((id) => exportedIds.has(id)))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (page.length > 0) yield { touchpoints: page };
    }
    for await (const ids of this.idPages(this.q.bookingIds)) {
      const rows = await this.engine.read<BookingRow>(this.q.bookingsByIds, { ids });
      const page = rows
        .map(toExportedBooking)
        .filter((b) => exportedIds.has(b.resourceId) && exportedIds.has(b.bookerId))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (page.length > 0) yield { bookings: page };
    }
  }

  /** Pages of ids from a keyset-paged id query (`$after`, `$limit`). */
  private async *idPages(query: CypherQuery): AsyncGenerator<string[]> {
    let after = '';
    for (;;) {
      const rows = await this.engine.read<{ id: string }>(query, { after, limit: PAGE });
      if (rows.length === 0) return;
      const ids = rows.map((r) => String(r.id));
      yield ids;
      after = ids[ids.length - 1] ?? after;
      if (rows.length < PAGE) return;
    }
  }

  /**
   * The metamodel as definitions `xrm import` can apply to an empty database: every kind
   * and relationship type, without versions and timestamps.
   */
  async metamodelDefinitions(): Promise<ExportedMetamodel> {
    const kinds = (await this.metamodel.listKinds()).map((k) => ({
      name: k.name,
      category: k.category,
      ...(k.description === null ? {} : { description: k.description }),
      properties: k.properties.map(definition),
    }));
    const relationshipTypes = (await this.metamodel.listRelationshipTypes()).map((t) => ({
      name: t.name,
      ...(t.description === null ? {} : { description: t.description }),
      source: { kinds: [...t.source.kinds], categories: [...t.source.categories] },
      target: { kinds: [...t.target.kinds], categories: [...t.target.categories] },
      directed: t.directed,
      ...(t.inverseName === null ? {} : { inverseName: t.inverseName }),
      cardinality: t.cardinality,
      allowSelf: t.allowSelf,
      properties: t.properties.map(definition),
    }));
    return { kinds, relationshipTypes };
  }

  /**
   * @throws BadUserInputError for unknown kinds or types, or a depth outside 0…10 (call it
   *   before opening any output, so a bad scope leaves no empty file behind).
   */
  async checkScope(scope: ExportScope): Promise<void> {
    for (const kind of scope.kinds ?? []) {
      if (!(await this.metamodel.findKind(kind))) throw new BadUserInputError(`Unknown kind "${kind}"`, 'kinds');
    }
    for (const type of scope.types ?? []) {
      if (!(await this.metamodel.findRelationshipType(type))) throw new BadUserInputError(`Unknown relationship type "${type}"`, 'types');
    }
    if (scope.around && !(Number.isInteger(scope.around.depth) && scope.around.depth >= 0 && scope.around.depth <= 10)) {
      throw new BadUserInputError('depth must be a whole number from 0 to 10', 'depth');
    }
  }

  /** Ids within `depth` hops, expanded level by level (never enumerating paths). */
  private async neighbourhood(id: string, depth: number, types: string[] | null, maxNodes: number): Promise<string[]> {
    const [start] = await this.engine.read<EntityRow>(this.q.entitiesByIds, { ids: [id] });
    if (!start) throw new NotFoundError('Entity', id);
    const seen = new Set([id]);
    let frontier = [id];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: string[] = [];
      for (let i = 0; i < frontier.length; i += PAGE) {
        const rows = await this.engine.read<{ id: string }>(this.q.neighbourIds, { ids: frontier.slice(i, i + PAGE), types });
        for (const row of rows) {
          if (seen.has(row.id)) continue;
          seen.add(row.id);
          next.push(row.id);
          if (seen.size > maxNodes) {
            throw new BadUserInputError(`The neighbourhood of "${id}" holds more than ${maxNodes} entities; lower the depth`, 'depth');
          }
        }
      }
      frontier = next;
    }
    return [...seen];
  }
}

function definition(p: PropertyDefinition): DefineKindInput['properties'] extends (infer P)[] | null | undefined ? P : never {
  return { name: p.name, type: p.type, required: p.required, ...(p.description === null ? {} : { description: p.description }) };
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function custom(stored: Record<string, unknown>, system: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(stored).sort()) {
    const value = stored[key];
    if (!system.has(key) && value !== null && value !== undefined) out[key] = value;
  }
  return out;
}

function toExportedEntity(row: EntityRow): ExportedEntity {
  const e = row.entity;
  const out: ExportedEntity = {
    id: String(e.id),
    kind: String(e.kind),
    category: String(e.category),
    name: String(e.name),
    labels: [...row.labels].sort((a, b) => (a === 'Entity' ? -1 : b === 'Entity' ? 1 : 0)),
    properties: custom(e, ENTITY_SYSTEM),
    version: Number(e.version),
    createdAt: String(e.createdAt),
    updatedAt: String(e.updatedAt),
  };
  return withImportKey(out, e);
}

function toExportedRelationship(row: RelRow): ExportedRelationship {
  const r = row.relationship;
  const out: ExportedRelationship = {
    id: String(r.id),
    type: row.type,
    fromId: row.fromId,
    toId: row.toId,
    role: optionalText(r.role) ?? null,
    validFrom: optionalText(r.validFrom) ?? null,
    validTo: optionalText(r.validTo) ?? null,
    strength: typeof r.strength === 'number' ? r.strength : null,
    properties: custom(r, RELATIONSHIP_SYSTEM),
    version: Number(r.version),
    createdAt: String(r.createdAt),
  };
  return withImportKey(out, r);
}

/** The record with the import key (source, externalId) it was stored with, when it has one. */
function withImportKey<T extends { source?: string; externalId?: string }>(out: T, stored: Record<string, unknown>): T {
  const source = optionalText(stored.source);
  const externalId = optionalText(stored.externalId);
  if (source !== undefined) out.source = source;
  if (externalId !== undefined) out.externalId = externalId;
  return out;
}

/** An instant as exported (ISO-8601), or null. */
function instantOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function toExportedTouchpoint(row: TouchpointRow): ExportedTouchpoint {
  const t = row.touchpoint;
  return {
    id: String(t.id),
    occurredAt: String(t.occurredAt),
    createdAt: String(t.createdAt),
    updatedAt: String(t.updatedAt),
    version: Number(t.version),
    participants: [...row.participants]
      .map((p) => ({ entityId: String(p.entityId), role: optionalText(p.role) ?? null }))
      .sort((a, b) => (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0)),
    objectIds: [...row.objectIds].map(String).sort(),
    locationId: optionalText(row.locationId) ?? null,
    properties: custom(t, TOUCHPOINT_SYSTEM),
  };
}

function toExportedBooking(row: BookingRow): ExportedBooking {
  const b = row.booking;
  return {
    id: String(b.id),
    resourceId: String(b.resourceId),
    bookerId: String(b.bookerId),
    start: String(b.start),
    end: String(b.end),
    cancelledAt: instantOrNull(b.cancelledAt),
    createdAt: String(b.createdAt),
    updatedAt: String(b.updatedAt),
    version: Number(b.version),
    properties: custom(b, BOOKING_SYSTEM),
  };
}
