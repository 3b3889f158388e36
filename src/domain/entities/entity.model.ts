import type { Category, PropertyValue, PropertyValues } from '../metamodel/metamodel.types';

/** One xRM record: a stakeholder, an object or a location. */
export interface Entity {
  id: string;
  kind: string;
  category: Category;
  name: string;
  /** Custom properties, validated against the kind's property schema. */
  properties: PropertyValues;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  updatedBy: string;
}

export interface CreateEntityCommand {
  kind: string;
  name: string;
  properties?: Record<string, unknown> | null;
  /** The client's key for a safe retry: a second request with it returns the first result and writes nothing. */
  idempotencyKey?: string | null;
}

export interface UpdateEntityCommand {
  id: string;
  /** The version the client last read; a different current version is a CONFLICT. */
  expectedVersion: number;
  name?: string | null;
  /** Properties to set; a null value removes that property. Others stay as they are. */
  properties?: Record<string, unknown> | null;
}

export enum ComparisonOperator {
  EQ = 'EQ',
  NE = 'NE',
  LT = 'LT',
  LTE = 'LTE',
  GT = 'GT',
  GTE = 'GTE',
  IN = 'IN',
  CONTAINS = 'CONTAINS',
}

export interface PropertyCondition {
  name: string;
  op: ComparisonOperator;
  value: unknown;
}

export interface RelatedToCondition {
  /** The entity at the other end. */
  id: string;
  /** Only relationships of this type; any type when absent. */
  type?: string | null;
  /** Only relationships valid at this instant. */
  activeAt?: string | null;
}

export interface EntityFilter {
  ids?: string[] | null;
  kinds?: string[] | null;
  categories?: Category[] | null;
  /** Case-insensitive substring of the name. */
  nameContains?: string | null;
  /** Case-insensitive prefix of the name. */
  nameStartsWith?: string | null;
  /** All conditions must hold. */
  properties?: PropertyCondition[] | null;
  /** All conditions must hold. */
  relatedTo?: RelatedToCondition[] | null;
}

export enum EntitySortField {
  NAME = 'NAME',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  KIND = 'KIND',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export interface EntitySort {
  field?: EntitySortField | null;
  /** Sort by this custom property instead of `field`. */
  property?: string | null;
  direction?: SortDirection | null;
}

/** A validated property condition, in the shape the list query evaluates. */
export interface PropertyConditionParam {
  name: string;
  op: ComparisonOperator;
  value: PropertyValue | PropertyValue[];
}

export type { PropertyValue, PropertyValues };
