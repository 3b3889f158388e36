import type { Category, PropertyValue } from '../metamodel/metamodel.types';
import type { Entity } from './entity.model';

/** The properties the system keeps on every entity node; everything else is custom. */
export const ENTITY_SYSTEM_FIELDS = [
  'id', 'kind', 'category', 'name', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

const SYSTEM = new Set<string>(ENTITY_SYSTEM_FIELDS);

/** Maps the stored property map of an entity node (`properties(n)`) to an Entity. */
export function toEntity(stored: Record<string, unknown>): Entity {
  const properties: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!SYSTEM.has(key) && value !== null && value !== undefined) properties[key] = value as PropertyValue;
  }
  return {
    id: String(stored.id),
    kind: String(stored.kind),
    category: String(stored.category) as Category,
    name: String(stored.name),
    properties,
    version: Number(stored.version),
    createdAt: String(stored.createdAt),
    updatedAt: String(stored.updatedAt),
    createdBy: textOr(stored.createdBy, 'system'),
    updatedBy: textOr(stored.updatedBy, 'system'),
  };
}

/** A stored text property, or the fallback when it is absent or not text. */
function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
