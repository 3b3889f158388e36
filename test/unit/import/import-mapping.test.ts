import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { fileMatches, mappingFor, MappingError, parseMapping } from '../../../src/domain/import/import-mapping';

describe('parseMapping', () => {
  test('accepts the shipped LDBC SNB mapping', () => {
    const mapping = parseMapping(parse(readFileSync(join(__dirname, '../../../examples/ldbc-snb/mapping.yml'), 'utf8')));
    expect(mapping.entities.map((e) => e.file)).toEqual(['Person.csv', 'Organisation.csv', 'Place.csv']);
    expect(mapping.relationships).toHaveLength(6);
  });

  test('lists every problem of an invalid mapping with its path', () => {
    const attempt = () =>
      parseMapping({
        source: '',
        entities: [{ file: 'a.csv', key: 'id', kind: 'Person', kindColumn: 'k', name: 'n' }],
        relationships: [{ file: 'r.csv', from: { column: 'a' }, to: { column: 'b' } }],
      });
    expect(attempt).toThrow(MappingError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as MappingError).problems.join('\n');
      expect(problems).toContain('source');
      expect(problems).toContain('give exactly one of kind or kindColumn');
      expect(problems).toContain('give exactly one of type or typeColumn');
    }
  });

  test('refuses unknown fields, so a typo does not pass silently', () => {
    expect(() => parseMapping({ source: 's', entities: [{ file: 'a.csv', key: 'id', kind: 'Person', name: 'n', nmae: 'x' }] })).toThrow(
      MappingError,
    );
  });

  test('accepts a property given as a bare column name or as a full spec', () => {
    const mapping = parseMapping({
      source: 's',
      entities: [{ file: 'a.csv', key: 'id', kind: 'Person', name: 'n', properties: { givenName: 'first', jobTitle: { value: 'CEO' } } }],
    });
    expect(mapping.entities[0]?.properties).toEqual({ givenName: { column: 'first' }, jobTitle: { value: 'CEO' } });
  });
});

describe('file patterns', () => {
  test('match file names with * wildcards and nothing else', () => {
    expect(fileMatches('Person_knows_Person*.csv', 'Person_knows_Person_1.csv')).toBe(true);
    expect(fileMatches('Person.csv', 'Person_csv')).toBe(false);
    expect(fileMatches('a.csv', 'xa.csv')).toBe(false);
  });

  test('prefer an entity entry over a relationship entry for the same file', () => {
    const mapping = parseMapping({
      source: 's',
      entities: [{ file: '*.csv', key: 'id', kind: 'Person', name: 'n' }],
      relationships: [{ file: 'r.csv', type: 'KNOWS', from: { column: 'a' }, to: { column: 'b' } }],
    });
    expect(mappingFor(mapping, 'r.csv')).toHaveProperty('entities');
  });
});
