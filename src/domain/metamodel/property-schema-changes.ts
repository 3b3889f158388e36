import type { PropertyDefinition } from './metamodel.types';

/**
 * The changes from `current` to `next` that existing records might not satisfy: an
 * existing property changing its type or becoming required, or a new required property.
 * Adding optional properties, editing descriptions and removing properties are safe.
 * @returns one sentence per such change; empty when the change is safe while in use.
 */
export function unsafePropertySchemaChanges(
  current: readonly PropertyDefinition[],
  next: readonly PropertyDefinition[],
): string[] {
  const before = new Map(current.map((d) => [d.name, d]));
  const reasons: string[] = [];
  for (const definition of next) {
    const old = before.get(definition.name);
    if (old === undefined) {
      if (definition.required) reasons.push(`new property "${definition.name}" is required`);
      continue;
    }
    if (old.type !== definition.type) {
      reasons.push(`property "${definition.name}" changes type from ${old.type} to ${definition.type}`);
    }
    if (definition.required && !old.required) reasons.push(`property "${definition.name}" becomes required`);
  }
  return reasons;
}
