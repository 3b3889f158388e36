import { BadUserInputError } from '../errors';
import type { EndpointRule, EntityKind, RelationshipType } from '../metamodel/metamodel.types';
import { normaliseInstant } from '../shared/clock';

/** Whether a record of `kind` may stand at an end governed by `rule` (empty rule: anything). */
export function endpointAllows(rule: EndpointRule, kind: EntityKind): boolean {
  if (rule.kinds.length === 0 && rule.categories.length === 0) return true;
  return rule.kinds.includes(kind.name) || rule.categories.includes(kind.category);
}

/**
 * @throws BadUserInputError when the type does not allow these two kinds at its ends.
 *   A symmetric type accepts the pair in either order.
 */
export function checkEndpoints(type: RelationshipType, from: EntityKind, to: EntityKind): void {
  const forward = endpointAllows(type.source, from) && endpointAllows(type.target, to);
  const reverse = !type.directed && endpointAllows(type.source, to) && endpointAllows(type.target, from);
  if (forward || reverse) return;
  const describe = (rule: EndpointRule) =>
    [...rule.kinds, ...rule.categories.map((c) => `any ${c.toLowerCase()}`)].join(', ') || 'anything';
  throw new BadUserInputError(
    `${type.name} does not allow a ${from.name} → ${to.name} relationship: it goes from ${describe(type.source)} to ${describe(type.target)}`,
    'type',
    { from: from.name, to: to.name },
  );
}

/** The validity interval as normalised instants. */
export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/**
 * Normalises and checks a validity interval.
 * @throws BadUserInputError for a malformed instant, or validTo not after validFrom.
 */
export function checkValidity(validFrom: string | null | undefined, validTo: string | null | undefined): Validity {
  const from = instantOrNull(validFrom, 'validFrom');
  const to = instantOrNull(validTo, 'validTo');
  if (from !== null && to !== null && to <= from) {
    throw new BadUserInputError(`validTo (${to}) must be after validFrom (${from})`, 'validTo');
  }
  return { validFrom: from, validTo: to };
}

function instantOrNull(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const instant = normaliseInstant(value);
  if (instant === undefined) {
    throw new BadUserInputError(`${field} must be an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00Z`, field);
  }
  return instant;
}
