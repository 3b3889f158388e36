import { BadUserInputError } from '../../../../src/domain/errors';
import type { DefineRelationshipTypeInput } from '../../../../src/domain/metamodel/metamodel.inputs';
import {
  Cardinality,
  Category,
  PropertyType,
  type RelationshipType,
} from '../../../../src/domain/metamodel/metamodel.types';
import {
  applyRelationshipTypePatch,
  checkEndpointKinds,
  normaliseRelationshipTypeDefinition,
  relationshipTypeChangesNeedingNoRelationships,
  type KindRef,
} from '../../../../src/domain/metamodel/relationship-type-rules';

const kinds = new Map<string, KindRef>([
  ['Person', { name: 'Person', category: Category.STAKEHOLDER }],
  ['Organization', { name: 'Organization', category: Category.STAKEHOLDER }],
  ['Room', { name: 'Room', category: Category.LOCATION }],
]);

function stored(input: DefineRelationshipTypeInput): RelationshipType {
  return {
    ...normaliseRelationshipTypeDefinition(input),
    deprecated: false,
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

function field(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadUserInputError) return error.details.field;
    throw error;
  }
  return undefined;
}

describe('normaliseRelationshipTypeDefinition', () => {
  it('fills in the defaults: any endpoints, directed, MANY_TO_MANY, no self-relations, no properties', () => {
    expect(normaliseRelationshipTypeDefinition({ name: 'LIKES' })).toEqual({
      name: 'LIKES',
      description: null,
      source: { kinds: [], categories: [] },
      target: { kinds: [], categories: [] },
      directed: true,
      inverseName: null,
      cardinality: Cardinality.MANY_TO_MANY,
      allowSelf: false,
      properties: [],
    });
  });

  it('removes duplicates from endpoint rules', () => {
    const out = normaliseRelationshipTypeDefinition({
      name: 'LIKES',
      source: { kinds: ['Person', 'Person'], categories: [Category.OBJECT, Category.OBJECT] },
    });
    expect(out.source).toEqual({ kinds: ['Person'], categories: [Category.OBJECT] });
  });

  it('refuses a symmetric type whose two endpoint rules differ', () => {
    expect(
      field(() =>
        normaliseRelationshipTypeDefinition({ name: 'MEETS', directed: false, source: { kinds: ['Person'] }, target: { kinds: ['Room'] } }),
      ),
    ).toBe('target');
  });

  it('accepts a symmetric type with the same rules listed in another order', () => {
    const rule = { kinds: ['Person', 'Organization'] };
    const out = normaliseRelationshipTypeDefinition({
      name: 'MEETS',
      directed: false,
      source: rule,
      target: { kinds: ['Organization', 'Person'] },
    });
    expect(out.directed).toBe(false);
  });

  it('refuses an inverse name or MANY_TO_ONE on a symmetric type', () => {
    expect(field(() => normaliseRelationshipTypeDefinition({ name: 'MEETS', directed: false, inverseName: 'met by' }))).toBe(
      'inverseName',
    );
    expect(
      field(() => normaliseRelationshipTypeDefinition({ name: 'MEETS', directed: false, cardinality: Cardinality.MANY_TO_ONE })),
    ).toBe('cardinality');
  });

  it('refuses an unknown category or cardinality', () => {
    expect(field(() => normaliseRelationshipTypeDefinition({ name: 'X', target: { categories: ['PLANET' as Category] } }))).toBe(
      'target.categories[0]',
    );
    expect(field(() => normaliseRelationshipTypeDefinition({ name: 'X', cardinality: 'toString' as Cardinality }))).toBe(
      'cardinality',
    );
  });
});

describe('checkEndpointKinds', () => {
  it('refuses a rule naming an unregistered kind and lists the defined ones', () => {
    const definition = normaliseRelationshipTypeDefinition({ name: 'X', target: { kinds: ['Room', 'Spaceship'] } });
    expect(() => checkEndpointKinds(definition, kinds)).toThrow(/"Spaceship".*Organization, Person, Room/);
    expect(field(() => checkEndpointKinds(definition, kinds))).toBe('target.kinds');
  });
});

describe('relationshipTypeChangesNeedingNoRelationships', () => {
  const current = stored({
    name: 'WORKS_AT',
    source: { kinds: ['Person'] },
    target: { kinds: ['Organization'] },
    cardinality: Cardinality.MANY_TO_ONE,
    properties: [{ name: 'title', type: PropertyType.STRING }],
  });
  const reasons = (patch: Parameters<typeof applyRelationshipTypePatch>[1]) =>
    relationshipTypeChangesNeedingNoRelationships(current, applyRelationshipTypePatch(current, patch), kinds);

  it('finds nothing unsafe in descriptions, inverse names, wider rules, looser cardinality or new optional properties', () => {
    expect(
      reasons({
        expectedVersion: 1,
        description: 'employment',
        inverseName: 'employs',
        target: { kinds: ['Organization', 'Room'] },
        source: { categories: [Category.STAKEHOLDER] },
        cardinality: Cardinality.MANY_TO_MANY,
        allowSelf: true,
        properties: [
          { name: 'title', type: PropertyType.STRING },
          { name: 'since', type: PropertyType.DATE },
        ],
      }),
    ).toEqual([]);
  });

  it('treats an empty rule as the widest', () => {
    expect(reasons({ expectedVersion: 1, target: {} })).toEqual([]);
  });

  it('names narrower rules, a new direction, a stricter cardinality and unsafe property changes', () => {
    expect(
      reasons({
        expectedVersion: 1,
        target: { kinds: ['Room'] },
        cardinality: Cardinality.ONE_TO_ONE,
        properties: [{ name: 'title', type: PropertyType.INT }, { name: 'badge', type: PropertyType.STRING, required: true }],
      }),
    ).toEqual([
      'the target rule no longer accepts every kind it accepted',
      'the cardinality tightens from MANY_TO_ONE to ONE_TO_ONE',
      'property "title" changes type from STRING to INT',
      'new property "badge" is required',
    ]);
  });

  it('sees that a rule listing a kind by name accepts it through its category too', () => {
    expect(reasons({ expectedVersion: 1, source: { categories: [Category.LOCATION] } })).toEqual([
      'the source rule no longer accepts every kind it accepted',
    ]);
  });
});
