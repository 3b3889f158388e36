import { BadUserInputError } from '../../../../src/domain/errors';
import { checkKindName, checkRelationshipTypeName } from '../../../../src/domain/metamodel/metamodel-names';

describe('checkKindName', () => {
  it.each(['Person', 'TradeFair', 'X', 'Room2', 'A_b', 'A'.repeat(64)])('accepts %p', (name) => {
    expect(checkKindName(name)).toBe(name);
  });

  it.each([
    'person',
    '2Room',
    '_Room',
    'Trade Fair',
    'Trade-Fair',
    '',
    'A'.repeat(65),
    'Person`) DETACH DELETE n //',
    'Person`',
    'Pérson',
    'Person\n',
  ])('refuses %p with a BadUserInputError on the field name', (name) => {
    expect(() => checkKindName(name)).toThrow(BadUserInputError);
    try {
      checkKindName(name);
    } catch (error) {
      expect((error as BadUserInputError).details.field).toBe('name');
    }
  });

  it.each(['Entity', 'Stakeholder', 'Object', 'Location', 'EntityKind', 'RelationshipType', 'MetamodelSeed', 'Touchpoint', 'Booking', 'Event'])(
    'refuses the system label %s',
    (name) => {
      expect(() => checkKindName(name)).toThrow(/system uses itself/);
    },
  );

  it('refuses a value that is not a string', () => {
    expect(() => checkKindName(42)).toThrow(BadUserInputError);
  });
});

describe('checkRelationshipTypeName', () => {
  it.each(['WORKS_AT', 'KNOWS', 'Sponsors'])('accepts %p', (name) => {
    expect(checkRelationshipTypeName(name)).toBe(name);
  });

  it.each(['works_at', 'WORKS AT', 'WORKS-AT', 'X]->() DETACH DELETE n //'])('refuses %p', (name) => {
    expect(() => checkRelationshipTypeName(name)).toThrow(BadUserInputError);
  });

  it.each(['INVOLVES', 'ABOUT', 'AT', 'Entity'])('refuses the system name %s', (name) => {
    expect(() => checkRelationshipTypeName(name)).toThrow(/system uses itself/);
  });
});
