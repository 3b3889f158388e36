import {
  DEFAULT_KINDS,
  DEFAULT_RELATIONSHIP_TYPES,
} from '../../../../src/domain/metamodel/default-metamodel';
import { normaliseKindDefinition } from '../../../../src/domain/metamodel/kind-rules';
import { Cardinality, Category } from '../../../../src/domain/metamodel/metamodel.types';
import {
  checkEndpointKinds,
  normaliseRelationshipTypeDefinition,
} from '../../../../src/domain/metamodel/relationship-type-rules';

const kinds = DEFAULT_KINDS.map(normaliseKindDefinition);
const kindsByName = new Map(kinds.map((k) => [k.name, k]));
const types = DEFAULT_RELATIONSHIP_TYPES.map(normaliseRelationshipTypeDefinition);
const typesByName = new Map(types.map((t) => [t.name, t]));

describe('the default metamodel', () => {
  it('passes the same validation as a user-defined kind, for every kind', () => {
    expect(kinds).toHaveLength(DEFAULT_KINDS.length);
    expect(new Set(kinds.map((k) => k.name)).size).toBe(kinds.length);
  });

  it('has the stakeholder, object and location kinds a trade-fair company needs', () => {
    const categoryOf = (name: string) => kindsByName.get(name)?.category;
    for (const name of ['Person', 'Organization', 'Department', 'Gathering']) expect(categoryOf(name)).toBe(Category.STAKEHOLDER);
    for (const name of ['Device', 'Vehicle', 'Equipment']) expect(categoryOf(name)).toBe(Category.OBJECT);
    for (const name of ['Site', 'Building', 'Room']) expect(categoryOf(name)).toBe(Category.LOCATION);
  });

  it('gives every kind, type and property a description', () => {
    for (const item of [...kinds, ...types]) {
      expect(item.description).toBeTruthy();
      for (const p of item.properties) expect(p.description).toBeTruthy();
    }
  });

  it('gives rooms an INT capacity', () => {
    expect(kindsByName.get('Room')?.properties.find((p) => p.name === 'capacity')?.type).toBe('INT');
  });

  it('names only default kinds in the endpoint rules of its relationship types', () => {
    for (const type of types) expect(() => checkEndpointKinds(type, kindsByName)).not.toThrow();
  });

  it('gives every directed type an inverse name and leaves symmetric ones without', () => {
    for (const type of types) {
      if (type.directed) expect(type.inverseName).toBeTruthy();
      else expect(type.inverseName).toBeNull();
    }
  });

  it('makes KNOWS and PARTNER_OF symmetric', () => {
    expect(typesByName.get('KNOWS')?.directed).toBe(false);
    expect(typesByName.get('PARTNER_OF')?.directed).toBe(false);
  });

  it('lets people work at several organisations and places everything in at most one location', () => {
    expect(typesByName.get('WORKS_AT')).toMatchObject({
      cardinality: Cardinality.MANY_TO_MANY,
      inverseName: 'employs',
      source: { kinds: ['Person'] },
      target: { kinds: ['Organization', 'Department'] },
    });
    expect(typesByName.get('LOCATED_IN')?.cardinality).toBe(Cardinality.MANY_TO_ONE);
    expect(typesByName.get('LOCATED_IN')?.target.categories).toEqual([Category.LOCATION]);
    expect(typesByName.get('PART_OF')?.cardinality).toBe(Cardinality.MANY_TO_ONE);
  });

  it('has the relationship types the brief names', () => {
    for (const name of [
      'WORKS_AT', 'MEMBER_OF', 'KNOWS', 'CUSTOMER_OF', 'SUPPLIES', 'PARTNER_OF', 'INVESTS_IN', 'OWNS', 'USES',
      'LOCATED_IN', 'PART_OF', 'RESPONSIBLE_FOR', 'EXHIBITS_AT', 'ORGANIZES', 'ATTENDS',
    ]) {
      expect(typesByName.has(name)).toBe(true);
    }
  });
});
