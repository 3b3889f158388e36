import neo4j from 'neo4j-driver';
import { GraphEngineError } from '../../../src/graph/graph.errors';
import { normaliseIsoString, toNeo4jParams, toPlainRow, toPlainValue } from '../../../src/graph/neo4j/neo4j-values';

const { DateTime, Date: Neo4jDate, Duration, LocalDateTime, LocalTime, Time, Point, Node, Relationship, Path, PathSegment } =
  neo4j.types;

describe('toNeo4jParams', () => {
  test('turns integer-valued numbers into neo4j Integers, deep inside lists and plain objects', () => {
    const params = toNeo4jParams({ limit: 10, rows: [{ n: 3, tags: [1, 2] }], nested: { big: 2 ** 60 } });

    expect(neo4j.isInt(params.limit)).toBe(true);
    expect(String(params.limit)).toBe('10');
    const row = (params.rows as Array<{ n: unknown; tags: unknown[] }>)[0];
    expect(neo4j.isInt(row?.n)).toBe(true);
    expect(row?.tags.every((t) => neo4j.isInt(t))).toBe(true);
    expect(String((params.nested as { big: unknown }).big)).toBe(String(2n ** 60n));
  });

  test('turns bigints into neo4j Integers without losing precision', () => {
    const { id } = toNeo4jParams({ id: 2n ** 62n + 1n });

    expect(neo4j.isInt(id)).toBe(true);
    expect(String(id)).toBe('4611686018427387905');
  });

  test('leaves floats, strings, booleans, null and non-plain objects as they are', () => {
    const integer = neo4j.int(7);

    const params = toNeo4jParams({ score: 0.5, nan: Number.NaN, name: 'x', active: false, none: null, integer });

    expect(params).toEqual({ score: 0.5, nan: Number.NaN, name: 'x', active: false, none: null, integer });
    expect(params.integer).toBe(integer);
  });
});

describe('toPlainValue', () => {
  test('turns neo4j Integers into numbers inside the safe range and into bigints beyond it', () => {
    expect(toPlainValue(neo4j.int(42), 'q')).toBe(42);
    expect(toPlainValue(neo4j.int(-7), 'q')).toBe(-7);
    expect(toPlainValue(neo4j.int(Number.MAX_SAFE_INTEGER), 'q')).toBe(Number.MAX_SAFE_INTEGER);
    expect(toPlainValue(neo4j.int('9007199254740993'), 'q')).toBe(9007199254740993n);
  });

  test('narrows bigints (driver option useBigInt) to numbers where they are safe', () => {
    expect(toPlainValue(5n, 'q')).toBe(5);
    expect(toPlainValue(2n ** 60n, 'q')).toBe(2n ** 60n);
  });

  test('renders temporal values as ISO-8601 strings with the fraction of a second trimmed', () => {
    expect(toPlainValue(new DateTime(2026, 1, 1, 10, 0, 0, 0, 0), 'q')).toBe('2026-01-01T10:00:00Z');
    expect(toPlainValue(new DateTime(2026, 1, 1, 10, 0, 0, 250_000_000, 3600), 'q')).toBe('2026-01-01T10:00:00.25+01:00');
    expect(toPlainValue(new DateTime(2026, 1, 1, 10, 0, 0, 1, -18000), 'q')).toBe('2026-01-01T10:00:00.000000001-05:00');
    expect(toPlainValue(new DateTime(2026, 7, 1, 10, 0, 0, 0, undefined, 'Europe/Berlin'), 'q')).toBe(
      '2026-07-01T10:00:00[Europe/Berlin]',
    );
    expect(toPlainValue(new LocalDateTime(2026, 1, 1, 10, 0, 0, 500_000_000), 'q')).toBe('2026-01-01T10:00:00.5');
    expect(toPlainValue(new Neo4jDate(2026, 2, 28), 'q')).toBe('2026-02-28');
    expect(toPlainValue(new Time(9, 30, 0, 0, 0), 'q')).toBe('09:30:00Z');
    expect(toPlainValue(new LocalTime(9, 30, 15, 120_000_000), 'q')).toBe('09:30:15.12');
  });

  test('renders durations as ISO-8601 strings without the dangling T the driver writes', () => {
    expect(toPlainValue(new Duration(0, 1, 0, 0), 'q')).toBe('P1D');
    expect(toPlainValue(new Duration(14, 0, 0, 0), 'q')).toBe('P1Y2M');
    expect(toPlainValue(new Duration(0, 0, 5400, 0), 'q')).toBe('PT1H30M');
    expect(toPlainValue(new Duration(0, 0, 0, 500_000_000), 'q')).toBe('PT0.5S');
    expect(toPlainValue(new Duration(0, 0, 0, 0), 'q')).toBe('PT0S');
  });

  test('accepts temporal values whose fields are neo4j Integers, as the driver decodes them', () => {
    const i = neo4j.int;
    const value = new DateTime(i(2026), i(1), i(1), i(10), i(0), i(0), i(0), i(0));

    expect(toPlainValue(value, 'q')).toBe('2026-01-01T10:00:00Z');
  });

  test('converts lists and maps recursively into plain arrays and objects', () => {
    const value = { counts: [neo4j.int(1), neo4j.int(2)], at: new DateTime(2026, 1, 1, 0, 0, 0, 0, 0), nested: { ok: true, none: null } };

    expect(toPlainValue(value, 'q')).toEqual({ counts: [1, 2], at: '2026-01-01T00:00:00Z', nested: { ok: true, none: null } });
  });

  test('turns points into plain objects with their srid and coordinates', () => {
    expect(toPlainValue(new Point(neo4j.int(4326), 13.4, 52.5), 'q')).toEqual({ srid: 4326, x: 13.4, y: 52.5 });
    expect(toPlainValue(new Point(neo4j.int(9157), 1, 2, 3), 'q')).toEqual({ srid: 9157, x: 1, y: 2, z: 3 });
  });

  test('refuses a raw node with a GraphEngineError that names the query and suggests a map projection', () => {
    const node = new Node(neo4j.int(1), ['Entity'], { id: 'a' }, '4:x:1');

    const convert = () => toPlainRow({ e: node }, 'entity/get-by-id');

    expect(convert).toThrow(GraphEngineError);
    expect(convert).toThrow(/"entity\/get-by-id" returned a raw node: return a map projection/);
  });

  test('refuses raw relationships and paths, also when nested in a list', () => {
    const a = new Node(neo4j.int(1), ['Entity'], {}, '4:x:1');
    const b = new Node(neo4j.int(2), ['Entity'], {}, '4:x:2');
    const rel = new Relationship(neo4j.int(3), neo4j.int(1), neo4j.int(2), 'WORKS_AT', {}, '5:x:3', '4:x:1', '4:x:2');
    const path = new Path(a, b, [new PathSegment(a, rel, b)]);

    expect(() => toPlainValue([rel], 'q')).toThrow(/returned a raw relationship/);
    expect(() => toPlainValue({ p: path }, 'q')).toThrow(/returned a raw path/);
  });
});

describe('normaliseIsoString', () => {
  test('keeps strings without a fraction or a dangling T unchanged', () => {
    expect(normaliseIsoString('2026-01-01T10:00:00+01:00')).toBe('2026-01-01T10:00:00+01:00');
    expect(normaliseIsoString('P1DT2H')).toBe('P1DT2H');
    expect(normaliseIsoString('2026-01-01')).toBe('2026-01-01');
  });
});
