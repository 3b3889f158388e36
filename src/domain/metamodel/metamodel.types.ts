/**
 * The metamodel: which kinds of records and which relationship types exist. It is data
 * stored in the graph, not code, and every write is checked against it.
 */

/** The three families every kind belongs to; each is also a node label (`:Stakeholder` …). */
export enum Category {
  STAKEHOLDER = 'STAKEHOLDER',
  OBJECT = 'OBJECT',
  LOCATION = 'LOCATION',
}

/** The node label of each category. */
export const CATEGORY_LABEL: Readonly<Record<Category, string>> = {
  [Category.STAKEHOLDER]: 'Stakeholder',
  [Category.OBJECT]: 'Object',
  [Category.LOCATION]: 'Location',
};

/** Types a custom property may have. DATE and DATETIME are stored as normalised ISO-8601 strings. */
export enum PropertyType {
  STRING = 'STRING',
  INT = 'INT',
  FLOAT = 'FLOAT',
  BOOLEAN = 'BOOLEAN',
  DATE = 'DATE',
  DATETIME = 'DATETIME',
  STRING_LIST = 'STRING_LIST',
}

/** A value a custom property holds once validated. */
export type PropertyValue = string | number | boolean | string[];

/** Custom properties of a record, by name. */
export type PropertyValues = Record<string, PropertyValue>;

/**
 * A change to custom properties (partial validation): a value sets the property, `null`
 * removes it. Keys that are absent stay as they are.
 */
export type PropertyPatch = Record<string, PropertyValue | null>;

export interface PropertyDefinition {
  /** camelCase identifier, `^[a-z][A-Za-z0-9_]{0,63}$`, not a reserved system field. */
  name: string;
  type: PropertyType;
  required: boolean;
  description: string | null;
}

export interface EntityKind {
  /** PascalCase identifier, also the node label, e.g. `Person`. */
  name: string;
  category: Category;
  description: string | null;
  properties: PropertyDefinition[];
  /** A deprecated kind keeps its records but accepts no new ones. */
  deprecated: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Who defined it (always set by MetamodelService; optional so hand-built fixtures need not). */
  createdBy?: string | null;
  /** Who changed it last (always set by MetamodelService). */
  updatedBy?: string | null;
}

export enum Cardinality {
  /** Any number on both sides. */
  MANY_TO_MANY = 'MANY_TO_MANY',
  /** A source has at most one active relationship of this type (a person WORKS_AT one employer). */
  MANY_TO_ONE = 'MANY_TO_ONE',
  /** A source has at most one, and a target has at most one. */
  ONE_TO_ONE = 'ONE_TO_ONE',
}

/** Which records may stand at one end of a relationship type: empty lists mean any. */
export interface EndpointRule {
  kinds: string[];
  categories: Category[];
}

export interface RelationshipType {
  /** UPPER_SNAKE identifier, also the relationship type, e.g. `WORKS_AT`. */
  name: string;
  description: string | null;
  source: EndpointRule;
  target: EndpointRule;
  /** false: symmetric (KNOWS); the stored direction carries no meaning. */
  directed: boolean;
  /** How the relationship reads from the target's side ("employs" for WORKS_AT). */
  inverseName: string | null;
  cardinality: Cardinality;
  /** Whether a record may be related to itself with this type. */
  allowSelf: boolean;
  properties: PropertyDefinition[];
  deprecated: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Who defined it (always set by MetamodelService). */
  createdBy?: string | null;
  /** Who changed it last (always set by MetamodelService). */
  updatedBy?: string | null;
}

/** Property names the system owns on entities and relationships; a property schema may not use them. */
export const RESERVED_PROPERTY_NAMES: ReadonlySet<string> = new Set([
  'id', 'kind', 'category', 'name', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
  'type', 'role', 'validFrom', 'validTo', 'strength', 'fromId', 'toId', 'source', 'externalId',
]);

/** What the entity and relationship services need from the metamodel: current, cached definitions. */
export interface MetamodelReader {
  /** The kind called `name`, or undefined. */
  findKind(name: string): Promise<EntityKind | undefined>;
  /** The relationship type called `name`, or undefined. */
  findRelationshipType(name: string): Promise<RelationshipType | undefined>;
  /** Every kind, sorted by name. */
  listKinds(): Promise<EntityKind[]>;
  /** Every relationship type, sorted by name. */
  listRelationshipTypes(): Promise<RelationshipType[]>;
}
