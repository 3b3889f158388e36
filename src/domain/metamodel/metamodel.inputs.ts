/**
 * What callers pass to MetamodelService to define and change kinds and relationship types.
 * In patches an absent field (or `null`, where null has no meaning of its own) leaves the
 * current value; `null` clears the fields documented as clearable.
 */
import type { Cardinality, Category, PropertyType } from './metamodel.types';

/** One property of a schema as the client writes it. */
export interface PropertyDefinitionInput {
  name: string;
  type: PropertyType;
  /** Default false. */
  required?: boolean | null;
  description?: string | null;
}

export interface DefineKindInput {
  name: string;
  category: Category;
  description?: string | null;
  /** Default: no custom properties. */
  properties?: PropertyDefinitionInput[] | null;
}

export interface UpdateKindPatch {
  /** The version the client read; a different current version is a conflict. */
  expectedVersion: number;
  /** Only while no record of the kind exists. */
  category?: Category | null;
  /** null clears it. */
  description?: string | null;
  /**
   * Replaces the whole schema. While records exist, an existing property may not change
   * its type or become required, and a new property may not be required.
   */
  properties?: PropertyDefinitionInput[] | null;
}

/** Which records may stand at one end; both lists empty or absent means any record. */
export interface EndpointRuleInput {
  kinds?: string[] | null;
  categories?: Category[] | null;
}

export interface DefineRelationshipTypeInput {
  name: string;
  description?: string | null;
  /** Default: any record. */
  source?: EndpointRuleInput | null;
  /** Default: any record. */
  target?: EndpointRuleInput | null;
  /** Default true. false makes the type symmetric: source and target rules must then be equal. */
  directed?: boolean | null;
  /** How the relationship reads from the target's side ("employs"); directed types only. */
  inverseName?: string | null;
  /** Default MANY_TO_MANY. */
  cardinality?: Cardinality | null;
  /** Default false. */
  allowSelf?: boolean | null;
  properties?: PropertyDefinitionInput[] | null;
}

export interface UpdateRelationshipTypePatch {
  /** The version the client read; a different current version is a conflict. */
  expectedVersion: number;
  /** null clears it. */
  description?: string | null;
  /** Replaces the rule; while relationships exist it may only widen. */
  source?: EndpointRuleInput | null;
  /** Replaces the rule; while relationships exist it may only widen. */
  target?: EndpointRuleInput | null;
  /** Only while no relationship of the type exists. */
  directed?: boolean | null;
  /** null clears it. */
  inverseName?: string | null;
  /** While relationships exist it may only loosen (ONE_TO_ONE → MANY_TO_ONE → MANY_TO_MANY). */
  cardinality?: Cardinality | null;
  /** While relationships exist it may be turned on, not off. */
  allowSelf?: boolean | null;
  /** Replaces the whole schema, with the same rules as for kinds. */
  properties?: PropertyDefinitionInput[] | null;
}

/** What seedDefaults did. */
export interface SeedResult {
  /** false when the database had been seeded before (nothing was written). */
  seeded: boolean;
  /** Names of the kinds created now (defaults whose name already existed are skipped). */
  kindsCreated: string[];
  /** Names of the relationship types created now. */
  relationshipTypesCreated: string[];
}
