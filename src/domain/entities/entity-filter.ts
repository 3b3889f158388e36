import { BadUserInputError } from '../errors';
import { validatePropertyValues } from '../metamodel/property-values';
import type { EntityKind, PropertyDefinition, PropertyValue } from '../metamodel/metamodel.types';
import { PropertyType } from '../metamodel/metamodel.types';
import { normaliseInstant } from '../shared/clock';
import {
  ComparisonOperator,
  EntitySortField,
  SortDirection,
  type EntityFilter,
  type EntitySort,
  type PropertyConditionParam,
} from './entity.model';

/** The parameters of `cypher/entity/list.cypher` that express a filter and a sort. */
export interface EntityListParams {
  ids: string[] | null;
  kinds: string[] | null;
  categories: string[] | null;
  nameContains: string | null;
  nameStartsWith: string | null;
  propertyConditions: PropertyConditionParam[];
  sortField: string;
  sortProperty: string | null;
  descending: boolean;
}

const ORDERED = new Set([ComparisonOperator.LT, ComparisonOperator.LTE, ComparisonOperator.GT, ComparisonOperator.GTE]);

/** A "related to" condition as `cypher/entity/related-to.cypher` takes it. */
export interface RelatedToParam {
  id: string;
  type: string | null;
  activeAt: string | null;
}

/**
 * Checks a filter and a sort against the metamodel and turns them into query parameters:
 * those of the list query, and the "related to" conditions, resolved first to ids.
 * Property names must be defined by one of the kinds in scope (the filter's kinds, or all),
 * and values must have the property's type.
 * @throws BadUserInputError naming the offending field (`filter.properties[0].value` …).
 */
export function toEntityListParams(
  filter: EntityFilter | null | undefined,
  sort: EntitySort | null | undefined,
  kinds: EntityKind[],
): { params: EntityListParams; relatedTo: RelatedToParam[] } {
  const f = filter ?? {};
  const known = new Set(kinds.map((k) => k.name));
  f.kinds?.forEach((kind, i) => {
    if (!known.has(kind)) throw new BadUserInputError(`Unknown kind "${kind}"`, `filter.kinds[${i}]`);
  });
  const inScope = f.kinds?.length ? kinds.filter((k) => f.kinds?.includes(k.name)) : kinds;
  const definitions = propertyDefinitions(inScope);

  const propertyConditions = (f.properties ?? []).map((condition, i): PropertyConditionParam => {
    const path = `filter.properties[${i}]`;
    const definition = definitions.get(condition.name);
    if (!definition) {
      throw new BadUserInputError(`No kind in scope has a property "${condition.name}"`, `${path}.name`);
    }
    return { name: condition.name, op: condition.op, value: conditionValue(definition, condition.op, condition.value, path) };
  });

  const relatedTo = (f.relatedTo ?? []).map((r, i): RelatedToParam => {
    let activeAt: string | null = null;
    if (r.activeAt != null) {
      activeAt = normaliseInstant(r.activeAt) ?? null;
      if (activeAt === null) throw new BadUserInputError('activeAt must be an ISO-8601 date-time', `filter.relatedTo[${i}].activeAt`);
    }
    return { id: r.id, type: r.type ?? null, activeAt };
  });

  const direction = sort?.direction ?? SortDirection.ASC;
  let sortField: string = sort?.field ?? EntitySortField.NAME;
  let sortProperty: string | null = null;
  if (sort?.property != null) {
    if (!definitions.has(sort.property)) {
      throw new BadUserInputError(`No kind in scope has a property "${sort.property}" to sort by`, 'sort.property');
    }
    sortField = 'PROPERTY';
    sortProperty = sort.property;
  }

  const params: EntityListParams = {
    ids: f.ids?.length ? f.ids : null,
    kinds: f.kinds?.length ? f.kinds : null,
    categories: f.categories?.length ? f.categories : null,
    nameContains: blankToNull(f.nameContains)?.toLowerCase() ?? null,
    nameStartsWith: blankToNull(f.nameStartsWith)?.toLowerCase() ?? null,
    propertyConditions,
    sortField,
    sortProperty,
    descending: direction === SortDirection.DESC,
  };
  return { params, relatedTo };
}

function conditionValue(
  definition: PropertyDefinition,
  op: ComparisonOperator,
  value: unknown,
  path: string,
): PropertyValue | PropertyValue[] {
  if (op === ComparisonOperator.IN) {
    if (!Array.isArray(value)) throw new BadUserInputError('IN takes a list of values', `${path}.value`);
    return value.map((v, i) => single(definition, v, `${path}.value[${i}]`));
  }
  if (op === ComparisonOperator.CONTAINS) {
    if (definition.type !== PropertyType.STRING && definition.type !== PropertyType.STRING_LIST) {
      throw new BadUserInputError(`CONTAINS applies to text properties; "${definition.name}" is ${definition.type}`, `${path}.op`);
    }
    if (typeof value !== 'string') throw new BadUserInputError('CONTAINS takes a string', `${path}.value`);
    return value;
  }
  if (ORDERED.has(op) && (definition.type === PropertyType.BOOLEAN || definition.type === PropertyType.STRING_LIST)) {
    throw new BadUserInputError(`${op} does not apply to ${definition.type} properties`, `${path}.op`);
  }
  return single(definition, value, `${path}.value`);
}

/** Validates one value as the property's type, reusing the write-path rules. */
function single(definition: PropertyDefinition, value: unknown, path: string): PropertyValue {
  const loose = { ...definition, required: false };
  try {
    const out = validatePropertyValues([loose], { [definition.name]: value }, { fieldPath: 'value', partial: true });
    const v = out[definition.name];
    if (v === null || v === undefined) throw new BadUserInputError('A value is required', path);
    return v;
  } catch (error) {
    if (error instanceof BadUserInputError) {
      throw new BadUserInputError(error.message, path);
    }
    throw error;
  }
}

function propertyDefinitions(kinds: EntityKind[]): Map<string, PropertyDefinition> {
  const out = new Map<string, PropertyDefinition>();
  for (const kind of kinds) for (const p of kind.properties) if (!out.has(p.name)) out.set(p.name, p);
  return out;
}

function blankToNull(s: string | null | undefined): string | null {
  return s === undefined || s === null || s.trim() === '' ? null : s.trim();
}
