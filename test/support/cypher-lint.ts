/**
 * Checks Cypher against Neo4j 5's own parser and semantic analysis
 * (`lintCypherQuery` from @neo4j-cypher/language-support), the way the product's files
 * must pass: built-in functions only (no APOC, no GDS) and no procedures at all.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type * as LanguageSupport from '@neo4j-cypher/language-support' with { 'resolution-mode': 'import' };
import { QueryCatalogue } from '../../src/graph/query-catalogue';

// The package is an ES module with a CommonJS build: TypeScript (module commonjs) refuses
// a static import of it, Node's require loads its CommonJS entry point.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isNotParamError, lintCypherQuery, testData } = require('@neo4j-cypher/language-support') as typeof LanguageSupport;

/** One finding of the linter, positioned inside its statement (1-based). */
export interface LintFinding {
  readonly statement: string;
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** One statement to lint, named like the catalogue names it. */
export interface LintableStatement {
  readonly name: string;
  readonly text: string;
}

/** The identifier put where a file holds a `__NAME__` placeholder. */
export const SAMPLE_IDENTIFIER = 'Sample';

/** The placeholder syntax QueryCatalogue.render replaces. */
const PLACEHOLDER = /__([A-Z][A-Z0-9_]*?)__/g;

const CYPHER_VERSIONS = ['CYPHER 5', 'CYPHER 25'] as const;

/**
 * The database the linter checks against: Neo4j's built-in functions (taken from the
 * package's own function registry, keeping only those marked built-in, which drops APOC
 * and GDS) and an empty procedure registry, so any CALL of a procedure is an error.
 */
export const PORTABLE_DB_SCHEMA: LanguageSupport.DbSchema = {
  defaultLanguage: 'CYPHER 5',
  functions: Object.fromEntries(
    CYPHER_VERSIONS.map((version) => [
      version,
      Object.fromEntries(Object.entries(testData.mockSchema.functions?.[version] ?? {}).filter(([, fn]) => fn.isBuiltIn)),
    ]),
  ),
  procedures: Object.fromEntries(CYPHER_VERSIONS.map((version) => [version, {}])),
};

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' } as const;

/**
 * Lints one statement, each distinct finding once. "Parameter $x is not defined" is
 * dropped: parameters come at run time and are documented in each file's header comment.
 */
export function lintStatement(statement: LintableStatement): LintFinding[] {
  const { diagnostics } = lintCypherQuery(statement.text, PORTABLE_DB_SCHEMA);
  const findings = diagnostics
    .map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }))
    .filter((d) => isNotParamError(d))
    .map((d) => ({
    statement: statement.name,
    severity: SEVERITY[d.severity ?? 1],
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  }));
  // The parser and the semantic analysis can report the same problem twice.
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(JSON.stringify(f)) && seen.add(JSON.stringify(f)) !== undefined);
}

/** Every `.cypher` file under `root`, as paths relative to it with `/` separators, sorted. */
export function cypherFilesUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.cypher')) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}

/**
 * The statements of `file` (relative to `root`) as the product runs them: files under
 * `schema/` split like QueryCatalogue.statements, other files whole, with every
 * `__NAME__` placeholder replaced by the backticked SAMPLE_IDENTIFIER.
 */
export function statementsOf(root: string, file: string): LintableStatement[] {
  const catalogue = new QueryCatalogue(root);
  const name = file.replace(/\.cypher$/, '');
  if (name.startsWith('schema/')) return catalogue.statements(name);
  const keys = [...readFileSync(join(root, file), 'utf8').matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  return [catalogue.render(name, Object.fromEntries(keys.map((key) => [key, SAMPLE_IDENTIFIER])))];
}

/** A finding as one line for logs and failure messages. */
export function formatFinding(file: string, finding: LintFinding): string {
  return `${file} [${finding.statement} ${finding.line}:${finding.column}] ${finding.severity}: ${finding.message}`;
}
