/**
 * Conversion between plain JavaScript values and neo4j-driver values, both ways. The port
 * promises plain rows (numbers, strings, booleans, ISO-8601 strings, arrays, plain
 * objects), so nothing of the driver's type zoo leaves the Neo4j engine.
 */
import neo4j from 'neo4j-driver';
import type { Params, Row } from '../graph-engine.port';
import { GraphEngineError } from '../graph.errors';

/**
 * Parameters as neo4j-driver must receive them: every integer-valued JS number (and every
 * bigint) becomes a `neo4j.int`, recursively through arrays and plain objects. The driver
 * sends plain JS numbers as floats, and Neo4j rejects `LIMIT 10.0` or `SKIP 0.0`.
 * Everything else is passed unchanged.
 */
export function toNeo4jParams(params: Params): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, toNeo4jValue(value)]));
}

/** One parameter value, converted as described in toNeo4jParams. */
export function toNeo4jValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (typeof value === 'bigint') return neo4j.int(value);
  if (Array.isArray(value)) return value.map(toNeo4jValue);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toNeo4jValue(v)]));
  }
  return value;
}

/**
 * A driver row (`record.toObject()`) as a plain row.
 * @throws GraphEngineError naming `queryName` when the row holds a raw node, relationship,
 *   path or a value type the driver could not decode: queries must return map projections.
 */
export function toPlainRow(row: Record<string, unknown>, queryName: string): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, toPlainValue(value, queryName)]));
}

/**
 * One driver value as a plain value:
 * - Integer → number, or bigint outside ±(2^53 − 1);
 * - DateTime, LocalDateTime, Date, Time, LocalTime, Duration → ISO-8601 string, with the
 *   fraction of a second trimmed of trailing zeros (`.123000000` → `.123`, as Grafeo writes it);
 * - Point → `{ srid, x, y }` (plus `z` in 3-D); Vector → array of numbers; UUID → string;
 * - lists and maps recursively; strings, floats, booleans, null and byte arrays unchanged.
 * @throws GraphEngineError naming `queryName` for nodes, relationships, paths and
 *   unsupported types.
 */
export function toPlainValue(value: unknown, queryName: string): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return typeof value === 'bigint' ? narrowBigInt(value) : value;
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toBigInt();
  if (Array.isArray(value)) return value.map((item) => toPlainValue(item, queryName));
  const temporal = temporalIsoString(value);
  if (temporal !== undefined) return normaliseIsoString(temporal);
  if (neo4j.isPoint(value)) return pointToPlain(value);
  if (neo4j.isVector(value)) return Array.from(value.asTypedArray() as ArrayLike<number | bigint>, (n) => toPlainValue(n, queryName));
  if (neo4j.isUUID(value)) return value.toString();
  if (isGraphStructure(value)) {
    throw new GraphEngineError(
      `Query "${queryName}" returned a raw ${describeStructure(value)}: return a map projection such as n {.id, .name} instead`,
      queryName,
      undefined,
    );
  }
  if (neo4j.isUnsupportedType(value)) {
    throw new GraphEngineError(`Query "${queryName}" returned a value the driver cannot decode: ${String(value)}`, queryName, undefined);
  }
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlainValue(v, queryName)]));
  }
  return value; // byte arrays (Int8Array) and anything already plain
}

/**
 * Trims trailing zeros from the fraction of a second and the dangling `T` that
 * neo4j-driver writes for durations without a time part (`P1DT` → `P1D`,
 * `10:00:00.500000000Z` → `10:00:00.5Z`). Only a seconds fraction holds a `.` in these strings.
 */
export function normaliseIsoString(iso: string): string {
  return iso.replace(/\.(\d*?)0+(?=\D|$)/, (_m, kept: string) => (kept.length > 0 ? `.${kept}` : '')).replace(/^(P.*)T$/, '$1');
}

function narrowBigInt(value: bigint): number | bigint {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value;
}

/** The driver's ISO-8601 rendering of a temporal value; undefined for anything else. */
function temporalIsoString(value: object): string | undefined {
  if (
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isDate(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  return undefined;
}

function pointToPlain(point: { srid: unknown; x: number; y: number; z: number | undefined }): Record<string, number> {
  const srid = neo4j.isInt(point.srid) ? point.srid.toNumber() : Number(point.srid);
  return point.z === undefined ? { srid, x: point.x, y: point.y } : { srid, x: point.x, y: point.y, z: point.z };
}

function isGraphStructure(value: object): boolean {
  return (
    neo4j.isNode(value) ||
    neo4j.isRelationship(value) ||
    neo4j.isUnboundRelationship(value) ||
    neo4j.isPath(value) ||
    neo4j.isPathSegment(value)
  );
}

function describeStructure(value: object): string {
  if (neo4j.isNode(value)) return 'node';
  if (neo4j.isPath(value) || neo4j.isPathSegment(value)) return 'path';
  return 'relationship';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
