/**
 * Rules for the names of kinds and relationship types. A kind's name becomes a node label
 * and a relationship type's name a relationship type in Cypher text, so both must match
 * IDENTIFIER_PATTERN and stay clear of the labels and types the system itself uses.
 */
import { BadUserInputError } from '../errors';
import { IDENTIFIER_PATTERN } from '../../graph/cypher-identifier';

/**
 * Node labels the system owns: the record and category labels, the metamodel's own nodes,
 * touchpoints, bookings and the domain-event outbox. A kind may not be called any of these.
 */
export const SYSTEM_LABELS: ReadonlySet<string> = new Set([
  'Entity',
  'Stakeholder',
  'Object',
  'Location',
  'EntityKind',
  'RelationshipType',
  'MetamodelSeed',
  'Touchpoint',
  'Booking',
  'Event',
]);

/**
 * Relationship types the system owns (a touchpoint's links to participants, objects and
 * locations). A user-defined relationship type may not be called any of these, or
 * touchpoint queries would pick up ordinary relationships.
 */
export const SYSTEM_RELATIONSHIP_TYPES: ReadonlySet<string> = new Set(['INVOLVES', 'ABOUT', 'AT', 'RESERVES', 'BOOKED_FOR']);

/**
 * Checks the name of a new kind.
 * @throws BadUserInputError (field `field`, default `name`) when it does not match
 *   IDENTIFIER_PATTERN or is a system label. PascalCase (`TradeFair`) is the convention.
 */
export function checkKindName(name: unknown, field = 'name'): string {
  const valid = checkIdentifier(name, field, 'An entity kind name', 'PascalCase, e.g. TradeFair');
  if (SYSTEM_LABELS.has(valid)) {
    throw new BadUserInputError(
      `"${valid}" is a label the system uses itself; choose another kind name (reserved: ${[...SYSTEM_LABELS].join(', ')})`,
      field,
    );
  }
  return valid;
}

/**
 * Checks the name of a new relationship type.
 * @throws BadUserInputError (field `field`, default `name`) when it does not match
 *   IDENTIFIER_PATTERN or is a system label or relationship type. UPPER_SNAKE
 *   (`WORKS_AT`) is the convention.
 */
export function checkRelationshipTypeName(name: unknown, field = 'name'): string {
  const valid = checkIdentifier(name, field, 'A relationship type name', 'UPPER_SNAKE_CASE, e.g. WORKS_AT');
  if (SYSTEM_RELATIONSHIP_TYPES.has(valid) || SYSTEM_LABELS.has(valid)) {
    throw new BadUserInputError(
      `"${valid}" is a name the system uses itself; choose another relationship type name (reserved: ${[
        ...SYSTEM_RELATIONSHIP_TYPES,
        ...SYSTEM_LABELS,
      ].join(', ')})`,
      field,
    );
  }
  return valid;
}

function checkIdentifier(name: unknown, field: string, what: string, convention: string): string {
  if (typeof name !== 'string' || !IDENTIFIER_PATTERN.test(name)) {
    const shown = typeof name === 'string' ? JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name) : typeof name;
    throw new BadUserInputError(
      `${what} must start with an upper-case letter followed by up to 63 letters, digits or _ (${convention}); got ${shown}`,
      field,
    );
  }
  return name;
}
