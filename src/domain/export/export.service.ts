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
interface RelRow extends Record<string, unknown> {
  relationship: Record<string, unknown>;
  type: string;
  fromId: string;
  toId: string;
}

/**
 * Reads the graph (or a scope of it) page by page for export. Only `(:Entity)` nodes and
 * the relationships between them are exported: the metamodel, the event log and other
 * node labels (touchpoints, bookings …) are not.
 */
export class ExportService {
  private readonly q: Record<'entitiesPage' | 'entitiesByIds' | 'relationshipsFrom' | 'neighbourIds', CypherQuery>;

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
    };
  }

  /**
   * Streams the scope: first every entity (pages), then every relationship whose two ends
   * were exported.
   * @throws BadUserInputError for unknown kinds or types, or a neighbourhood above maxNodes;
   *   NotFoundError when the `around` entity does not exist.
   */
  async *records(scope: ExportScope = {}): AsyncGenerator<{ entities: ExportedEntity[] } | { relationships: ExportedRelationship[] }> {
    await this.checkScope(scope);
    const kinds = scope.kinds?.length ? scope.kinds : null;
    const types = scope.types?.length ? scope.types : null;
    const exported: string[] = [];
    const ids = new Set<string>();

    if (scope.around) {
      const around = await this.neighbourhood(scope.around.id, scope.around.depth, types, scope.maxNodes ?? DEFAULT_MAX_NODES);
      for (let i = 0; i < around.length; i += PAGE) {
        const rows = await this.engine.read<EntityRow>(this.q.entitiesByIds, { ids: around.slice(i, i + PAGE) });
        const page = rows.map(toExportedEntity).filter((e) => kinds === null || kinds.includes(e.kind));
        for (const e of page) {
          exported.push(e.id);
          ids.add(e.id);
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
          ids.add(e.id);
        }
        yield { entities: page };
        after = page[page.length - 1]?.id ?? after;
        if (rows.length < PAGE) break;
      }
    }

    for (let i = 0; i < exported.length; i += PAGE) {
      const rows = await this.engine.read<RelRow>(this.q.relationshipsFrom, { ids: exported.slice(i, i + PAGE), types });
      const page = rows.filter((r) => ids.has(r.toId)).map(toExportedRelationship);
      if (page.length > 0) yield { relationships: page };
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
  const source = optionalText(e.source);
  const externalId = optionalText(e.externalId);
  if (source !== undefined) out.source = source;
  if (externalId !== undefined) out.externalId = externalId;
  return out;
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
  const source = optionalText(r.source);
  const externalId = optionalText(r.externalId);
  if (source !== undefined) out.source = source;
  if (externalId !== undefined) out.externalId = externalId;
  return out;
}
