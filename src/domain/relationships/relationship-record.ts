import type { PropertyValue } from '../metamodel/metamodel.types';
import { BadUserInputError } from '../errors';
import type { Relationship } from './relationship.model';

/** Properties the system keeps on every relationship; everything else is custom. */
export const RELATIONSHIP_SYSTEM_FIELDS = [
  'id', 'role', 'validFrom', 'validTo', 'strength', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;
const SYSTEM = new Set<string>(RELATIONSHIP_SYSTEM_FIELDS);

/** The row shape every relationship query returns. */
export interface RelationshipRow extends Record<string, unknown> {
  relationship: Record<string, unknown>;
  type: string;
  fromId: string;
  toId: string;
}

export function toRelationship(row: RelationshipRow): Relationship {
  const stored = row.relationship;
  const properties: Record<string, PropertyValue> = {};
  for (const [key, value] of Object.entries(stored)) {
    if (!SYSTEM.has(key) && value !== null && value !== undefined) properties[key] = value as PropertyValue;
  }
  return {
    id: String(stored.id),
    type: row.type,
    fromId: row.fromId,
    toId: row.toId,
    role: optionalString(stored.role),
    validFrom: optionalString(stored.validFrom),
    validTo: optionalString(stored.validTo),
    strength: typeof stored.strength === 'number' ? stored.strength : null,
    properties,
    version: Number(stored.version),
    createdAt: String(stored.createdAt),
    updatedAt: String(stored.updatedAt),
    createdBy: textOr(stored.createdBy, 'system'),
    updatedBy: textOr(stored.updatedBy, 'system'),
  };
}

function optionalString(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A relationship id: the id of its source entity, a dot, and a ULID of its own. */
export function newRelationshipId(fromId: string, unique: string): string {
  return `${fromId}.${unique}`;
}

/**
 * The source entity id inside a relationship id.
 * @returns undefined for an id this server cannot have issued.
 */
export function sourceOfRelationshipId(id: string): string | undefined {
  const dot = id.lastIndexOf('.');
  return dot > 0 && dot < id.length - 1 ? id.slice(0, dot) : undefined;
}

/** @throws BadUserInputError unless strength is within 0…1. */
export function checkStrength(strength: number | null | undefined): void {
  if (strength != null && !(strength >= 0 && strength <= 1)) {
    throw new BadUserInputError('strength must be between 0 and 1', 'strength');
  }
}

/** A stored text property, or the fallback when it is absent or not text. */
function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}
