/**
 * Pure rules for entity kind definitions: normalising a new definition, applying a patch,
 * and naming the changes that are refused while records of the kind exist.
 */
import { BadUserInputError } from '../errors';
import { checkKindName } from './metamodel-names';
import type { DefineKindInput, UpdateKindPatch } from './metamodel.inputs';
import { Category, type EntityKind, type PropertyDefinition } from './metamodel.types';
import { unsafePropertySchemaChanges } from './property-schema-changes';
import { normaliseText, validatePropertyDefinitions } from './property-values';

/** The user-editable part of a kind, validated and normalised. */
export interface KindDefinition {
  name: string;
  category: Category;
  description: string | null;
  properties: PropertyDefinition[];
}

const CATEGORIES: ReadonlySet<string> = new Set(Object.values(Category));

/**
 * Validates a new kind.
 * @throws BadUserInputError for an invalid or reserved name (`name`), an unknown category
 *   (`category`) or an invalid property schema (`properties[i].…`).
 */
export function normaliseKindDefinition(input: DefineKindInput): KindDefinition {
  return {
    name: checkKindName(input.name),
    category: checkCategory(input.category, 'category'),
    description: normaliseText(input.description),
    properties: validatePropertyDefinitions(input.properties ?? [], 'properties'),
  };
}

/**
 * The kind as it will be after `patch`: absent (or null) fields keep their value, except
 * `description`, which null clears.
 * @throws BadUserInputError for an unknown category or an invalid property schema.
 */
export function applyKindPatch(current: EntityKind, patch: UpdateKindPatch): KindDefinition {
  return {
    name: current.name,
    category: patch.category == null ? current.category : checkCategory(patch.category, 'category'),
    description: patch.description === undefined ? current.description : normaliseText(patch.description),
    properties:
      patch.properties == null ? current.properties : validatePropertyDefinitions(patch.properties, 'properties'),
  };
}

/**
 * The changes from `current` to `next` that records of the kind might not satisfy: a new
 * category (it is a label on every record), and unsafe property schema changes.
 * @returns one sentence per change; empty when the update is allowed while in use.
 */
export function kindChangesNeedingNoRecords(current: EntityKind, next: KindDefinition): string[] {
  const reasons: string[] = [];
  if (next.category !== current.category) {
    reasons.push(`the category changes from ${current.category} to ${next.category}`);
  }
  reasons.push(...unsafePropertySchemaChanges(current.properties, next.properties));
  return reasons;
}

/** @throws BadUserInputError when `value` is not a Category. */
export function checkCategory(value: unknown, field: string): Category {
  if (typeof value !== 'string' || !CATEGORIES.has(value)) {
    throw new BadUserInputError(
      `Unknown category ${JSON.stringify(value)}; categories: ${[...CATEGORIES].join(', ')}`,
      field,
    );
  }
  return value as Category;
}
