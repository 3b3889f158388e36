/**
 * Checks custom property values against a property schema, and property schemas
 * themselves. Pure functions: no I/O, no clock.
 */
import { BadUserInputError } from '../errors';
import {
  PropertyType,
  RESERVED_PROPERTY_NAMES,
  type PropertyDefinition,
  type PropertyPatch,
  type PropertyValue,
  type PropertyValues,
} from './metamodel.types';

/** What a custom property may be called: camelCase, at most 64 characters. */
export const PROPERTY_NAME_PATTERN = /^[a-z][A-Za-z0-9_]{0,63}$/;

const PROPERTY_TYPES: ReadonlySet<string> = new Set(Object.values(PropertyType));
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Options of validatePropertyValues. */
export interface PropertyValuesOptions {
  /** Where the values sit in the request, e.g. `properties`; errors name `<fieldPath>.<property>`. */
  fieldPath: string;
  /**
   * false (a create): every required property must be present, and `null` for an optional
   * one means "not set" (it is left out of the result).
   * true (an update): only the keys present are checked; `null` means "remove" and is kept
   * in the result; a required property cannot be removed.
   */
  partial: boolean;
}

/**
 * Validates and normalises custom property values against a kind's or relationship
 * type's property schema.
 *
 * Checks, per property type: INT a safe integer; FLOAT a finite number; BOOLEAN a boolean;
 * STRING a string; STRING_LIST an array of strings; DATE a calendar date `YYYY-MM-DD`
 * (returned unchanged); DATETIME an ISO-8601 date-time with `Z` or an offset (returned as
 * UTC `toISOString()`, e.g. `2026-03-01T08:00:00.000Z`).
 *
 * @param definitions the schema; names not in it are refused.
 * @param values the client's values; null or undefined count as `{}`.
 * @returns with `partial: false` the values to store (PropertyValues); with
 *   `partial: true` a PropertyPatch in which `null` means "remove this property".
 * @throws BadUserInputError naming the first offending property as `<fieldPath>.<name>`:
 *   an unknown name (the message lists the allowed ones), a value of the wrong type, a
 *   missing required property, or (partial) `null` for a required one. Also when `values`
 *   is not a plain object (field `<fieldPath>`).
 */
export function validatePropertyValues(
  definitions: readonly PropertyDefinition[],
  values: Record<string, unknown> | null | undefined,
  options: { fieldPath: string; partial: false },
): PropertyValues;
export function validatePropertyValues(
  definitions: readonly PropertyDefinition[],
  values: Record<string, unknown> | null | undefined,
  options: { fieldPath: string; partial: true },
): PropertyPatch;
export function validatePropertyValues(
  definitions: readonly PropertyDefinition[],
  values: Record<string, unknown> | null | undefined,
  options: PropertyValuesOptions,
): PropertyPatch;
export function validatePropertyValues(
  definitions: readonly PropertyDefinition[],
  values: Record<string, unknown> | null | undefined,
  options: PropertyValuesOptions,
): PropertyPatch {
  const { fieldPath, partial } = options;
  const input = values ?? {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new BadUserInputError('Custom properties must be an object of name → value', fieldPath);
  }
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const result: PropertyPatch = {};

  for (const [name, value] of Object.entries(input)) {
    const definition = byName.get(name);
    const path = `${fieldPath}.${name}`;
    if (definition === undefined) {
      const allowed = definitions.map((d) => d.name).sort();
      throw new BadUserInputError(
        allowed.length === 0
          ? `Unknown property "${name}": no custom properties are defined here`
          : `Unknown property "${name}"; allowed: ${allowed.join(', ')}`,
        path,
        { allowed },
      );
    }
    if (value === null || value === undefined) {
      if (partial && definition.required && value === null) {
        throw new BadUserInputError(`"${name}" is required and cannot be removed`, path);
      }
      if (partial && value === null) result[name] = null;
      continue;
    }
    result[name] = checkValue(definition, value, path);
  }

  if (!partial) {
    for (const definition of definitions) {
      if (definition.required && (result[definition.name] === undefined || result[definition.name] === null)) {
        throw new BadUserInputError(`"${definition.name}" is required`, `${fieldPath}.${definition.name}`);
      }
    }
  }
  return result;
}

/** Returns the value, normalised, or throws naming `path`. */
function checkValue(definition: PropertyDefinition, value: unknown, path: string): PropertyValue {
  const fail = (expected: string): never => {
    throw new BadUserInputError(`"${definition.name}" must be ${expected}, got ${describe(value)}`, path, {
      expectedType: definition.type,
    });
  };
  switch (definition.type) {
    case PropertyType.STRING:
      return typeof value === 'string' ? value : fail('a string');
    case PropertyType.INT:
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : fail('a whole number (safe integer)');
    case PropertyType.FLOAT:
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('a finite number');
    case PropertyType.BOOLEAN:
      return typeof value === 'boolean' ? value : fail('true or false');
    case PropertyType.STRING_LIST:
      return Array.isArray(value) && value.every((item: unknown): item is string => typeof item === 'string')
        ? [...value]
        : fail('a list of strings');
    case PropertyType.DATE:
      return typeof value === 'string' && isCalendarDate(value) ? value : fail('a calendar date YYYY-MM-DD');
    case PropertyType.DATETIME: {
      const instant = typeof value === 'string' ? normaliseDateTime(value) : undefined;
      return instant ?? fail('an ISO-8601 date-time with a time zone, e.g. 2026-03-01T09:00:00+01:00');
    }
    default: {
      const unknownType: never = definition.type;
      throw new Error(`Property type ${String(unknownType)} has no validation rule`);
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function validDay(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Whether `value` is `YYYY-MM-DD` naming a real day of the proleptic Gregorian calendar (years 0001–9999). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  return validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * Normalises an ISO-8601 date-time with `Z` or a `±hh:mm` offset to UTC `toISOString()`
 * form (milliseconds; further fraction digits are truncated).
 * @returns undefined when the text is not such a date-time or names an impossible instant.
 */
export function normaliseDateTime(value: string): string | undefined {
  const m = DATETIME_PATTERN.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zulu === undefined) {
    const offsetHours = Number(oh);
    const offsetMins = Number(om);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, millis);
  const instant = new Date(local.getTime() - offsetMinutes * 60_000);
  return Number.isNaN(instant.getTime()) ? undefined : instant.toISOString();
}

/**
 * Validates a property schema and returns it normalised (required defaults to false,
 * blank descriptions become null).
 * @param fieldPath where the list sits in the request, e.g. `input.properties`; errors
 *   name `<fieldPath>[<index>].name` (or `.type`).
 * @throws BadUserInputError for a name not matching PROPERTY_NAME_PATTERN, a reserved
 *   system name (RESERVED_PROPERTY_NAMES), a duplicate name, or an unknown type.
 */
export function validatePropertyDefinitions(
  defs: ReadonlyArray<{ name: string; type: PropertyType; required?: boolean | null; description?: string | null }>,
  fieldPath: string,
): PropertyDefinition[] {
  // Callers outside GraphQL may pass anything; checking a copy typed unknown keeps `defs` typed.
  const untrusted: unknown = defs;
  if (!Array.isArray(untrusted)) throw new BadUserInputError('Properties must be a list', fieldPath);
  const seen = new Set<string>();
  return defs.map((def, index) => {
    const path = `${fieldPath}[${index}]`;
    const name: unknown = def.name;
    if (typeof name !== 'string' || !PROPERTY_NAME_PATTERN.test(name)) {
      throw new BadUserInputError(
        `Property name ${JSON.stringify(name)} is invalid: use a camelCase identifier (a lower-case letter, then letters, digits or _; at most 64 characters)`,
        `${path}.name`,
      );
    }
    if (RESERVED_PROPERTY_NAMES.has(name)) {
      throw new BadUserInputError(
        `Property name "${name}" is reserved for a system field; reserved: ${[...RESERVED_PROPERTY_NAMES].join(', ')}`,
        `${path}.name`,
      );
    }
    if (seen.has(name)) throw new BadUserInputError(`Property "${name}" is defined twice`, `${path}.name`);
    seen.add(name);
    if (!PROPERTY_TYPES.has(def.type)) {
      throw new BadUserInputError(
        `Property "${name}" has unknown type ${JSON.stringify(def.type)}; types: ${[...PROPERTY_TYPES].join(', ')}`,
        `${path}.type`,
      );
    }
    return {
      name,
      type: def.type,
      required: def.required === true,
      description: normaliseText(def.description),
    };
  });
}

/** Trims a free-text value; blank or absent becomes null. */
export function normaliseText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed.length === 0 ? null : trimmed;
}
