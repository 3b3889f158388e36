import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CYPHER_DIR } from '../../../src/graph/query-catalogue';
import { cypherFilesUnder, formatFinding, lintStatement, statementsOf, type LintFinding } from '../../support/cypher-lint';

const FIXTURES_DIR = join(__dirname, '..', '..', 'fixtures', 'cypher');

/** The product's queries and the test fixtures' queries, each file linted on its own. */
const roots = [
  { label: 'cypher', dir: CYPHER_DIR },
  ...readdirSync(FIXTURES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ label: `test/fixtures/cypher/${entry.name}`, dir: join(FIXTURES_DIR, entry.name) })),
];

const findingsOf = (text: string): LintFinding[] => lintStatement({ name: 'inline', text });
const errorsOf = (text: string) => findingsOf(text).filter((f) => f.severity === 'error');

describe.each(roots)('Cypher files under $label', ({ label, dir }) => {
  test.each(cypherFilesUnder(dir))('%s passes Neo4j 5 linting without errors', (file) => {
    const findings = statementsOf(dir, file).flatMap(lintStatement);
    const path = `${label}/${file}`;

    const warnings = findings.filter((f) => f.severity !== 'error');
    if (warnings.length > 0) console.warn(warnings.map((f) => formatFinding(path, f)).join('\n'));
    expect(findings.filter((f) => f.severity === 'error').map((f) => formatFinding(path, f))).toEqual([]);
  });
});

describe('the Cypher linter as configured for this project', () => {
  test('reports a syntax error in a broken statement', () => {
    expect(errorsOf('MATCH (n:Entity {id: $id} RETURN n {.id} AS entity')).toContainEqual(
      expect.objectContaining({ severity: 'error', line: 1, message: expect.stringContaining("Invalid input 'RETURN'") }),
    );
  });

  test('reports a variable that is used but never bound', () => {
    expect(errorsOf('MATCH (n:Entity) RETURN m.id AS id')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('Variable `m` not defined') }),
    ]);
  });

  test('reports an APOC function as an error, since APOC is not part of the portable subset', () => {
    expect(errorsOf("RETURN apoc.text.join(['a', 'b'], ',') AS joined")).toEqual([
      expect.objectContaining({ message: expect.stringContaining('apoc.text.join is not present') }),
    ]);
  });

  test('reports any procedure call as an error, db.* procedures included', () => {
    expect(errorsOf('CALL db.labels() YIELD label RETURN label')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('db.labels is not present') }),
    ]);
  });

  test('accepts a portable statement with parameters, built-in functions and a map projection', () => {
    const text = [
      'MATCH (n:Entity {id: $id})',
      'WHERE n.updatedAt >= datetime($since) AND toLower(n.name) STARTS WITH $prefix',
      'RETURN n {.id, .name, updatedAt: n.updatedAt, count: COUNT { (n)--() }} AS entity',
      'SKIP $skip LIMIT $limit',
    ].join('\n');

    expect(findingsOf(text)).toEqual([]);
  });

  test('warns about the deprecated id() function without calling it an error', () => {
    const findings = findingsOf('MATCH (n) RETURN id(n) AS internalId');

    expect(findings.map((f) => f.severity)).not.toContain('error');
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.stringContaining('deprecated') }));
  });
});
