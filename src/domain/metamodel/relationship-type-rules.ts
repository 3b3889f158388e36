/**
 * Pure rules for relationship type definitions: normalising a new definition, applying a
 * patch, checking endpoint rules against the registered kinds, and naming the changes
 * that are refused while relationships of the type exist.
 */
import { BadUserInputError } from '../errors';
import { checkCategory } from './kind-rules';
import { checkRelationshipTypeName } from './metamodel-names';
import type {
  DefineRelationshipTypeInput,
  EndpointRuleInput,
  UpdateRelationshipTypePatch,
} from './metamodel.inputs';
import {
  Cardinality,
  type Category,
  type EndpointRule,
  type EntityKind,
  type PropertyDefinition,
  type RelationshipType,
} from './metamodel.types';
import { unsafePropertySchemaChanges } from './property-schema-changes';
import { normaliseText, validatePropertyDefinitions } from './property-values';

/** The user-editable part of a relationship type, validated and normalised. */
export interface RelationshipTypeDefinition {
  name: string;
  description: string | null;
  source: EndpointRule;
  target: EndpointRule;
  directed: boolean;
  inverseName: string | null;
  cardinality: Cardinality;
  allowSelf: boolean;
  properties: PropertyDefinition[];
}

/** How strict each cardinality is: a change to a higher rank may break existing data. */
const CARDINALITY_RANK: Readonly<Record<Cardinality, number>> = {
  [Cardinality.MANY_TO_MANY]: 0,
  [Cardinality.MANY_TO_ONE]: 1,
  [Cardinality.ONE_TO_ONE]: 2,
};

/** A kind as far as endpoint rules care. */
export type KindRef = Pick<EntityKind, 'name' | 'category'>;

/**
 * Validates a new relationship type (the kinds its endpoint rules name are checked by
 * checkEndpointKinds, which needs the registry).
 * @throws BadUserInputError naming the offending field.
 */
export function normaliseRelationshipTypeDefinition(input: DefineRelationshipTypeInput): RelationshipTypeDefinition {
  return checkSymmetry({
    name: checkRelationshipTypeName(input.name),
    description: normaliseText(input.description),
    source: normaliseEndpointRule(input.source, 'source'),
    target: normaliseEndpointRule(input.target, 'target'),
    directed: input.directed ?? true,
    inverseName: normaliseText(input.inverseName),
    cardinality: checkCardinality(input.cardinality ?? Cardinality.MANY_TO_MANY),
    allowSelf: input.allowSelf ?? false,
    properties: validatePropertyDefinitions(input.properties ?? [], 'properties'),
  });
}

/**
 * The type as it will be after `patch`: absent (or null) fields keep their value, except
 * `description` and `inverseName`, which null clears.
 * @throws BadUserInputError naming the offending field.
 */
export function applyRelationshipTypePatch(
  current: RelationshipType,
  patch: UpdateRelationshipTypePatch,
): RelationshipTypeDefinition {
  return checkSymmetry({
    name: current.name,
    description: patch.description === undefined ? current.description : normaliseText(patch.description),
    source: patch.source == null ? current.source : normaliseEndpointRule(patch.source, 'source'),
    target: patch.target == null ? current.target : normaliseEndpointRule(patch.target, 'target'),
    directed: patch.directed ?? current.directed,
    inverseName: patch.inverseName === undefined ? current.inverseName : normaliseText(patch.inverseName),
    cardinality: patch.cardinality == null ? current.cardinality : checkCardinality(patch.cardinality),
    allowSelf: patch.allowSelf ?? current.allowSelf,
    properties:
      patch.properties == null ? current.properties : validatePropertyDefinitions(patch.properties, 'properties'),
  });
}

/**
 * @throws BadUserInputError (field `source.kinds` or `target.kinds`) when an endpoint rule
 *   names a kind that is not registered.
 */
export function checkEndpointKinds(definition: RelationshipTypeDefinition, kinds: ReadonlyMap<string, KindRef>): void {
  for (const end of ['source', 'target'] as const) {
    const unknown = definition[end].kinds.filter((name) => !kinds.has(name));
    if (unknown.length > 0) {
      throw new BadUserInputError(
        `Unknown entity kind${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} in the ${end} rule; defined kinds: ${[...kinds.keys()].sort().join(', ') || 'none'}`,
        `${end}.kinds`,
        { unknownKinds: unknown },
      );
    }
  }
}

/**
 * The changes from `current` to `next` that existing relationships might not satisfy:
 * narrower endpoint rules, a change of direction, a stricter cardinality, self-relations
 * turned off, and unsafe property schema changes.
 * @returns one sentence per change; empty when the update is allowed while in use.
 */
export function relationshipTypeChangesNeedingNoRelationships(
  current: RelationshipType,
  next: RelationshipTypeDefinition,
  kinds: ReadonlyMap<string, KindRef>,
): string[] {
  const reasons: string[] = [];
  if (narrows(current.source, next.source, kinds)) reasons.push('the source rule no longer accepts every kind it accepted');
  if (narrows(current.target, next.target, kinds)) reasons.push('the target rule no longer accepts every kind it accepted');
  if (current.directed !== next.directed) {
    reasons.push(next.directed ? 'the type becomes directed' : 'the type becomes symmetric');
  }
  if (CARDINALITY_RANK[next.cardinality] > CARDINALITY_RANK[current.cardinality]) {
    reasons.push(`the cardinality tightens from ${current.cardinality} to ${next.cardinality}`);
  }
  if (current.allowSelf && !next.allowSelf) reasons.push('self-relationships are no longer allowed');
  reasons.push(...unsafePropertySchemaChanges(current.properties, next.properties));
  return reasons;
}

/** Whether `next` refuses some kind that `current` accepted. */
function narrows(current: EndpointRule, next: EndpointRule, kinds: ReadonlyMap<string, KindRef>): boolean {
  const acceptsAny = (rule: EndpointRule) => rule.kinds.length === 0 && rule.categories.length === 0;
  if (acceptsAny(next)) return false;
  if (acceptsAny(current)) return true;
  if (current.categories.some((c) => !next.categories.includes(c))) return true;
  return current.kinds.some((name) => {
    if (next.kinds.includes(name)) return false;
    const kind = kinds.get(name);
    return kind === undefined || !next.categories.includes(kind.category);
  });
}

function normaliseEndpointRule(input: EndpointRuleInput | null | undefined, field: string): EndpointRule {
  const kinds = input?.kinds ?? [];
  const categories = input?.categories ?? [];
  if (!Array.isArray(kinds) || kinds.some((k) => typeof k !== 'string')) {
    throw new BadUserInputError('kinds must be a list of kind names', `${field}.kinds`);
  }
  if (!Array.isArray(categories)) throw new BadUserInputError('categories must be a list', `${field}.categories`);
  return {
    kinds: [...new Set(kinds)],
    categories: [...new Set(categories.map((c, i) => checkCategory(c, `${field}.categories[${i}]`)))] as Category[],
  };
}

function checkCardinality(value: unknown): Cardinality {
  if (typeof value !== 'string' || !Object.hasOwn(CARDINALITY_RANK, value)) {
    throw new BadUserInputError(
      `Unknown cardinality ${JSON.stringify(value)}; cardinalities: ${Object.keys(CARDINALITY_RANK).join(', ')}`,
      'cardinality',
    );
  }
  return value as Cardinality;
}

/**
 * A symmetric type reads the same from both ends: both endpoint rules must be the same,
 * it has no inverse phrase, and MANY_TO_ONE (which singles out one end) does not apply.
 */
function checkSymmetry(definition: RelationshipTypeDefinition): RelationshipTypeDefinition {
  if (definition.directed) return definition;
  const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (
    !sameSet(definition.source.kinds, definition.target.kinds) ||
    !sameSet(definition.source.categories, definition.target.categories)
  ) {
    throw new BadUserInputError('A symmetric (undirected) type needs the same source and target rules', 'target');
  }
  if (definition.inverseName !== null) {
    throw new BadUserInputError('A symmetric (undirected) type reads the same both ways and has no inverse name', 'inverseName');
  }
  if (definition.cardinality === Cardinality.MANY_TO_ONE) {
    throw new BadUserInputError(
      'MANY_TO_ONE singles out one end and does not apply to a symmetric type; use MANY_TO_MANY or ONE_TO_ONE',
      'cardinality',
    );
  }
  return definition;
}
