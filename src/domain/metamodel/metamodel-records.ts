/**
 * Mapping between metamodel nodes as the Cypher in `cypher/metamodel/` returns them and
 * the domain types. Property schemas are stored as a JSON string (graph properties cannot
 * hold maps) and endpoint rules as string lists.
 */
import type { KindDefinition } from './kind-rules';
import {
  Cardinality,
  Category,
  PropertyType,
  type EntityKind,
  type PropertyDefinition,
  type RelationshipType,
} from './metamodel.types';
import type { RelationshipTypeDefinition } from './relationship-type-rules';

/** An `(:EntityKind)` node's map projection. */
export interface KindNode {
  name: string;
  category: string;
  description?: string | null;
  propertySchema?: string | null;
  deprecated?: boolean | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string | null;
  updatedBy?: string | null;
}

/** A `(:RelationshipType)` node's map projection. */
export interface RelationshipTypeNode {
  name: string;
  description?: string | null;
  sourceKinds?: string[] | null;
  sourceCategories?: string[] | null;
  targetKinds?: string[] | null;
  targetCategories?: string[] | null;
  directed?: boolean | null;
  inverseName?: string | null;
  cardinality: string;
  allowSelf?: boolean | null;
  propertySchema?: string | null;
  deprecated?: boolean | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy?: string | null;
  updatedBy?: string | null;
}

// Type aliases, not interfaces: rows must be assignable to the port's Record<string, unknown>.
export type KindRow = { kind: KindNode };

export type RelationshipTypeRow = { relationshipType: RelationshipTypeNode };

/** Parameters of create-kind / update-kind for a definition. */
export function kindParams(definition: KindDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    category: definition.category,
    description: definition.description,
    propertySchema: serialisePropertySchema(definition.properties),
  };
}

/** Parameters of create-relationship-type / update-relationship-type for a definition. */
export function relationshipTypeParams(definition: RelationshipTypeDefinition): Record<string, unknown> {
  return {
    name: definition.name,
    description: definition.description,
    sourceKinds: definition.source.kinds,
    sourceCategories: definition.source.categories,
    targetKinds: definition.target.kinds,
    targetCategories: definition.target.categories,
    directed: definition.directed,
    inverseName: definition.inverseName,
    cardinality: definition.cardinality,
    allowSelf: definition.allowSelf,
    propertySchema: serialisePropertySchema(definition.properties),
  };
}

/** The domain kind of a stored node. @throws Error when the node is corrupt (not a client error). */
export function toEntityKind(node: KindNode): EntityKind {
  return {
    name: node.name,
    category: oneOf(Category, node.category, `category of kind ${node.name}`),
    description: node.description ?? null,
    properties: parsePropertySchema(node.propertySchema, `kind ${node.name}`),
    deprecated: node.deprecated === true,
    version: node.version,
    createdAt: normaliseStoredInstant(node.createdAt),
    updatedAt: normaliseStoredInstant(node.updatedAt),
    createdBy: node.createdBy ?? null,
    updatedBy: node.updatedBy ?? null,
  };
}

/** The domain relationship type of a stored node. @throws Error when the node is corrupt. */
export function toRelationshipType(node: RelationshipTypeNode): RelationshipType {
  const where = `relationship type ${node.name}`;
  return {
    name: node.name,
    description: node.description ?? null,
    source: {
      kinds: [...(node.sourceKinds ?? [])],
      categories: (node.sourceCategories ?? []).map((c) => oneOf(Category, c, `source category of ${where}`)),
    },
    target: {
      kinds: [...(node.targetKinds ?? [])],
      categories: (node.targetCategories ?? []).map((c) => oneOf(Category, c, `target category of ${where}`)),
    },
    directed: node.directed !== false,
    inverseName: node.inverseName ?? null,
    cardinality: oneOf(Cardinality, node.cardinality, `cardinality of ${where}`),
    allowSelf: node.allowSelf === true,
    properties: parsePropertySchema(node.propertySchema, where),
    deprecated: node.deprecated === true,
    version: node.version,
    createdAt: normaliseStoredInstant(node.createdAt),
    updatedAt: normaliseStoredInstant(node.updatedAt),
    createdBy: node.createdBy ?? null,
    updatedBy: node.updatedBy ?? null,
  };
}

/** The stored form of a property schema: a JSON array of {name, type, required, description}. */
export function serialisePropertySchema(definitions: readonly PropertyDefinition[]): string {
  return JSON.stringify(
    definitions.map((d) => ({ name: d.name, type: d.type, required: d.required, description: d.description })),
  );
}

function parsePropertySchema(text: string | null | undefined, where: string): PropertyDefinition[] {
  if (text === null || text === undefined || text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`The stored property schema of ${where} is not valid JSON`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new Error(`The stored property schema of ${where} is not a list`);
  return parsed.map((item: unknown) => {
    const d = item as Partial<PropertyDefinition>;
    if (typeof d.name !== 'string') throw new Error(`A stored property of ${where} has no name`);
    return {
      name: d.name,
      type: oneOf(PropertyType, d.type, `type of property ${d.name} of ${where}`),
      required: d.required === true,
      description: typeof d.description === 'string' ? d.description : null,
    };
  });
}

function oneOf<E extends Record<string, string>>(values: E, value: unknown, what: string): E[keyof E] {
  if (typeof value === 'string' && Object.values<string>(values).includes(value)) return value as E[keyof E];
  throw new Error(`Stored ${what} is ${JSON.stringify(value)}, which is not a known value`);
}

/**
 * Engines print instants differently (Grafeo `…:53.46Z`, Neo4j nanoseconds): normalise to
 * `toISOString()`. A value that does not parse is returned as it is.
 */
function normaliseStoredInstant(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}
