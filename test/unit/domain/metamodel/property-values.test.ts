import { BadUserInputError } from '../../../../src/domain/errors';
import { PropertyType, type PropertyDefinition } from '../../../../src/domain/metamodel/metamodel.types';
import {
  isCalendarDate,
  normaliseDateTime,
  validatePropertyDefinitions,
  validatePropertyValues,
} from '../../../../src/domain/metamodel/property-values';

function def(name: string, type: PropertyType, required = false): PropertyDefinition {
  return { name, type, required, description: null };
}

const schema: PropertyDefinition[] = [
  def('email', PropertyType.STRING, true),
  def('capacity', PropertyType.INT),
  def('score', PropertyType.FLOAT),
  def('active', PropertyType.BOOLEAN),
  def('birthday', PropertyType.DATE),
  def('lastSeenAt', PropertyType.DATETIME),
  def('tags', PropertyType.STRING_LIST),
];

const create = { fieldPath: 'properties', partial: false } as const;
const patch = { fieldPath: 'properties', partial: true } as const;

/** Runs `fn` and returns the BadUserInputError it throws. */
function badInput(fn: () => unknown): BadUserInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('expected a BadUserInputError, but nothing was thrown');
}

describe('validatePropertyValues', () => {
  describe('accepting values of every type', () => {
    it('returns every valid value of every type unchanged, except date-times, which it normalises to UTC', () => {
      const out = validatePropertyValues(
        schema,
        {
          email: 'ada@example.org',
          capacity: 12,
          score: 4.5,
          active: false,
          birthday: '1815-12-10',
          lastSeenAt: '2026-03-01T09:30:00+01:00',
          tags: ['vip', 'press'],
        },
        create,
      );
      expect(out).toEqual({
        email: 'ada@example.org',
        capacity: 12,
        score: 4.5,
        active: false,
        birthday: '1815-12-10',
        lastSeenAt: '2026-03-01T08:30:00.000Z',
        tags: ['vip', 'press'],
      });
    });

    it('accepts an empty string and an empty list', () => {
      expect(validatePropertyValues(schema, { email: '', tags: [] }, create)).toEqual({ email: '', tags: [] });
    });

    it('accepts a whole number as a FLOAT and negative and zero INTs', () => {
      const out = validatePropertyValues(schema, { email: 'a', score: 3, capacity: -2 }, create);
      expect(out).toEqual({ email: 'a', score: 3, capacity: -2 });
      expect(validatePropertyValues(schema, { email: 'a', capacity: 0 }, create).capacity).toBe(0);
    });

    it('accepts the largest safe integer as an INT', () => {
      expect(validatePropertyValues(schema, { email: 'a', capacity: Number.MAX_SAFE_INTEGER }, create).capacity).toBe(
        Number.MAX_SAFE_INTEGER,
      );
    });

    it('copies a STRING_LIST so later changes to the input do not leak into the result', () => {
      const tags = ['a'];
      const out = validatePropertyValues(schema, { email: 'a', tags }, create);
      tags.push('b');
      expect(out.tags).toEqual(['a']);
    });
  });

  describe('refusing values of the wrong type', () => {
    const cases: Array<[string, unknown]> = [
      ['email', 42],
      ['email', ['a']],
      ['email', true],
      ['capacity', 1.5],
      ['capacity', '12'],
      ['capacity', Number.MAX_SAFE_INTEGER + 1],
      ['capacity', Number.NaN],
      ['capacity', true],
      ['score', Number.POSITIVE_INFINITY],
      ['score', Number.NaN],
      ['score', '4.5'],
      ['active', 'true'],
      ['active', 1],
      ['tags', 'vip'],
      ['tags', ['vip', 3]],
      ['tags', [null]],
      ['tags', { 0: 'a' }],
      ['birthday', 19991231],
      ['lastSeenAt', 1_700_000_000_000],
    ];
    it.each(cases)('refuses %s = %p and names the property in the error field', (name, value) => {
      const error = badInput(() => validatePropertyValues(schema, { email: 'a', [name]: value }, create));
      expect(error.details.field).toBe(`properties.${name}`);
      expect(error.message).toContain(`"${name}" must be`);
    });

    it('names the property under the given field path', () => {
      const error = badInput(() => validatePropertyValues(schema, { capacity: 'x' }, { fieldPath: 'input.properties', partial: true }));
      expect(error.details.field).toBe('input.properties.capacity');
    });
  });

  describe('dates', () => {
    it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31', '2026-12-31'])('accepts the calendar date %s', (value) => {
      expect(validatePropertyValues(schema, { email: 'a', birthday: value }, create).birthday).toBe(value);
    });

    it.each([
      '2023-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-01-00',
      '0000-01-01',
      '2026-1-5',
      '26-01-05',
      '2026/01/05',
      '2026-01-05T00:00:00Z',
      ' 2026-01-05',
      '',
    ])('refuses %p as a DATE', (value) => {
      const error = badInput(() => validatePropertyValues(schema, { email: 'a', birthday: value }, create));
      expect(error.details.field).toBe('properties.birthday');
    });
  });

  describe('date-times', () => {
    it.each([
      ['2026-03-01T09:30:00Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T09:30:00.123Z', '2026-03-01T09:30:00.123Z'],
      ['2026-03-01T09:30:00.123456789Z', '2026-03-01T09:30:00.123Z'],
      ['2026-03-01T09:30:00.5+00:00', '2026-03-01T09:30:00.500Z'],
      ['2026-03-01T09:30Z', '2026-03-01T09:30:00.000Z'],
      ['2026-03-01T01:00:00+02:00', '2026-02-28T23:00:00.000Z'],
      ['2024-12-31T20:00:00-05:30', '2025-01-01T01:30:00.000Z'],
      ['2026-03-01T09:30:00+0100', '2026-03-01T08:30:00.000Z'],
      ['2026-03-01t09:30:00z', '2026-03-01T09:30:00.000Z'],
      ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ])('normalises %s to %s', (input, expected) => {
      expect(validatePropertyValues(schema, { email: 'a', lastSeenAt: input }, create).lastSeenAt).toBe(expected);
    });

    it.each([
      '2026-03-01T09:30:00',
      '2026-03-01 09:30:00Z',
      '2026-03-01',
      '2026-02-30T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T09:60:00Z',
      '2026-03-01T09:30:60Z',
      '2026-03-01T09:30:00+24:00',
      '2026-03-01T09:30:00+01:60',
      'yesterday',
      'Sun, 01 Mar 2026 09:30:00 GMT',
      '',
    ])('refuses %p as a DATETIME', (value) => {
      const error = badInput(() => validatePropertyValues(schema, { email: 'a', lastSeenAt: value }, create));
      expect(error.details.field).toBe('properties.lastSeenAt');
      expect(error.message).toContain('time zone');
    });
  });

  describe('unknown names', () => {
    it('refuses an unknown property, naming it and listing the allowed names', () => {
      const error = badInput(() => validatePropertyValues(schema, { email: 'a', colour: 'red' }, create));
      expect(error.details.field).toBe('properties.colour');
      expect(error.message).toContain('"colour"');
      expect(error.message).toContain('active, birthday, capacity, email, lastSeenAt, score, tags');
      expect(error.details.allowed).toEqual(['active', 'birthday', 'capacity', 'email', 'lastSeenAt', 'score', 'tags']);
    });

    it('says so when no custom properties are defined at all', () => {
      const error = badInput(() => validatePropertyValues([], { x: 1 }, create));
      expect(error.message).toContain('no custom properties');
    });

    it('refuses a property name only differing in case', () => {
      expect(badInput(() => validatePropertyValues(schema, { Email: 'a' }, patch)).details.field).toBe('properties.Email');
    });

    it('refuses system field names that are not in the schema, such as id or __proto__', () => {
      expect(badInput(() => validatePropertyValues(schema, { email: 'a', id: 'x' }, create)).details.field).toBe('properties.id');
      const polluted = JSON.parse('{"__proto__": {"admin": true}}') as Record<string, unknown>;
      expect(badInput(() => validatePropertyValues(schema, polluted, patch)).details.field).toBe('properties.__proto__');
    });
  });

  describe('required properties when creating', () => {
    it('refuses a missing required property', () => {
      const error = badInput(() => validatePropertyValues(schema, { capacity: 3 }, create));
      expect(error.details.field).toBe('properties.email');
      expect(error.message).toContain('required');
    });

    it('refuses null for a required property', () => {
      expect(badInput(() => validatePropertyValues(schema, { email: null }, create)).details.field).toBe('properties.email');
    });

    it('treats null and undefined values as absent and leaves them out', () => {
      const out = validatePropertyValues(schema, { email: 'a', capacity: null, score: undefined }, create);
      expect(out).toEqual({ email: 'a' });
      expect('capacity' in out).toBe(false);
    });

    it('treats null or undefined values as an empty object', () => {
      const optional = [def('note', PropertyType.STRING)];
      expect(validatePropertyValues(optional, null, create)).toEqual({});
      expect(validatePropertyValues(optional, undefined, create)).toEqual({});
      expect(badInput(() => validatePropertyValues(schema, undefined, create)).details.field).toBe('properties.email');
    });
  });

  describe('partial updates', () => {
    it('checks only the keys present, so a required property may be left out', () => {
      expect(validatePropertyValues(schema, { capacity: 8 }, patch)).toEqual({ capacity: 8 });
      expect(validatePropertyValues(schema, {}, patch)).toEqual({});
    });

    it('returns null for a property to remove', () => {
      expect(validatePropertyValues(schema, { capacity: null, tags: null }, patch)).toEqual({ capacity: null, tags: null });
    });

    it('ignores undefined values', () => {
      expect(validatePropertyValues(schema, { capacity: undefined }, patch)).toEqual({});
    });

    it('refuses to remove a required property', () => {
      const error = badInput(() => validatePropertyValues(schema, { email: null }, patch));
      expect(error.details.field).toBe('properties.email');
      expect(error.message).toContain('cannot be removed');
    });

    it('still refuses wrong types and unknown names', () => {
      expect(badInput(() => validatePropertyValues(schema, { capacity: 'many' }, patch)).details.field).toBe('properties.capacity');
      expect(badInput(() => validatePropertyValues(schema, { nope: 1 }, patch)).details.field).toBe('properties.nope');
    });
  });

  it('refuses values that are not an object', () => {
    expect(badInput(() => validatePropertyValues(schema, ['a'] as unknown as Record<string, unknown>, patch)).details.field).toBe(
      'properties',
    );
    expect(badInput(() => validatePropertyValues(schema, 'a' as unknown as Record<string, unknown>, patch)).details.field).toBe(
      'properties',
    );
  });
});

describe('isCalendarDate and normaliseDateTime', () => {
  it('agree with the validator on leap years', () => {
    expect(isCalendarDate('2400-02-29')).toBe(true);
    expect(isCalendarDate('2100-02-29')).toBe(false);
  });

  it('return undefined for an impossible instant rather than rolling it over', () => {
    expect(normaliseDateTime('2026-04-31T00:00:00Z')).toBeUndefined();
  });
});

describe('validatePropertyDefinitions', () => {
  it('returns the definitions normalised, with required defaulting to false and blank descriptions as null', () => {
    const out = validatePropertyDefinitions(
      [
        { name: 'email', type: PropertyType.STRING, required: true, description: '  Main address ' },
        { name: 'floor_2', type: PropertyType.INT },
        { name: 'x', type: PropertyType.BOOLEAN, required: null, description: '   ' },
      ],
      'properties',
    );
    expect(out).toEqual([
      { name: 'email', type: PropertyType.STRING, required: true, description: 'Main address' },
      { name: 'floor_2', type: PropertyType.INT, required: false, description: null },
      { name: 'x', type: PropertyType.BOOLEAN, required: false, description: null },
    ]);
  });

  it('accepts an empty schema', () => {
    expect(validatePropertyDefinitions([], 'properties')).toEqual([]);
  });

  it.each(['Email', '1st', '_x', 'e-mail', 'e mail', '', 'a'.repeat(65), 'naïve', "x'}) DETACH DELETE n //"])(
    'refuses the property name %p',
    (name) => {
      const error = badInput(() => validatePropertyDefinitions([{ name, type: PropertyType.STRING }], 'properties'));
      expect(error.details.field).toBe('properties[0].name');
    },
  );

  it('accepts a 64-character name', () => {
    expect(validatePropertyDefinitions([{ name: 'a'.repeat(64), type: PropertyType.STRING }], 'p')).toHaveLength(1);
  });

  it.each(['id', 'kind', 'name', 'version', 'createdAt', 'updatedBy', 'validFrom', 'strength'])(
    'refuses the reserved system name %s',
    (name) => {
      const error = badInput(() => validatePropertyDefinitions([{ name, type: PropertyType.STRING }], 'input.properties'));
      expect(error.details.field).toBe('input.properties[0].name');
      expect(error.message).toContain('reserved');
    },
  );

  it('refuses a duplicate name, pointing at the second occurrence', () => {
    const error = badInput(() =>
      validatePropertyDefinitions(
        [
          { name: 'email', type: PropertyType.STRING },
          { name: 'phone', type: PropertyType.STRING },
          { name: 'email', type: PropertyType.INT },
        ],
        'properties',
      ),
    );
    expect(error.details.field).toBe('properties[2].name');
    expect(error.message).toContain('twice');
  });

  it('refuses an unknown type', () => {
    const error = badInput(() => validatePropertyDefinitions([{ name: 'x', type: 'MAP' as PropertyType }], 'properties'));
    expect(error.details.field).toBe('properties[0].type');
  });
});
